/// `[access]`: which local users may do what over the API socket, by their groups
/// (read from the caller's `SO_PEERCRED`). Root (uid 0) is always an admin. A caller in
/// several groups gets the highest role: admin > supervisor > unit > inspector.
public struct AccessSettings: Sendable, Equatable {
    /// `admin_groups`, array of group names or numeric gids, default `["inspectd-admin"]`:
    /// members may import data and change things.
    public var adminGroups: [GroupReference]
    /// `supervisor_groups`, array of group names or numeric gids, default `["inspectd"]`:
    /// members have read-only access.
    public var supervisorGroups: [GroupReference]
    /// `unit_groups`, array of `{ group = "…", unit = "…" }` (group name or gid, a unit id),
    /// default `[]`: members see their unit's people's shifts and their unit's cases, and may
    /// update those cases' status.
    public var unitGroups: [GroupBinding]
    /// `inspector_groups`, array of `{ group = "…", inspector = "…" }` (group name or gid, an
    /// inspector id), default `[]`: members see that inspector's own shifts and may ask leave
    /// for that inspector.
    public var inspectorGroups: [GroupBinding]

    public init(
        adminGroups: [GroupReference] = [.name("inspectd-admin")],
        supervisorGroups: [GroupReference] = [.name("inspectd")],
        unitGroups: [GroupBinding] = [],
        inspectorGroups: [GroupBinding] = []
    ) {
        self.adminGroups = adminGroups
        self.supervisorGroups = supervisorGroups
        self.unitGroups = unitGroups
        self.inspectorGroups = inspectorGroups
    }
}

/// A group bound to one unit or inspector id (`{ group = "baihe-office", unit = "baihe" }`).
public struct GroupBinding: Sendable, Hashable {
    public var group: GroupReference
    /// The unit's or inspector's id in the directory.
    public var id: String

    public init(group: GroupReference, id: String) {
        self.group = group
        self.id = id
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
            bindings("unit_groups", \.unitGroups, field: "unit", example: "{ group = \"baihe-office\", unit = \"baihe\" }"),
            bindings("inspector_groups", \.inspectorGroups, field: "inspector", example: "{ group = \"i017\", inspector = \"I017\" }"),
        ]
    }

    /// An array of `{ group = NAME-OR-GID, <field> = ID }` tables.
    private static func bindings(
        _ name: String, _ property: WritableKeyPath<Self, [GroupBinding]>, field: String, example: String
    ) -> ConfigurationKey<Self> {
        .key(
            name, property,
            decode: { value, problems in
                guard let elements = value.array else {
                    problems.reportWrongType(expected: "an array of tables such as [\(example)]", found: value)
                    return nil
                }
                var bindings: [GroupBinding] = []
                var valid = true
                for element in elements {
                    var reader = InlineTableReader(element, noun: "a \(field) binding", fields: ["group", field], example: example, &problems)
                    guard reader.isTable else {
                        valid = false
                        continue
                    }
                    var group: GroupReference?
                    if let entry = reader.table["group"] {
                        switch entry.kind {
                        case .string(let text):
                            group = GroupReference(text)
                            if group == nil {
                                reader.invalid(
                                    "\(TOMLKey.quoted(text)) is not a group name; use a lowercase name such as \"baihe-office\" or a numeric gid",
                                    at: entry, &problems)
                            }
                        case .integer(let number):
                            if let gid = UInt32(exactly: number), gid != UInt32.max {
                                group = .gid(gid)
                            } else {
                                reader.invalid("\(number) is not a gid; use a number from 0 to 4294967294", at: entry, &problems)
                            }
                        default:
                            reader.invalid("group: expected a group name (string) or gid (integer), found \(entry.typeDescription)", at: entry, &problems)
                        }
                    } else {
                        reader.invalid("a \(field) binding needs group, such as \(example)", at: element, &problems)
                    }
                    let id = reader.string(field, &problems)
                    if let (text, at) = id, text.isEmpty || text.count > 64 || text.contains(where: { $0.isWhitespace || $0 == "," }) {
                        reader.invalid(
                            "\(TOMLKey.quoted(text)) is not a \(field) id; write the id as the directory has it (1 to 64 characters, no spaces or commas)",
                            at: at, &problems)
                    }
                    if reader.valid, let group, let (text, _) = id {
                        bindings.append(GroupBinding(group: group, id: text))
                    } else {
                        valid = false
                    }
                }
                return valid ? bindings : nil
            },
            render: { bindings in
                "["
                    + bindings.map { binding in
                        let group: String
                        switch binding.group {
                        case .name(let name): group = TOMLKey.quoted(name)
                        case .gid(let gid): group = String(gid)
                        }
                        return "{ group = \(group), \(field) = \(TOMLKey.quoted(binding.id)) }"
                    }.joined(separator: ", ") + "]"
            })
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
