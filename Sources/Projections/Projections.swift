// Module Projections: the projector framework, read models, DLQ handling, rebuild and the CDC outbox
// (ARCHITECTURE.md, guarantees 5 and 7). Intentionally empty until the projectors are built.
