// Module Telemetry: metrics registry and exporters (consumer lag, DLQ, outbox backlog), health, logging and tracing setup.
