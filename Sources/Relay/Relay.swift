// Module Relay: the outbox → Kafka publisher service (ARCHITECTURE.md, guarantee 4).
//
// - `OutboxRelay` (a `ServiceLifecycle.Service`) is active while it holds a PostgreSQL advisory lock on a
//   dedicated connection (`LeaderLock`); other processes stand by and retry. It runs one `TablePump` per
//   outbox table (`outbox`, `cdc_outbox`, … — `RelaySource`: a table and a topic mapping) over one
//   idempotent `KafkaProducer`.
// - Gap safety without a high-water mark: every round reads the rows visible now (`ORDER BY id LIMIT n`,
//   minus the rows in flight), publishes them, and deletes exactly the acknowledged ids. A row that
//   commits late is found by a later round.
// - Per-key order: a round is handed to the producer only after the previous one was fully acknowledged;
//   a failed round is re-read whole, and the read-ahead round is discarded.
// - Invalid rows (`RowCheck`: schema of `Schemas/<event_type>/v<schema_version>.json`, or a JSON object for
//   CDC rows) are moved to `outbox_parked` with their error; later rows of that key are held until an
//   operator resolves the parked row; other keys keep flowing.
