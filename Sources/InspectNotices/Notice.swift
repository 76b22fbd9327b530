import InspectLedger

/// A structured value in a notice's `data`, and the context its templates render from.
public indirect enum NoticeValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([NoticeValue])
    /// Keys in the order given (the JSON keeps it).
    case object([(String, NoticeValue)])

    public static func == (left: NoticeValue, right: NoticeValue) -> Bool {
        switch (left, right) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.double(let a), .double(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(value)
        case .int(let value): hasher.combine(value)
        case .double(let value): hasher.combine(value)
        case .string(let value): hasher.combine(value)
        case .array(let values): hasher.combine(values)
        case .object(let members):
            for (key, value) in members {
                hasher.combine(key)
                hasher.combine(value)
            }
        }
    }

    /// The member named `key` of an object.
    public subscript(key: String) -> NoticeValue? {
        if case .object(let members) = self { return members.first { $0.0 == key }?.1 }
        return nil
    }
}

/// Someone a notice goes to.
public struct NoticeRecipient: Sendable, Hashable, Codable {
    public var name: String
    /// A ``RecipientRole`` raw value, or `inspector` for roster notices.
    public var role: String
    /// The unit's id, when the recipient acts for one.
    public var unit: String?
    public var phone: String?
    public var email: String?

    public init(name: String, role: String, unit: String? = nil, phone: String? = nil, email: String? = nil) {
        self.name = name
        self.role = role
        self.unit = unit
        self.phone = phone
        self.email = email
    }
}

/// A notice (通知): decided once, committed with its decision, written to the journal and
/// to the outbox for the delivery gateway.
public struct Notice: Sendable, Hashable {
    /// Stable: the same notice always has the same id (derived from ``dedupeKey``).
    public var id: String
    /// What makes the notice this notice, such as `case:C-17:step:supervision:0`.
    public var dedupeKey: String
    public var kind: NoticeKind
    /// ISO 8601 with the district's offset.
    public var created: String
    public var recipients: [NoticeRecipient]
    public var subject: String
    public var body: String
    public var data: NoticeValue
    /// The case it is about, if any.
    public var caseID: String?
    /// The unit it is about, if any.
    public var unitID: String?
    /// syslog priority for the journal (lower is more urgent): rises with the step.
    public var priority: Int

    public init(
        id: String, dedupeKey: String, kind: NoticeKind, created: String, recipients: [NoticeRecipient], subject: String,
        body: String, data: NoticeValue, caseID: String?, unitID: String?, priority: Int
    ) {
        self.id = id
        self.dedupeKey = dedupeKey
        self.kind = kind
        self.created = created
        self.recipients = recipients
        self.subject = subject
        self.body = body
        self.data = data
        self.caseID = caseID
        self.unitID = unitID
        self.priority = priority
    }
}
