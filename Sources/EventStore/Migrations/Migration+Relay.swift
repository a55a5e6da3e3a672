extension Migration {
    /// The CDC outbox the projectors write (same shape as `outbox`, drained by the same relay) and
    /// the rows the relay parked because they failed validation, kept with their error.
    static let cdcOutboxAndParking = Migration(version: 4, name: "cdc outbox and parked outbox rows", sql: #"""
    CREATE TABLE cdc_outbox (
        id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        topic      text        NOT NULL,
        key        text        NOT NULL,
        headers    jsonb       NOT NULL DEFAULT '{}',
        payload    text        NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
    );
    CREATE INDEX cdc_outbox_key ON cdc_outbox (key, id);

    CREATE TABLE outbox_parked (
        source_table text        NOT NULL,
        id           bigint      NOT NULL,
        topic        text        NOT NULL,
        key          text        NOT NULL,
        headers      jsonb       NOT NULL,
        payload      text        NOT NULL,
        created_at   timestamptz NOT NULL,
        parked_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
        error        text        NOT NULL,
        PRIMARY KEY (source_table, id)
    );
    CREATE INDEX outbox_parked_key ON outbox_parked (source_table, key);
    """#)

    /// Projector bookkeeping: the Kafka offsets each projector has applied (the offsets that count,
    /// not the consumer group's) and the last applied version of every stream, for dedupe and gaps.
    static let projectionCheckpoints = Migration(version: 5, name: "projection checkpoints", sql: #"""
    CREATE TABLE projection_checkpoint (
        projector   text        NOT NULL,
        topic       text        NOT NULL,
        partition   integer     NOT NULL CHECK (partition >= 0),
        next_offset bigint      NOT NULL CHECK (next_offset >= 0),
        updated_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (projector, topic, partition)
    );

    CREATE TABLE projection_stream (
        projector text    NOT NULL,
        stream_id uuid    NOT NULL,
        version   integer NOT NULL CHECK (version >= 1),
        PRIMARY KEY (projector, stream_id)
    );
    """#)
}
