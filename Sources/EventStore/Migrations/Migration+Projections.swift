extension Migration {
    /// Projector bookkeeping: the Kafka offsets each projector has applied (the offsets that count,
    /// not the consumer group's), the last applied version of every stream (dedupe and gaps), the
    /// events a projector parked (dead letters, kept with their error until replayed or discarded),
    /// the events waiting behind a gap or a parked predecessor, and the built-in `event_index`
    /// read model (which Kafka offset carried which event).
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

    -- A parked event blocks its stream (later versions wait in projection_waiting) until an
    -- operator replays or discards it (`loanstream dlq`). stream_id/version are null when the
    -- message was too broken to tell which stream it belongs to; such a message blocks nothing.
    CREATE TABLE projection_parked (
        id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        projector       text        NOT NULL,
        stream_id       uuid,
        version         integer,
        event_id        uuid,
        event_type      text,
        error_class     text        NOT NULL,
        error_message   text        NOT NULL,
        topic           text        NOT NULL,
        partition       integer     NOT NULL,
        kafka_offset    bigint      NOT NULL,
        message_key     bytea,
        headers         jsonb       NOT NULL DEFAULT '[]',
        payload         bytea,
        parked_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
        replay_attempts integer     NOT NULL DEFAULT 0,
        resolved_at     timestamptz,
        resolution      text        CHECK (resolution IN ('replayed', 'discarded')),
        resolved_by     text,
        UNIQUE (projector, topic, partition, kafka_offset)
    );
    CREATE INDEX projection_parked_open ON projection_parked (projector, stream_id) WHERE resolved_at IS NULL;

    CREATE TABLE projection_waiting (
        projector    text        NOT NULL,
        stream_id    uuid        NOT NULL,
        version      integer     NOT NULL CHECK (version >= 1),
        event_id     uuid,
        topic        text        NOT NULL,
        partition    integer     NOT NULL,
        kafka_offset bigint      NOT NULL,
        message_key  bytea,
        headers      jsonb       NOT NULL DEFAULT '[]',
        payload      bytea,
        received_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (projector, stream_id, version)
    );

    CREATE TABLE event_index (
        stream_id    uuid        NOT NULL,
        version      integer     NOT NULL CHECK (version >= 1),
        event_id     uuid        NOT NULL,
        event_type   text        NOT NULL,
        topic        text        NOT NULL,
        partition    integer     NOT NULL,
        kafka_offset bigint      NOT NULL,
        effective_at timestamptz NOT NULL,
        PRIMARY KEY (stream_id, version)
    );
    """#)
}
