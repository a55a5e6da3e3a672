// Module Relay: the outbox → Kafka publisher service (ARCHITECTURE.md, guarantee 4).
// Intentionally empty until the relay is built; no placeholder types are declared here.
