// Module Relay: the outbox → Kafka publisher service (ARCHITECTURE.md, guarantee 4).
