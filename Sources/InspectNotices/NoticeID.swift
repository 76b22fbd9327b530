import InspectCore
import InspectLedger

/// A notice's id: `n-` and the first 24 hex digits (96 bits) of the SHA-256 of its dedupe
/// key, such as `n-3f1c0a9e5b7d2c4e6f8a0b1c`.
///
/// The id is a function of the dedupe key alone, so deciding the same notice twice (after
/// a restart, or on two paths) always gives the same id, and the outbox and the journal
/// can tell a repeat from a new notice. 96 bits make an accidental collision between two
/// different keys negligible (about 10⁻¹⁷ for a million notices).
public enum NoticeID {
    /// The `n-` prefix.
    public static let prefix = "n-"
    /// How many hex digits follow the prefix.
    public static let hexDigits = 24

    /// The id for the notice whose dedupe key is `dedupeKey` (SHA-256 of its UTF-8 bytes).
    public static func make(dedupeKey: String) -> String {
        prefix + String(SHA256.hex(Array(dedupeKey.utf8)).prefix(hexDigits))
    }

    /// Whether `id` has the shape of an id from ``make(dedupeKey:)``: `n-` and exactly 24
    /// lowercase hex digits. (Safe as a file name and a journal field value.)
    public static func isValid(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard bytes.count == 2 + hexDigits, bytes[0] == UInt8(ascii: "n"), bytes[1] == UInt8(ascii: "-") else {
            return false
        }
        return bytes[2...].allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
    }
}

extension Notice {
    /// A notice whose id is ``NoticeID/make(dedupeKey:)`` of `dedupeKey`.
    public init(
        dedupeKey: String, kind: NoticeKind, created: String, recipients: [NoticeRecipient], subject: String,
        body: String, data: NoticeValue, caseID: String?, unitID: String?, priority: Int
    ) {
        self.init(
            id: NoticeID.make(dedupeKey: dedupeKey), dedupeKey: dedupeKey, kind: kind, created: created,
            recipients: recipients, subject: subject, body: body, data: data, caseID: caseID, unitID: unitID,
            priority: priority)
    }
}

extension NoticeKind {
    /// The journal's `MESSAGE_ID` for notices of this kind: a fixed 128-bit id in 32
    /// lowercase hex digits, generated once (`systemd-id128 new`) and never to change, since
    /// operators filter on it (`journalctl MESSAGE_ID=…`) and the message catalog
    /// (`deploy/catalog/inspectd.catalog`) is keyed by it.
    public var messageID: String {
        switch self {
        case .reminder: "aefb011793cf4e86bb82c7b1f0506593"
        case .overdue: "9d062f10f937453bae0e62322b31839a"
        case .supervision: "b58f3bf46e24491d97ee842a576a9edd"
        case .summons: "6abc9d2135354f2c82f37283ffa5eb16"
        case .accountability: "43a4cbb718474d3d81c873500dc016c8"
        case .ranking: "de218afd9258482e888dec41f8ad7619"
        case .roster: "9c3b4e153d9f4870bcd7a8c214ea86af"
        case .visitReminder: "a1191be8b4ad41678549db9d36f3d104"
        case .visitEscalation: "c17d6ce395a84063bbff143b198f8e72"
        }
    }

    /// The base syslog priority of the kind's journal entries (lower is more urgent):
    /// reminder 5 (notice), overdue 4 (warning), supervision 4 (warning), summons 3 (err),
    /// accountability 2 (crit), ranking 5 (notice), roster 6 (info), visit_reminder 5 (notice),
    /// visit_escalation 4 (warning).
    public var journalPriority: Int {
        switch self {
        case .reminder: 5
        case .overdue: 4
        case .supervision: 4
        case .summons: 3
        case .accountability: 2
        case .ranking: 5
        case .roster: 6
        case .visitReminder: 5
        case .visitEscalation: 4
        }
    }

    /// The kind's name in the notices, such as 督办通知.
    public var title: String {
        switch self {
        case .reminder: "整改提醒"
        case .overdue: "逾期通知"
        case .supervision: "督办通知"
        case .summons: "约谈通知"
        case .accountability: "问责建议"
        case .ranking: "整改进展通报"
        case .roster: "排班通知"
        case .visitReminder: "检查结果录入提醒"
        case .visitEscalation: "检查结果未录入督促"
        }
    }
}
