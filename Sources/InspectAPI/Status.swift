/// The answer to `GET /v1/status`: what the daemon is doing and with what data.
public struct StatusReport: Codable, Sendable, Equatable {
    public var district: String
    public var version: String
    public var pid: Int32
    /// One line a supervisor understands, the same as systemd's `STATUS=`.
    public var statusText: String
    public var startedAt: String
    public var uptimeSeconds: Int
    public var configPath: String
    public var lastReload: ReloadOutcome?
    public var database: DatabaseInfo
    public var counts: Counts
    public var caller: Caller
    /// What needs the operator's attention: a planning horizon past the official holiday
    /// calendar, stale forecasts, rejected forecast files. Empty when all is well.
    public var warnings: [String] = []

    public struct DatabaseInfo: Codable, Sendable, Equatable {
        public var path: String
        public var schemaVersion: String
        public init(path: String, schemaVersion: String) {
            self.path = path
            self.schemaVersion = schemaVersion
        }
        enum CodingKeys: String, CodingKey {
            case path
            case schemaVersion = "schema_version"
        }
    }

    public struct Counts: Codable, Sendable, Equatable {
        public var units: Int
        public var inspectors: Int
        public var sites: Int
        public init(units: Int, inspectors: Int, sites: Int) {
            self.units = units
            self.inspectors = inspectors
            self.sites = sites
        }
    }

    public init(
        district: String, version: String, pid: Int32, statusText: String, startedAt: String,
        uptimeSeconds: Int, configPath: String, lastReload: ReloadOutcome?, database: DatabaseInfo,
        counts: Counts, caller: Caller, warnings: [String] = []
    ) {
        self.district = district
        self.version = version
        self.pid = pid
        self.statusText = statusText
        self.startedAt = startedAt
        self.uptimeSeconds = uptimeSeconds
        self.configPath = configPath
        self.lastReload = lastReload
        self.database = database
        self.counts = counts
        self.caller = caller
        self.warnings = warnings
    }

    enum CodingKeys: String, CodingKey {
        case district, version, pid, database, counts, caller, warnings
        case statusText = "status_text"
        case startedAt = "started_at"
        case uptimeSeconds = "uptime_seconds"
        case configPath = "config_path"
        case lastReload = "last_reload"
    }
}

/// How the last configuration reload ended.
public struct ReloadOutcome: Codable, Sendable, Equatable {
    public var at: String
    public var succeeded: Bool
    /// The problems that made it fail, or the keys that need a restart.
    public var messages: [String]

    public init(at: String, succeeded: Bool, messages: [String]) {
        self.at = at
        self.succeeded = succeeded
        self.messages = messages
    }
}

/// Who is asking, as the daemon sees it from the socket's peer credentials.
public struct Caller: Codable, Sendable, Equatable {
    public var uid: UInt32
    public var gid: UInt32
    public var pid: Int32
    public var groups: [UInt32]
    public var role: Role?
    /// For a `unit` caller: the units (ids) its groups are bound to; empty otherwise.
    public var units: [String]
    /// For an `inspector` caller: the inspectors (ids) its groups are bound to; empty otherwise.
    public var inspectors: [String]

    public init(uid: UInt32, gid: UInt32, pid: Int32, groups: [UInt32], role: Role?, units: [String] = [], inspectors: [String] = []) {
        self.uid = uid
        self.gid = gid
        self.pid = pid
        self.groups = groups
        self.role = role
        self.units = units
        self.inspectors = inspectors
    }

    enum CodingKeys: String, CodingKey {
        case uid, gid, pid, groups, role, units, inspectors
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        uid = try container.decode(UInt32.self, forKey: .uid)
        gid = try container.decode(UInt32.self, forKey: .gid)
        pid = try container.decode(Int32.self, forKey: .pid)
        groups = try container.decode([UInt32].self, forKey: .groups)
        role = try container.decodeIfPresent(Role.self, forKey: .role)
        units = try container.decodeIfPresent([String].self, forKey: .units) ?? []
        inspectors = try container.decodeIfPresent([String].self, forKey: .inspectors) ?? []
    }
}

/// What a caller may do. Mapped from Unix groups by the configuration; a caller in
/// several groups gets the highest: admin > supervisor > unit > inspector.
public enum Role: String, Codable, Sendable, Comparable, CaseIterable {
    /// One inspector (bound to an inspector id): their own shifts, their own team's
    /// visits after release, their own leave.
    case inspector
    /// A unit's leader or contact (bound to a unit id): their unit's people's shifts,
    /// their unit's cases, status updates on those cases.
    case unit
    /// Read-only access to everything but sealed data.
    case supervisor
    /// Everything (the HQ office).
    case admin

    private var rank: Int {
        switch self {
        case .inspector: 0
        case .unit: 1
        case .supervisor: 2
        case .admin: 3
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}

/// The answer to an import: what changed (or would change, for a dry run).
public struct ImportResult: Codable, Sendable, Equatable {
    public var kind: String
    public var file: String
    public var encoding: String
    public var inserted: Int
    public var updated: Int
    public var unchanged: Int
    public var dryRun: Bool

    public init(kind: String, file: String, encoding: String, inserted: Int, updated: Int, unchanged: Int, dryRun: Bool) {
        self.kind = kind
        self.file = file
        self.encoding = encoding
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
        self.dryRun = dryRun
    }

    enum CodingKeys: String, CodingKey {
        case kind, file, encoding, inserted, updated, unchanged
        case dryRun = "dry_run"
    }
}
