extension Migration {
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
