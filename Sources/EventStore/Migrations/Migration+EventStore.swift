extension Migration {
    /// The event store: one row per event, `(loan_id, version)` as the optimistic-concurrency check.
    static let eventStore = Migration(version: 1, name: "event store", sql: #"""
    CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
            USING ERRCODE = 'restrict_violation',
                  HINT = 'history is never edited; append a correcting event or a reversing entry';
    END $$;

    CREATE TABLE loan_event (
        loan_id        uuid        NOT NULL,
        version        integer     NOT NULL CHECK (version >= 1),
        event_id       uuid        NOT NULL UNIQUE,
        event_type     text        NOT NULL,
        schema_version integer     NOT NULL CHECK (schema_version >= 1),
        occurred_at    timestamptz NOT NULL,
        effective_at   timestamptz NOT NULL,
        payload        jsonb       NOT NULL,
        PRIMARY KEY (loan_id, version)
    );
    CREATE INDEX loan_event_effective ON loan_event (loan_id, effective_at);
    CREATE INDEX loan_event_type ON loan_event (event_type, occurred_at);

    CREATE TABLE borrower_event (
        borrower_id    uuid        NOT NULL,
        version        integer     NOT NULL CHECK (version >= 1),
        event_id       uuid        NOT NULL UNIQUE,
        event_type     text        NOT NULL,
        schema_version integer     NOT NULL CHECK (schema_version >= 1),
        occurred_at    timestamptz NOT NULL,
        effective_at   timestamptz NOT NULL,
        payload        jsonb       NOT NULL,
        PRIMARY KEY (borrower_id, version)
    );

    CREATE TRIGGER loan_event_append_only BEFORE UPDATE OR DELETE ON loan_event
        FOR EACH ROW EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER loan_event_no_truncate BEFORE TRUNCATE ON loan_event
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER borrower_event_append_only BEFORE UPDATE OR DELETE ON borrower_event
        FOR EACH ROW EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER borrower_event_no_truncate BEFORE TRUNCATE ON borrower_event
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
    """#)
}
