import InspectAPI

#if canImport(Glibc)
import Glibc
#endif

/// Maps callers to roles: root and members of an admin group are admins, members of a
/// supervisor group supervisors, members of a unit group `unit` callers bound to that
/// unit, members of an inspector group `inspector` callers bound to that inspector;
/// everybody else has no role. A caller in several groups gets the highest role, with
/// every id its groups bind at that role.
public struct AccessPolicy: Sendable, Equatable {
    public var adminGroups: Set<UInt32>
    public var supervisorGroups: Set<UInt32>
    /// gid → the unit ids its members speak for.
    public var unitGroups: [UInt32: Set<String>]
    /// gid → the inspector ids its members are.
    public var inspectorGroups: [UInt32: Set<String>]

    public init(
        adminGroups: Set<UInt32>, supervisorGroups: Set<UInt32>, unitGroups: [UInt32: Set<String>] = [:],
        inspectorGroups: [UInt32: Set<String>] = [:]
    ) {
        self.adminGroups = adminGroups
        self.supervisorGroups = supervisorGroups
        self.unitGroups = unitGroups
        self.inspectorGroups = inspectorGroups
    }

    /// A caller's role and, for `unit` and `inspector`, the ids it is bound to (sorted).
    public struct Grant: Sendable, Equatable {
        public var role: Role
        public var units: [String] = []
        public var inspectors: [String] = []
    }

    /// The grant of a caller with this uid, primary gid and supplementary groups; nil for no role.
    public func grant(uid: UInt32, gid: UInt32, groups: [UInt32]) -> Grant? {
        if uid == 0 { return Grant(role: .admin) }
        let all = Set(groups).union([gid])
        if !all.isDisjoint(with: adminGroups) { return Grant(role: .admin) }
        if !all.isDisjoint(with: supervisorGroups) { return Grant(role: .supervisor) }
        let units = all.reduce(into: Set<String>()) { $0.formUnion(unitGroups[$1] ?? []) }
        if !units.isEmpty { return Grant(role: .unit, units: units.sorted()) }
        let inspectors = all.reduce(into: Set<String>()) { $0.formUnion(inspectorGroups[$1] ?? []) }
        if !inspectors.isEmpty { return Grant(role: .inspector, inspectors: inspectors.sorted()) }
        return nil
    }

    /// The role of a caller with this uid, primary gid and supplementary groups.
    public func role(uid: UInt32, gid: UInt32, groups: [UInt32]) -> Role? {
        grant(uid: uid, gid: gid, groups: groups)?.role
    }

    /// Resolves configured group names or numeric gids through the system's
    /// group database; names that do not resolve are returned as problems.
    public static func resolve(
        adminGroups: [String], supervisorGroups: [String], unitGroups: [(group: String, id: String)] = [],
        inspectorGroups: [(group: String, id: String)] = []
    ) -> (AccessPolicy, unresolved: [String]) {
        var unresolved: [String] = []
        func gid(_ entry: String) -> UInt32? {
            if let gid = UInt32(entry) { return gid }
            if let group = getgrnam(entry) { return group.pointee.gr_gid }
            unresolved.append(entry)
            return nil
        }
        func gids(_ entries: [String]) -> Set<UInt32> { Set(entries.compactMap(gid)) }
        func bound(_ entries: [(group: String, id: String)]) -> [UInt32: Set<String>] {
            entries.reduce(into: [:]) { result, entry in
                if let gid = gid(entry.group) { result[gid, default: []].insert(entry.id) }
            }
        }
        let policy = AccessPolicy(
            adminGroups: gids(adminGroups), supervisorGroups: gids(supervisorGroups), unitGroups: bound(unitGroups),
            inspectorGroups: bound(inspectorGroups))
        return (policy, unresolved)
    }
}

/// The credentials of the process on the other end of a Unix socket.
public struct PeerCredentials: Sendable, Equatable {
    public var pid: Int32
    public var uid: UInt32
    public var gid: UInt32
    /// Supplementary groups of the caller's account (from the group database).
    public var groups: [UInt32]

    public init(pid: Int32, uid: UInt32, gid: UInt32, groups: [UInt32]) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
        self.groups = groups
    }

    /// The account's groups as `getgrouplist(3)` reports them.
    static func accountGroups(uid: UInt32, gid: UInt32) -> [UInt32] {
        guard let account = getpwuid(uid), let name = account.pointee.pw_name else { return [gid] }
        var count: Int32 = 64
        for _ in 0..<4 {
            var groups = [gid_t](repeating: 0, count: Int(count))
            var found = count
            if getgrouplist(name, gid, &groups, &found) >= 0 {
                return Array(groups.prefix(Int(found)))
            }
            count = max(found, count * 2)
        }
        return [gid]
    }
}
