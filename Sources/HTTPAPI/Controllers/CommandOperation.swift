import Hummingbird

/// One command route: where it lives, who may call it, what its body must look like and which
/// command it becomes.
struct CommandOperation: Sendable {
    /// The path template, spelled as in the OpenAPI document (`/v1/loans/{loan_id}/repayments`).
    var path: String
    /// The scope a caller needs.
    var scope: Scope
    /// The request body component in the OpenAPI document.
    var schema: String
    /// Path parameters naming a thing inside the loan (`charge_id`): refusing it as unknown is a 404.
    var pathFields: Set<String> = []
    /// Body and path to command.
    var decode: CommandDecoding.Decoder

    /// The idempotency scope of a caller on this route: keys never collide across callers or routes.
    func idempotencyScope(for principal: Principal) -> String {
        "\(principal.subject) POST \(path)"
    }
}

extension CommandOperation {
    /// Every command route of the API.
    static let all: [CommandOperation] = [
        .init(path: "/v1/borrowers", scope: .originationsWrite, schema: "RegisterBorrowerRequest",
              decode: CommandDecoding.registerBorrower),
        .init(path: "/v1/borrowers/{borrower_id}/kyc", scope: .originationsWrite, schema: "CompleteKYCRequest",
              decode: CommandDecoding.completeKYC),
        .init(path: "/v1/applications", scope: .originationsWrite, schema: "CreateApplicationRequest",
              decode: CommandDecoding.createApplication),
        .init(path: "/v1/loans/{loan_id}/submission", scope: .originationsWrite, schema: "SubmitApplicationRequest",
              decode: CommandDecoding.submitApplication),
        .init(path: "/v1/loans/{loan_id}/decision", scope: .originationsWrite, schema: "DecisionRequest",
              decode: CommandDecoding.decide),
        .init(path: "/v1/loans/{loan_id}/sanction", scope: .originationsWrite, schema: "SanctionRequest",
              decode: CommandDecoding.issueSanction),
        .init(path: "/v1/loans/{loan_id}/disbursements", scope: .originationsWrite, schema: "CreateDisbursementRequest",
              decode: CommandDecoding.createDisbursement),
        .init(path: "/v1/loans/{loan_id}/disbursements/{disbursement_id}/execution", scope: .originationsWrite,
              schema: "ExecuteDisbursementRequest", pathFields: ["disbursement_id"], decode: CommandDecoding.executeDisbursement),
        .init(path: "/v1/loans/{loan_id}/disbursements/{disbursement_id}/failure", scope: .originationsWrite,
              schema: "FailDisbursementRequest", pathFields: ["disbursement_id"], decode: CommandDecoding.failDisbursement),
        .init(path: "/v1/loans/{loan_id}/repayments", scope: .repaymentsWrite, schema: "RepaymentRequest",
              decode: CommandDecoding.recordRepayment),
        .init(path: "/v1/loans/{loan_id}/charges", scope: .servicingWrite, schema: "ChargeRequest",
              decode: CommandDecoding.applyCharge),
        .init(path: "/v1/loans/{loan_id}/charges/{charge_id}/waivers", scope: .servicingWrite, schema: "WaiverRequest",
              pathFields: ["charge_id"], decode: CommandDecoding.waiveCharge),
        .init(path: "/v1/loans/{loan_id}/prepayments", scope: .servicingWrite, schema: "PrepaymentRequest",
              decode: CommandDecoding.applyPrepayment),
        .init(path: "/v1/loans/{loan_id}/foreclosure", scope: .servicingWrite, schema: "EmptyRequest",
              decode: CommandDecoding.foreclose),
        .init(path: "/v1/loans/{loan_id}/write-off", scope: .servicingWrite, schema: "WriteOffRequest",
              decode: CommandDecoding.writeOff),
        .init(path: "/v1/loans/{loan_id}/recoveries", scope: .servicingWrite, schema: "RecoveryRequest",
              decode: CommandDecoding.recordRecovery),
        .init(path: "/v1/loans/{loan_id}/closure", scope: .servicingWrite, schema: "EmptyRequest",
              decode: CommandDecoding.closeWrittenOff),
        .init(path: "/v1/loans/{loan_id}/day-end", scope: .servicingWrite, schema: "DayEndRequest",
              decode: CommandDecoding.closeBusinessDay),
    ]
}
