// librdkafka's C API, found through pkg-config (`rdkafka`); scripts/bootstrap builds 2.8.0 into .deps/rdkafka.
#include <librdkafka/rdkafka.h>
// The in-process mock cluster (`test.mock.num.brokers`, request error injection) used by the Kafka module's
// fault-injection tests; it ships in the same library, so no extra link flag is needed.
#include <librdkafka/rdkafka_mock.h>
