import EventSchemas
import Foundation
import Lending
import LoanStreamTestSupport
import PostgresNIO
import Testing

/// Assertions shared by the consistency tests.
extension ReadModelHarness {
    /// loan_view holds what `LoanState.fold` of the event store gives, as of the loan's business date.
    func expectLoanViewMatchesFold(_ loan: UUID) async throws {
        let h = self
        let d = ReadModelHarness.date
        let (state, version, asOf) = try await h.fold(loan)
        let row = try #require(try await h.json("SELECT to_jsonb(v)::text FROM loan_view v WHERE loan_id = '\(loan)'"))
        let dpd = DelinquencyClassifier(policy: state.terms?.delinquency ?? .standard)
            .classify(state.installments, on: asOf ?? d("1970-01-01"))
        #expect(row["version"]?.numberValue?.int64 == Int64(version), "loan \(loan)")
        #expect(row["status"]?.stringValue == state.status.rawValue, "loan \(loan)")
        #expect(row["product_code"]?.stringValue == state.productCode, "loan \(loan)")
        #expect(row["borrower_id"]?.stringValue == state.borrowerId?.description, "loan \(loan)")
        #expect(row["principal_minor"]?.numberValue?.int64 == state.disbursedAmount, "loan \(loan)")
        #expect(row["outstanding_principal_minor"]?.numberValue?.int64 == state.outstanding.principal, "loan \(loan)")
        #expect(row["outstanding_interest_minor"]?.numberValue?.int64 == state.outstanding.interest, "loan \(loan)")
        #expect(row["outstanding_fees_minor"]?.numberValue?.int64 == state.outstanding.fees, "loan \(loan)")
        #expect(row["outstanding_penalty_minor"]?.numberValue?.int64 == state.outstanding.penalty, "loan \(loan)")
        #expect(row["outstanding_total_minor"]?.numberValue?.int64 == state.outstanding.total, "loan \(loan)")
        #expect(row["excess_minor"]?.numberValue?.int64 == state.excess, "loan \(loan)")
        #expect(row["days_past_due"]?.numberValue?.int64 == Int64(dpd.daysPastDue), "loan \(loan)")
        #expect(row["bucket"]?.stringValue == dpd.bucket, "loan \(loan)")
        #expect(row["as_of_date"]?.stringValue == asOf?.description, "loan \(loan)")
        #expect(row["installments_total"]?.numberValue?.int64 == Int64(state.installments.count), "loan \(loan)")
        #expect(row["last_payment_minor"]?.numberValue?.int64 == state.repayments.last?.amount, "loan \(loan)")
    }

    /// Statement lines run in order, their balances are the ledger's and end at the loan's
    /// outstanding balance; ledger_balance equals the journal account by account.
    func expectStatementAgreesWithLedger(_ loan: UUID) async throws {
        let h = self
        let lines = try await h.client.query("""
            SELECT line_no, principal_minor, interest_minor, fees_minor, penalty_minor, excess_minor,
                   balance_principal_minor, balance_interest_minor, balance_fees_minor, balance_penalty_minor,
                   balance_total_minor, balance_excess_minor
              FROM statement_line WHERE loan_id = \(loan) ORDER BY line_no
            """)
        var running = [Int64](repeating: 0, count: 5)
        var count = 0
        var last: [Int64] = []
        for try await row in lines.decode((Int, Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64).self) {
            count += 1
            #expect(row.0 == count, "line numbers run 1, 2, 3 … without gaps")
            running[0] += row.1; running[1] += row.2; running[2] += row.3; running[3] += row.4; running[4] += row.5
            #expect([row.6, row.7, row.8, row.9, row.11] == running, "line \(row.0): balances are the running sums")
            #expect(row.10 == row.6 + row.7 + row.8 + row.9)
            last = [row.6, row.7, row.8, row.9, row.10, row.11]
        }
        let (state, _, _) = try await h.fold(loan)
        let entries = try await h.int("SELECT count(*)::int8 FROM journal_entry WHERE loan_id = '\(loan)'")
        #expect(count == entries, "one statement line per journal entry")
        #expect(last == [state.outstanding.principal, state.outstanding.interest, state.outstanding.fees,
                         state.outstanding.penalty, state.outstanding.total, state.excess])
        // Ledger balances equal the journal's, account by account.
        let mismatches = try await h.int("""
            SELECT count(*)::int8 FROM (
                SELECT l.account, sum(l.amount_minor) AS total FROM journal_line l JOIN journal_entry e USING (entry_id)
                 WHERE e.loan_id = '\(loan)' GROUP BY l.account) j
            FULL JOIN (SELECT account, balance_minor FROM ledger_balance WHERE loan_id = '\(loan)') b USING (account)
            WHERE coalesce(j.total, 0) <> coalesce(b.balance_minor, 0)
            """)
        #expect(mismatches == 0)
    }

    /// Book totals per account agree with the journal.
    func expectBookTotalsAgreeWithJournal() async throws {
        let totals = try await int("""
            SELECT count(*)::int8 FROM (SELECT account, sum(amount_minor) AS total FROM journal_line GROUP BY account) j
            FULL JOIN (SELECT account, sum(balance_minor) AS total FROM ledger_balance GROUP BY account) b USING (account)
            WHERE coalesce(j.total, 0) <> coalesce(b.total, 0)
            """)
        #expect(totals == 0, "book totals per account agree with the journal")
    }
}
