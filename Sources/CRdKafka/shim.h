// librdkafka's C API, found through pkg-config (`rdkafka`); scripts/bootstrap builds 2.8.0 into .deps/rdkafka.
#include <librdkafka/rdkafka.h>
