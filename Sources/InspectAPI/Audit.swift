/// One entry of the audit trail (`GET /v1/audit`): a write, a read of sealed data, or a
/// refusal, with who asked and how it ended.
public struct AuditItem: Codable, Sendable, Equatable {
    public var id: Int64
    /// When, in the district's time (ISO 8601 with offset).
    public var at: String
    public var uid: UInt32
    public var gid: UInt32
    public var pid: Int32
    /// The caller's role, or `none` for a caller without one.
    public var role: String
    /// Method and route, such as `POST /v1/leave`.
    public var action: String
    /// What was touched: an inspector, shift, case or plan id (empty when none).
    public var target: String
    /// The answer's HTTP status code.
    public var outcome: Int
    public var detail: String

    public init(
        id: Int64, at: String, uid: UInt32, gid: UInt32, pid: Int32, role: String, action: String, target: String, outcome: Int,
        detail: String
    ) {
        self.id = id
        self.at = at
        self.uid = uid
        self.gid = gid
        self.pid = pid
        self.role = role
        self.action = action
        self.target = target
        self.outcome = outcome
        self.detail = detail
    }
}
