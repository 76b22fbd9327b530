import InspectAPI

#if canImport(Glibc)
import Glibc
#endif

/// Maps callers to roles: root and members of an admin group are admins,
/// members of a supervisor group are supervisors, everybody else has no role.
public struct AccessPolicy: Sendable, Equatable {
    public var adminGroups: Set<UInt32>
    public var supervisorGroups: Set<UInt32>

    public init(adminGroups: Set<UInt32>, supervisorGroups: Set<UInt32>) {
        self.adminGroups = adminGroups
        self.supervisorGroups = supervisorGroups
    }

    /// The role of a caller with this uid, primary gid and supplementary groups.
    public func role(uid: UInt32, gid: UInt32, groups: [UInt32]) -> Role? {
        if uid == 0 { return .admin }
        let all = Set(groups).union([gid])
        if !all.isDisjoint(with: adminGroups) { return .admin }
        if !all.isDisjoint(with: supervisorGroups) { return .supervisor }
        return nil
    }

    /// Resolves configured group names or numeric gids through the system's
    /// group database; names that do not resolve are returned as problems.
    public static func resolve(adminGroups: [String], supervisorGroups: [String]) -> (AccessPolicy, unresolved: [String]) {
        var unresolved: [String] = []
        func gids(_ entries: [String]) -> Set<UInt32> {
            var result: Set<UInt32> = []
            for entry in entries {
                if let gid = UInt32(entry) {
                    result.insert(gid)
                } else if let group = getgrnam(entry) {
                    result.insert(group.pointee.gr_gid)
                } else {
                    unresolved.append(entry)
                }
            }
            return result
        }
        let policy = AccessPolicy(adminGroups: gids(adminGroups), supervisorGroups: gids(supervisorGroups))
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
