/// `[access]`: which local users may do what over the API socket, by their groups
/// (read from the caller's `SO_PEERCRED`). Root (uid 0) is always an admin.
public struct AccessSettings: Sendable, Equatable {
    /// `admin_groups`, array of group names or numeric gids, default `["inspectd-admin"]`:
    /// members may import data and change things.
    public var adminGroups: [GroupReference]
    /// `supervisor_groups`, array of group names or numeric gids, default `["inspectd"]`:
    /// members have read-only access.
    public var supervisorGroups: [GroupReference]

    public init(
        adminGroups: [GroupReference] = [.name("inspectd-admin")],
        supervisorGroups: [GroupReference] = [.name("inspectd")]
    ) {
        self.adminGroups = adminGroups
        self.supervisorGroups = supervisorGroups
    }
}

/// A Unix group, by name (resolved by the daemon) or by numeric gid.
public enum GroupReference: Sendable, Hashable, CustomStringConvertible {
    case name(String)
    case gid(UInt32)

    /// A group name as `groupadd` accepts it (`[a-z_][a-z0-9_-]*$?`) or all digits for a gid;
    /// nil for anything else.
    public init?(_ text: String) {
        if !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) {
            guard let gid = UInt32(text), gid != UInt32.max else { return nil }
            self = .gid(gid)
            return
        }
        var characters = Substring(text)
        if characters.last == "$" { characters = characters.dropLast() }
        guard let first = characters.first, first == "_" || ("a"..."z").contains(first),
            characters.allSatisfy({ $0 == "_" || $0 == "-" || ("a"..."z").contains($0) || ("0"..."9").contains($0) })
        else { return nil }
        self = .name(text)
    }

    public var description: String {
        switch self {
        case .name(let name): name
        case .gid(let gid): String(gid)
        }
    }
}

extension AccessSettings: ConfigurationSection {
    static let tableName = "access"

    static var keys: [ConfigurationKey<Self>] {
        [
            groups("admin_groups", \.adminGroups),
            groups("supervisor_groups", \.supervisorGroups),
        ]
    }

    private static func groups(_ name: String, _ property: WritableKeyPath<Self, [GroupReference]>) -> ConfigurationKey<
        Self
    > {
        .key(
            name, property,
            decode: { value, problems in
                guard let elements = value.array else {
                    problems.reportWrongType(expected: "an array of group names, such as [\"inspectd\"]", found: value)
                    return nil
                }
                var groups: [GroupReference] = []
                var valid = true
                for (offset, element) in elements.enumerated() {
                    let entry = "entry \(offset + 1)"
                    switch element.kind {
                    case .string(let text):
                        if let group = GroupReference(text) {
                            groups.append(group)
                        } else {
                            valid = false
                            problems.reportInvalid(
                                "\(entry) \(TOMLKey.quoted(text)) is not a group name; use a lowercase name such as \"inspectd-admin\" or a numeric gid",
                                at: element)
                        }
                    case .integer(let number):
                        if let gid = UInt32(exactly: number), gid != UInt32.max {
                            groups.append(.gid(gid))
                        } else {
                            valid = false
                            problems.reportInvalid(
                                "\(entry) \(number) is not a gid; use a number from 0 to 4294967294", at: element)
                        }
                    default:
                        valid = false
                        problems.report(
                            .wrongType,
                            "\(entry): expected a group name (string) or gid (integer), found \(element.typeDescription)",
                            at: element)
                    }
                }
                return valid ? groups : nil
            },
            render: { groups in
                "["
                    + groups.map { group in
                        switch group {
                        case .name(let name): TOMLKey.quoted(name)
                        case .gid(let gid): String(gid)
                        }
                    }.joined(separator: ", ") + "]"
            })
    }
}
