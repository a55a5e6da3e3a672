import Lending

extension CommandDecoding {
    /// `POST /v1/loans/{loan_id}/repayments`: `{payment_id?, amount, effective_date, channel}`.
    static let recordRepayment: Decoder = { body, path in
        .loan(try path.loan(), .recordRepayment(paymentId: try body.optionalID("payment_id"), amount: try body.money("amount"),
                                                effectiveDate: try body.date("effective_date"), channel: try body.string("channel")))
    }

    /// `POST /v1/loans/{loan_id}/charges`: `{charge_id?, charge_type, installment_number, amount, reason}`.
    static let applyCharge: Decoder = { body, path in
        let typeName = try body.string("charge_type")
        guard let type = ChargeType(rawValue: typeName) else {
            throw body.invalid("charge_type", "'\(typeName)' is not a charge type")
        }
        return .loan(try path.loan(), .applyCharge(chargeId: try body.optionalID("charge_id"), type: type,
                                                   installmentNumber: try body.int("installment_number"),
                                                   amount: try body.money("amount"), reason: try body.string("reason")))
    }

    /// `POST /v1/loans/{loan_id}/charges/{charge_id}/waivers`: `{amount, reason}`.
    static let waiveCharge: Decoder = { body, path in
        .loan(try path.loan(), .waiveCharge(chargeId: try path.charge(), amount: try body.money("amount"),
                                            reason: try body.string("reason")))
    }

    /// `POST /v1/loans/{loan_id}/prepayments`: `{amount}` applied from held excess.
    static let applyPrepayment: Decoder = { body, path in
        .loan(try path.loan(), .applyPrepayment(amount: try body.money("amount")))
    }

    /// `POST /v1/loans/{loan_id}/foreclosure`: `{}`.
    static let foreclose: Decoder = { _, path in .loan(try path.loan(), .foreclose) }

    /// `POST /v1/loans/{loan_id}/write-off`: `{reason}`.
    static let writeOff: Decoder = { body, path in
        .loan(try path.loan(), .writeOff(reason: try body.string("reason")))
    }

    /// `POST /v1/loans/{loan_id}/recoveries`: `{recovery_id?, amount, received_on}`.
    static let recordRecovery: Decoder = { body, path in
        .loan(try path.loan(), .recordRecovery(recoveryId: try body.optionalID("recovery_id"), amount: try body.money("amount"),
                                               receivedOn: try body.date("received_on")))
    }

    /// `POST /v1/loans/{loan_id}/closure`: `{}` closes a written-off account.
    static let closeWrittenOff: Decoder = { _, path in .loan(try path.loan(), .closeWrittenOff) }

    /// `POST /v1/loans/{loan_id}/day-end`: `{business_date}`: accrual, dues, late fees and delinquency through that date.
    static let closeBusinessDay: Decoder = { body, path in
        .loan(try path.loan(), .closeBusinessDay(try body.date("business_date")))
    }
}
