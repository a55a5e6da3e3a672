/// A realistic `repayment.received` event schema and payloads (the envelope of docs/EVENTS.md).
extension ValidationBenchmark {
    /// The draft 2020-12 schema of a `repayment.received` v1 event: closed envelope, UUIDs,
    /// date-times, money as decimal strings, trace metadata.
    public static let repaymentReceivedSchema = #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "https://loanstream.example/schemas/repayment.received/v1.json",
          "title": "repayment.received v1 (benchmark fixture)",
          "type": "object",
          "additionalProperties": false,
          "required": ["event_id", "event_type", "schema_version", "loan_id", "version",
                       "occurred_at", "effective_at", "metadata", "data"],
          "properties": {
            "event_id": {"type": "string", "format": "uuid"},
            "event_type": {"const": "repayment.received"},
            "schema_version": {"const": 1},
            "loan_id": {"type": "string", "format": "uuid"},
            "version": {"type": "integer", "minimum": 1},
            "occurred_at": {"type": "string", "format": "date-time"},
            "effective_at": {"type": "string", "format": "date-time"},
            "metadata": {"$ref": "#/$defs/metadata"},
            "data": {
              "type": "object",
              "additionalProperties": false,
              "required": ["repayment_id", "amount", "channel", "value_date"],
              "properties": {
                "repayment_id": {"type": "string", "format": "uuid"},
                "borrower_id": {"type": "string", "format": "uuid"},
                "amount": {"$ref": "#/$defs/money"},
                "channel": {"enum": ["nach", "upi", "neft", "imps", "cash", "cheque"]},
                "value_date": {"type": "string", "format": "date"},
                "external_reference": {"type": "string", "minLength": 1, "maxLength": 64},
                "payer_account_last4": {"type": "string", "pattern": "^[0-9]{4}$"}
              }
            }
          },
          "$defs": {
            "money": {
              "type": "object",
              "additionalProperties": false,
              "required": ["amount", "currency"],
              "properties": {
                "amount": {"type": "string", "pattern": "^(0|[1-9][0-9]*)(\\.[0-9]{1,3})?$"},
                "currency": {"type": "string", "pattern": "^[A-Z]{3}$"}
              }
            },
            "metadata": {
              "type": "object",
              "additionalProperties": false,
              "required": ["trace_id", "idempotency_key"],
              "properties": {
                "trace_id": {"type": "string", "pattern": "^[0-9a-f]{32}$"},
                "idempotency_key": {"type": "string", "minLength": 1, "maxLength": 255},
                "causation_id": {"type": "string", "format": "uuid"},
                "correlation_id": {"type": "string", "format": "uuid"}
              }
            }
          }
        }
        """#

    /// Deterministic `repayment.received` payloads; every tenth one is invalid, in turn by a bad
    /// amount, an unknown field, a missing metadata key and a bad date, so error paths are exercised.
    ///
    /// - Parameter count: How many payloads.
    /// - Returns: JSON texts.
    public static func repaymentReceivedPayloads(count: Int) -> [String] {
        (0..<count).map { index in
            let defect = index % 10 == 9 ? index / 10 % 4 : -1
            let day = index % 28 + 1
            let amount = "\(1_000 + index * 37 % 90_000).\(String(index % 100).leftPadded(to: 2))"
            var data = """
                "repayment_id":"\(uuid(index, 1))","borrower_id":"\(uuid(index, 2))",\
                "amount":{"amount":"\(defect == 0 ? "12.5x" : amount)","currency":"INR"},\
                "channel":"\(["nach", "upi", "neft", "imps"][index % 4])",\
                "value_date":"2026-11-\(String(day).leftPadded(to: 2))\(defect == 3 ? "T" : "")",\
                "external_reference":"UTR\(100_000_000 + index)","payer_account_last4":"\(String(index % 10_000).leftPadded(to: 4))"
                """
            if defect == 1 { data += #","memo":"unexpected""# }
            let metadata = defect == 2 ? #"{"trace_id":"\#(hex(index, 32))"}"#
                : #"{"trace_id":"\#(hex(index, 32))","idempotency_key":"rp-\#(index)","correlation_id":"\#(uuid(index, 3))"}"#
            return """
                {"event_id":"\(uuid(index, 0))","event_type":"repayment.received","schema_version":1,\
                "loan_id":"\(uuid(index % 97, 4))","version":\(index % 40 + 2),\
                "occurred_at":"2026-11-\(String(day).leftPadded(to: 2))T10:15:\(String(index % 60).leftPadded(to: 2)).123Z",\
                "effective_at":"2026-11-\(String(day).leftPadded(to: 2))T00:00:00+05:30",\
                "metadata":\(metadata),"data":{\(data)}}
                """
        }
    }

    private static func hex(_ seed: Int, _ length: Int) -> String {
        var state = UInt64(truncatingIfNeeded: seed) &* 0x9E37_79B9_7F4A_7C15 &+ 0xD1B5_4A32_D192_ED03
        var text = ""
        while text.count < length {
            state ^= state >> 33
            state = state &* 0xFF51_AFD7_ED55_8CCD
            text += String(state & 0xFFFF_FFFF, radix: 16).leftPadded(to: 8)
        }
        return String(text.prefix(length))
    }

    private static func uuid(_ seed: Int, _ salt: Int) -> String {
        let digits = Array(hex(seed &* 31 &+ salt, 32))
        return "\(String(digits[0..<8]))-\(String(digits[8..<12]))-4\(String(digits[13..<16]))-a\(String(digits[17..<20]))-\(String(digits[20..<32]))"
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
