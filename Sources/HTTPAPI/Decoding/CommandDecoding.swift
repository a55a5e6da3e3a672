import EventSchemas
import Foundation
import Lending

/// Turns a validated request body (and the ids in its path) into the command the domain decides.
///
/// Each operation of the API has one decoding function; they throw ``Problem``s pointing at the
/// body member at fault, never a bare `DecodingError`.
enum CommandDecoding {
    /// The ids a route's path carries, already parsed.
    struct PathIDs: Sendable {
        var loanID: UUID?
        var borrowerID: UUID?
        var disbursementID: EntityID?
        var chargeID: EntityID?

        /// The loan the path names; a loan route always has one.
        func loan() throws(Problem) -> UUID {
            guard let loanID else {
                throw Problem(type: .invalidParameter, status: .badRequest, detail: "The path names no loan.")
            }
            return loanID
        }

        func disbursement() throws(Problem) -> EntityID {
            guard let disbursementID else {
                throw Problem(type: .invalidParameter, status: .badRequest, detail: "The path names no disbursement.")
            }
            return disbursementID
        }

        func charge() throws(Problem) -> EntityID {
            guard let chargeID else {
                throw Problem(type: .invalidParameter, status: .badRequest, detail: "The path names no charge.")
            }
            return chargeID
        }

        func borrower() throws(Problem) -> UUID {
            guard let borrowerID else {
                throw Problem(type: .invalidParameter, status: .badRequest, detail: "The path names no borrower.")
            }
            return borrowerID
        }
    }

    /// A function from body and path to the command's target.
    typealias Decoder = @Sendable (BodyFields, PathIDs) throws -> CommandRequest.Target

    /// Decodes loan terms (the `terms` shape of `sanction.issued`) and checks them, so a bad term is
    /// reported at `/terms/<field>` rather than deep inside the domain.
    static func terms(_ fields: BodyFields, key: String) throws -> LoanProduct {
        guard let value = fields.members[key] else { throw fields.invalid(key, "is required") }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let base = fields.base.appending(key)
        let product: LoanProduct
        do {
            product = try decoder.decode(LoanProduct.self, from: Data(value.serialized(sortedKeys: true).utf8))
        } catch let DecodingError.dataCorrupted(context) {
            throw BodyFields.invalid(pointer(base, context.codingPath), context.debugDescription)
        } catch let DecodingError.keyNotFound(key, context) {
            throw BodyFields.invalid(pointer(base, context.codingPath + [key]), "is required")
        } catch let DecodingError.typeMismatch(_, context) {
            throw BodyFields.invalid(pointer(base, context.codingPath), "has the wrong type")
        } catch let DecodingError.valueNotFound(_, context) {
            throw BodyFields.invalid(pointer(base, context.codingPath), "must not be null")
        }
        do { try product.validate() } catch {
            throw Problem(lending: error, pointerPrefix: base.description)
        }
        return product
    }

    /// The JSON pointer of a decoding path, spelled as the body spells it (snake_case).
    private static func pointer(_ base: JSONPointer, _ path: [any CodingKey]) -> JSONPointer {
        path.reduce(base) { pointer, key in
            if let index = key.intValue { return pointer.appending(index) }
            return pointer.appending(snakeCase(key.stringValue))
        }
    }

    private static func snakeCase(_ name: String) -> String {
        var out = ""
        for character in name {
            if character.isUppercase {
                out += "_" + character.lowercased()
            } else {
                out.append(character)
            }
        }
        return out
    }
}
