import EventStore

extension Migration {
    /// The read models' tables (loan_view, borrower_view, statement_line, portfolio_daily, ledger
    /// balances), after the event store's migrations.
    public static let readModelMigrations: [Migration] = [.readModels, .snapshotsAsText]

    /// Every migration of a LoanStream database: the event store's, then the read models'.
    public static let platform: [Migration] = Migration.all + readModelMigrations

    /// Migration 6: the tables of ``ReadModelProjection`` (docs/READ_MODELS.md describes each column).
    ///
    /// Money is `bigint` minor units of the row's `currency` (never a float); ratios are `numeric`.
    /// No views and no foreign keys: a rebuild recreates these tables beside the live ones and swaps them in.
    static let readModels = Migration(version: 6, name: "read models", sql: #"""
    CREATE TABLE loan_snapshot (
        loan_id  uuid    PRIMARY KEY,
        version  integer NOT NULL CHECK (version >= 1),
        snapshot jsonb   NOT NULL
    );

    CREATE TABLE loan_view (
        loan_id                   uuid        PRIMARY KEY,
        borrower_id               uuid,
        product_code              text        NOT NULL,
        currency                  char(3)     NOT NULL,
        status                    text        NOT NULL,
        requested_amount_minor    bigint      NOT NULL,
        approved_amount_minor     bigint      NOT NULL,
        sanctioned_amount_minor   bigint      NOT NULL,
        principal_minor           bigint      NOT NULL,
        installment_amount_minor  bigint      NOT NULL,
        outstanding_principal_minor bigint    NOT NULL,
        outstanding_interest_minor  bigint    NOT NULL,
        outstanding_fees_minor      bigint    NOT NULL,
        outstanding_penalty_minor   bigint    NOT NULL,
        outstanding_total_minor     bigint    NOT NULL,
        overdue_minor             bigint      NOT NULL,
        excess_minor              bigint      NOT NULL,
        written_off_minor         bigint      NOT NULL,
        recovered_minor           bigint      NOT NULL,
        days_past_due             integer     NOT NULL,
        bucket                    text        NOT NULL,
        npa                       boolean     NOT NULL,
        as_of_date                date,
        installments_total        integer     NOT NULL,
        installments_settled      integer     NOT NULL,
        next_due_date             date,
        next_due_minor            bigint,
        last_payment_id           uuid,
        last_payment_date         date,
        last_payment_minor        bigint,
        disbursed_on              date,
        closed_on                 date,
        opened_at                 timestamptz NOT NULL,
        updated_at                timestamptz NOT NULL,
        version                   integer     NOT NULL CHECK (version >= 1)
    );
    CREATE INDEX loan_view_borrower ON loan_view (borrower_id, opened_at, loan_id);

    CREATE TABLE borrower_view (
        borrower_id         uuid        PRIMARY KEY,
        full_name           text,
        registered_on       date,
        kyc_completed       boolean     NOT NULL DEFAULT false,
        kyc_verified_on     date,
        version             integer     NOT NULL DEFAULT 0 CHECK (version >= 0),
        loan_count          integer     NOT NULL DEFAULT 0,
        active_loan_count   integer     NOT NULL DEFAULT 0,
        exposure            jsonb       NOT NULL DEFAULT '{}',
        worst_days_past_due integer     NOT NULL DEFAULT 0
    );

    CREATE TABLE statement_line (
        loan_id                 uuid        NOT NULL,
        line_no                 integer     NOT NULL CHECK (line_no >= 1),
        version                 integer     NOT NULL,
        event_id                uuid        NOT NULL,
        event_type              text        NOT NULL,
        effective_date          date        NOT NULL,
        recorded_at             timestamptz NOT NULL,
        currency                char(3)     NOT NULL,
        amount_minor            bigint      NOT NULL,
        principal_minor         bigint      NOT NULL,
        interest_minor          bigint      NOT NULL,
        fees_minor              bigint      NOT NULL,
        penalty_minor           bigint      NOT NULL,
        excess_minor            bigint      NOT NULL,
        balance_principal_minor bigint      NOT NULL,
        balance_interest_minor  bigint      NOT NULL,
        balance_fees_minor      bigint      NOT NULL,
        balance_penalty_minor   bigint      NOT NULL,
        balance_total_minor     bigint      NOT NULL,
        balance_excess_minor    bigint      NOT NULL,
        PRIMARY KEY (loan_id, line_no)
    );

    CREATE TABLE ledger_balance (
        loan_id       uuid    NOT NULL,
        account       text    NOT NULL,
        currency      char(3) NOT NULL,
        balance_minor bigint  NOT NULL,
        PRIMARY KEY (loan_id, account)
    );
    CREATE INDEX ledger_balance_account ON ledger_balance (account, currency);

    CREATE TABLE portfolio_daily (
        business_date               date    NOT NULL,
        product_code                text    NOT NULL,
        currency                    char(3) NOT NULL,
        loans_draft                 integer NOT NULL DEFAULT 0,
        loans_submitted             integer NOT NULL DEFAULT 0,
        loans_referred              integer NOT NULL DEFAULT 0,
        loans_approved              integer NOT NULL DEFAULT 0,
        loans_declined              integer NOT NULL DEFAULT 0,
        loans_sanctioned            integer NOT NULL DEFAULT 0,
        loans_disbursing            integer NOT NULL DEFAULT 0,
        loans_active                integer NOT NULL DEFAULT 0,
        loans_written_off           integer NOT NULL DEFAULT 0,
        loans_closed                integer NOT NULL DEFAULT 0,
        outstanding_principal_minor bigint  NOT NULL DEFAULT 0,
        outstanding_interest_minor  bigint  NOT NULL DEFAULT 0,
        outstanding_fees_minor      bigint  NOT NULL DEFAULT 0,
        outstanding_penalty_minor   bigint  NOT NULL DEFAULT 0,
        bucket_current_count        integer NOT NULL DEFAULT 0,
        bucket_current_minor        bigint  NOT NULL DEFAULT 0,
        bucket_1_30_count           integer NOT NULL DEFAULT 0,
        bucket_1_30_minor           bigint  NOT NULL DEFAULT 0,
        bucket_31_60_count          integer NOT NULL DEFAULT 0,
        bucket_31_60_minor          bigint  NOT NULL DEFAULT 0,
        bucket_61_90_count          integer NOT NULL DEFAULT 0,
        bucket_61_90_minor          bigint  NOT NULL DEFAULT 0,
        bucket_90_plus_count        integer NOT NULL DEFAULT 0,
        bucket_90_plus_minor        bigint  NOT NULL DEFAULT 0,
        par30_minor                 bigint  NOT NULL DEFAULT 0,
        par60_minor                 bigint  NOT NULL DEFAULT 0,
        par90_minor                 bigint  NOT NULL DEFAULT 0,
        disbursed_count             integer NOT NULL DEFAULT 0,
        disbursed_minor             bigint  NOT NULL DEFAULT 0,
        collected_minor             bigint  NOT NULL DEFAULT 0,
        due_minor                   bigint  NOT NULL DEFAULT 0,
        par30 numeric GENERATED ALWAYS AS (CASE WHEN outstanding_principal_minor > 0
            THEN round(par30_minor::numeric / outstanding_principal_minor, 6) ELSE 0 END) STORED,
        par60 numeric GENERATED ALWAYS AS (CASE WHEN outstanding_principal_minor > 0
            THEN round(par60_minor::numeric / outstanding_principal_minor, 6) ELSE 0 END) STORED,
        par90 numeric GENERATED ALWAYS AS (CASE WHEN outstanding_principal_minor > 0
            THEN round(par90_minor::numeric / outstanding_principal_minor, 6) ELSE 0 END) STORED,
        collection_efficiency numeric GENERATED ALWAYS AS (CASE WHEN due_minor > 0
            THEN round(collected_minor::numeric / due_minor, 6) END) STORED,
        PRIMARY KEY (product_code, currency, business_date)
    );
    CREATE INDEX portfolio_daily_date ON portfolio_daily (business_date, product_code, currency);
    """#)
}
