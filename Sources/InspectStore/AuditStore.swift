import GRDB

/// One entry of the audit trail as stored; `at` is Unix seconds.
public struct StoredAuditEntry: Sendable, Equatable {
    public var id: Int64
    public var at: Int64
    public var uid: UInt32
    public var gid: UInt32
    public var pid: Int32
    public var role: String
    public var action: String
    public var target: String
    public var outcome: Int
    public var detail: String

    public init(
        id: Int64 = 0, at: Int64, uid: UInt32, gid: UInt32, pid: Int32, role: String, action: String, target: String, outcome: Int,
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

extension InspectStore {
    // MARK: - Audit trail (append-only)

    /// Appends one entry and returns it with its id. There is no way to change or remove
    /// one: the table's triggers refuse it.
    @discardableResult
    public func appendAudit(_ entry: StoredAuditEntry) throws(StoreError) -> StoredAuditEntry {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO audit (at, uid, gid, pid, role, action, target, outcome, detail)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    entry.at, Int64(entry.uid), Int64(entry.gid), Int64(entry.pid), entry.role, entry.action, entry.target, entry.outcome,
                    entry.detail,
                ])
            var stored = entry
            stored.id = db.lastInsertedRowID
            return stored
        }
    }

    /// Entries at or after `since` (Unix seconds), of `uid` when given, oldest first, at most `limit`
    /// (the newest ones when there are more).
    public func auditEntries(since: Int64?, uid: UInt32?, limit: Int) throws(StoreError) -> [StoredAuditEntry] {
        try read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let since {
                conditions.append("at >= ?")
                _ = arguments.append(contentsOf: [since])
            }
            if let uid {
                conditions.append("uid = ?")
                _ = arguments.append(contentsOf: [Int64(uid)])
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            _ = arguments.append(contentsOf: [limit])
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM (SELECT id, at, uid, gid, pid, role, action, target, outcome, detail
                    FROM audit \(filter) ORDER BY id DESC LIMIT ?) ORDER BY id
                    """, arguments: arguments)
            return rows.map { row in
                StoredAuditEntry(
                    id: row["id"], at: row["at"], uid: UInt32(truncatingIfNeeded: row["uid"] as Int64),
                    gid: UInt32(truncatingIfNeeded: row["gid"] as Int64), pid: Int32(truncatingIfNeeded: row["pid"] as Int64), role: row["role"],
                    action: row["action"], target: row["target"], outcome: row["outcome"], detail: row["detail"])
            }
        }
    }
}
