import EventSchemas
import Foundation

/// Where a change came from: the `source` object of a CDC message.
struct EventSource: Sendable, Hashable {
    var topic: String
    var partition: Int
    var offset: Int64
    var eventID: UUID

    init(_ event: ProjectedEvent) {
        topic = event.topic
        partition = event.partition
        offset = event.offset
        eventID = event.eventID
    }

    var json: JSONValue {
        ["topic": .string(topic), "partition": .number(JSONNumber(partition)), "offset": .number(JSONNumber(offset)),
         "event_id": .string(eventID.uuidString.lowercased())]
    }
}
