extension Migration {
    /// The double-entry journal. Amounts are integer minor units: debits positive, credits negative,
    /// so an entry balances when its lines sum to zero — checked at commit by a deferred trigger.
    static let ledger = Migration(version: 2, name: "double-entry journal", sql: #"""
    CREATE TABLE journal_entry (
        entry_id          uuid        PRIMARY KEY,
        loan_id           uuid        NOT NULL,
        event_id          uuid        NOT NULL REFERENCES loan_event (event_id),
        currency          char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        effective_date    date        NOT NULL,
        recorded_at       timestamptz NOT NULL DEFAULT now(),
        description       text        NOT NULL,
        reverses_entry_id uuid        REFERENCES journal_entry (entry_id)
    );
    CREATE INDEX journal_entry_loan ON journal_entry (loan_id, effective_date);

    CREATE TABLE journal_line (
        entry_id     uuid     NOT NULL REFERENCES journal_entry (entry_id),
        line_no      smallint NOT NULL CHECK (line_no >= 1),
        account      text     NOT NULL,
        amount_minor bigint   NOT NULL CHECK (amount_minor <> 0),
        PRIMARY KEY (entry_id, line_no)
    );
    CREATE INDEX journal_line_account ON journal_line (account);

    CREATE FUNCTION journal_entry_balances() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        lines integer;
        total numeric;
    BEGIN
        SELECT count(*), coalesce(sum(amount_minor), 0) INTO lines, total
          FROM journal_line WHERE entry_id = NEW.entry_id;
        IF lines < 2 OR total <> 0 THEN
            RAISE EXCEPTION 'journal entry % does not balance: % lines summing to %', NEW.entry_id, lines, total
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
    END $$;

    -- Checked at commit, once every line of the entry is in.
    CREATE CONSTRAINT TRIGGER journal_entry_balanced AFTER INSERT ON journal_entry
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_balances();
    CREATE CONSTRAINT TRIGGER journal_line_balanced AFTER INSERT ON journal_line
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_balances();

    CREATE TRIGGER journal_entry_append_only BEFORE UPDATE OR DELETE ON journal_entry
        FOR EACH ROW EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER journal_line_append_only BEFORE UPDATE OR DELETE ON journal_line
        FOR EACH ROW EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER journal_entry_no_truncate BEFORE TRUNCATE ON journal_entry
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER journal_line_no_truncate BEFORE TRUNCATE ON journal_line
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
    """#)
}
