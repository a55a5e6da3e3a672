// Module Telemetry: the metrics registry and exporters (consumer lag, DLQ, outbox backlog) and logging setup.
// Intentionally empty until the exporters are built.
