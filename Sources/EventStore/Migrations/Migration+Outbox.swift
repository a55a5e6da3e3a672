extension Migration {
    /// Stored responses of idempotent requests, and the transactional outbox the relay drains.
    static let idempotencyAndOutbox = Migration(version: 3, name: "idempotency keys and outbox", sql: #"""
    CREATE TABLE idempotency_key (
        scope         text        NOT NULL,
        key           text        NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
        request_hash  text        NOT NULL,
        status_code   integer     NOT NULL,
        response_body bytea       NOT NULL,
        content_type  text        NOT NULL,
        loan_id       uuid,
        created_at    timestamptz NOT NULL DEFAULT now(),
        expires_at    timestamptz NOT NULL,
        PRIMARY KEY (scope, key)
    );
    CREATE INDEX idempotency_key_expiry ON idempotency_key (expires_at);

    -- Rows are deleted by the relay once Kafka acknowledged them; ids only order rows of one key.
    CREATE TABLE outbox (
        id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        topic      text        NOT NULL,
        key        text        NOT NULL,
        headers    jsonb       NOT NULL DEFAULT '{}',
        payload    text        NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
    );
    CREATE INDEX outbox_key ON outbox (key, id);
    """#)
}
