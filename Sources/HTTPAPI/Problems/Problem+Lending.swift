import Lending

extension Problem {
    /// Maps a domain refusal to a problem.
    ///
    /// `invalid_transition`, `duplicate` and `date_out_of_order` conflict with the loan's state
    /// (409); `unknown_reference` is 404 when the path named the missing thing, else 422; malformed
    /// values are 422 `validation`; every other rule is 422 `domain-rule`. `code` is the domain code.
    ///
    /// - Parameters:
    ///   - error: the refusal.
    ///   - pointerPrefix: where the domain's field lives in the request body (`/terms` for terms).
    ///   - pathFields: fields the request path carries (`charge_id`): a missing one is a 404.
    public init(lending error: LendingError, pointerPrefix: String = "", pathFields: Set<String> = []) {
        let fieldErrors = error.field.map { field in
            [FieldError(pointer: pointerPrefix + Problem.pointer(forDomainField: field), detail: error.reason)]
        }
        switch error.code {
        case .invalidTransition:
            self.init(type: .invalidTransition, status: .conflict, detail: error.reason, code: error.code.rawValue)
        case .duplicate, .dateOutOfOrder:
            self.init(type: .stateConflict, status: .conflict, detail: error.reason, code: error.code.rawValue,
                      errors: fieldErrors)
        case .unknownReference where error.field.map(pathFields.contains) ?? false:
            self.init(type: .notFound, status: .notFound, detail: error.reason, code: error.code.rawValue)
        case .invalidValue, .nonPositiveAmount, .currencyMismatch, .invalidTerms:
            self.init(type: .validation, status: .unprocessableContent, detail: error.reason, code: error.code.rawValue,
                      errors: fieldErrors)
        default:
            self.init(type: .domainRule, status: .unprocessableContent, detail: error.reason, code: error.code.rawValue,
                      errors: fieldErrors)
        }
    }

    /// The JSON pointer of a domain field name: `late_fee.grace_days` → `/late_fee/grace_days`.
    static func pointer(forDomainField field: String) -> String {
        "/" + field.split(separator: ".", omittingEmptySubsequences: false).map(String.init).joined(separator: "/")
    }
}
