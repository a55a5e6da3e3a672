import EventSchemas
import Foundation
import Lending
import Logging
import PostgresNIO

/// Writes `borrower_view`: the borrower stream's own facts (name, registration, KYC, version)
/// and the aggregates over the borrower's loans in `loan_view` (loans, exposure, worst DPD).
enum BorrowerViewWriter {
    /// What a batch's borrower events say about one borrower (`nil`: unchanged).
    struct Facts: Encodable, Sendable {
        var borrowerId: UUID
        var fullName: String?
        var registeredOn: LocalDate?
        var kycCompleted = false
        var kycVerifiedOn: LocalDate?
        var version: Int

        /// Folds one event into the facts.
        mutating func apply(_ event: BorrowerEvent, version: Int) {
            switch event.payload {
            case .registered(let e):
                fullName = e.fullName
                registeredOn = event.effectiveDate
            case .kycIndividualCompleted(let e):
                kycCompleted = true
                kycVerifiedOn = e.verifiedOn
            }
            self.version = version
        }
    }

    /// Upserts the facts; a row already at or past the batch's version is left alone (a replay).
    static func write(_ facts: [Facts], pipeline: inout StatementPipeline) throws {
        guard !facts.isEmpty else { return }
        let json = try StreamingJSONEncoder.encode(facts, snakeCaseKeys: true)
        pipeline.send("""
            INSERT INTO borrower_view (borrower_id, full_name, registered_on, kyc_completed, kyc_verified_on, version)
            SELECT borrower_id, full_name, registered_on, kyc_completed, kyc_verified_on, version
              FROM jsonb_to_recordset(\(json)::jsonb) AS r(borrower_id uuid, full_name text, registered_on date,
                                                          kyc_completed boolean, kyc_verified_on date, version integer)
            ON CONFLICT (borrower_id) DO UPDATE SET
                full_name = coalesce(EXCLUDED.full_name, borrower_view.full_name),
                registered_on = coalesce(EXCLUDED.registered_on, borrower_view.registered_on),
                kyc_completed = borrower_view.kyc_completed OR EXCLUDED.kyc_completed,
                kyc_verified_on = coalesce(EXCLUDED.kyc_verified_on, borrower_view.kyc_verified_on),
                version = EXCLUDED.version
             WHERE borrower_view.version < EXCLUDED.version
            """)
    }

    /// Recomputes the loan aggregates of `borrowers` from `loan_view` (as the statements sent before it left it).
    ///
    /// Exposure is the outstanding receivables (principal, interest, fees, penalty) per currency.
    static func refreshAggregates(_ borrowers: [UUID], pipeline: inout StatementPipeline) {
        guard !borrowers.isEmpty else { return }
        pipeline.send("""
            INSERT INTO borrower_view (borrower_id, loan_count, active_loan_count, exposure, worst_days_past_due)
            SELECT b.id, count(v.loan_id), count(v.loan_id) FILTER (WHERE v.status = 'active'),
                   coalesce((SELECT jsonb_object_agg(x.currency, x.total ORDER BY x.currency)
                               FROM (SELECT currency::text AS currency, sum(outstanding_total_minor)::bigint AS total
                                       FROM loan_view WHERE borrower_id = b.id GROUP BY currency) AS x), '{}'::jsonb),
                   coalesce(max(v.days_past_due), 0)
              FROM unnest(\(borrowers)::uuid[]) AS b(id)
              LEFT JOIN loan_view v ON v.borrower_id = b.id
             GROUP BY b.id
            ON CONFLICT (borrower_id) DO UPDATE SET
                loan_count = EXCLUDED.loan_count, active_loan_count = EXCLUDED.active_loan_count,
                exposure = EXCLUDED.exposure, worst_days_past_due = EXCLUDED.worst_days_past_due
            """)
    }
}
