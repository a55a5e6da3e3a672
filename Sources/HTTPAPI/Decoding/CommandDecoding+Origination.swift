import Lending

extension CommandDecoding {
    /// `POST /v1/borrowers`: `{full_name, date_of_birth, mobile, email?}`.
    static let registerBorrower: Decoder = { body, _ in
        .newBorrower(.register(fullName: try body.string("full_name"), dateOfBirth: try body.date("date_of_birth"),
                               mobile: try body.string("mobile"), email: try body.optionalString("email")))
    }

    /// `POST /v1/borrowers/{borrower_id}/kyc`: `{method, reference, verified_on}`.
    static let completeKYC: Decoder = { body, path in
        .borrower(try path.borrower(), .completeKYC(method: try body.string("method"), reference: try body.string("reference"),
                                                    verifiedOn: try body.date("verified_on")))
    }

    /// `POST /v1/applications`: `{borrower_id, product_code, requested_amount, requested_tenure}`.
    static let createApplication: Decoder = { body, _ in
        .newLoan(.createApplication(borrowerId: try body.id("borrower_id"), productCode: try body.string("product_code"),
                                    requestedAmount: try body.money("requested_amount"),
                                    requestedTenure: try body.int("requested_tenure")))
    }

    /// `POST /v1/loans/{loan_id}/submission`: `{submitted_by}`.
    static let submitApplication: Decoder = { body, path in
        .loan(try path.loan(), .submitApplication(submittedBy: try body.string("submitted_by")))
    }

    /// `POST /v1/loans/{loan_id}/decision`: `{outcome, decided_by, reason, approved_amount?}`;
    /// `approved_amount` is required for `approved` and refused otherwise.
    static let decide: Decoder = { body, path in
        let loan = try path.loan()
        let decidedBy = try body.string("decided_by")
        let reason = try body.string("reason")
        let outcome = try body.string("outcome")
        if outcome != "approved", body.has("approved_amount") {
            throw body.invalid("approved_amount", "is only given when the outcome is approved")
        }
        switch outcome {
        case "approved":
            guard body.has("approved_amount") else { throw body.invalid("approved_amount", "is required when the outcome is approved") }
            return .loan(loan, .approve(amount: try body.money("approved_amount"), decidedBy: decidedBy, reason: reason))
        case "declined":
            return .loan(loan, .decline(decidedBy: decidedBy, reason: reason))
        case "referred":
            return .loan(loan, .refer(decidedBy: decidedBy, reason: reason))
        default:
            throw body.invalid("outcome", "must be approved, declined or referred")
        }
    }

    /// `POST /v1/loans/{loan_id}/sanction`: `{sanctioned_amount, terms, valid_until}`.
    static let issueSanction: Decoder = { body, path in
        .loan(try path.loan(), .issueSanction(amount: try body.money("sanctioned_amount"), terms: try terms(body, key: "terms"),
                                              validUntil: try body.date("valid_until")))
    }

    /// `POST /v1/loans/{loan_id}/disbursements`: `{disbursement_id?, amount}`.
    static let createDisbursement: Decoder = { body, path in
        .loan(try path.loan(), .createDisbursement(disbursementId: try body.optionalID("disbursement_id"),
                                                   amount: try body.money("amount")))
    }

    /// `POST /v1/loans/{loan_id}/disbursements/{disbursement_id}/execution`: `{value_date, bank_reference}`.
    static let executeDisbursement: Decoder = { body, path in
        .loan(try path.loan(), .executeDisbursement(disbursementId: try path.disbursement(), valueDate: try body.date("value_date"),
                                                    bankReference: try body.string("bank_reference")))
    }

    /// `POST /v1/loans/{loan_id}/disbursements/{disbursement_id}/failure`: `{reason}`.
    static let failDisbursement: Decoder = { body, path in
        .loan(try path.loan(), .failDisbursement(disbursementId: try path.disbursement(), reason: try body.string("reason")))
    }
}
