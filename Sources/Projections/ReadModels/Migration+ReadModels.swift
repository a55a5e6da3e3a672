import EventStore

extension Migration {
    /// The read models' tables (loan_view, borrower_view, statement_line, portfolio_daily, ledger
    /// balances), after the event store's migrations.
    public static let readModelMigrations: [Migration] = []

    /// Every migration of a LoanStream database: the event store's, then the read models'.
    public static let platform: [Migration] = Migration.all + readModelMigrations
}
