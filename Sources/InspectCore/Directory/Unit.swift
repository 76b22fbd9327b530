/// Whether a unit supplies inspectors (a department, 部门) or owns sites and
/// rectification cases (a locality, 属地: a town, street, development zone or park).
public enum UnitKind: String, Codable, Sendable, Hashable, CaseIterable {
    /// A department (部门) that supplies inspectors, e.g. 生态环境局.
    case department
    /// A locality (属地): 镇, 街道, 开发区 or 园区. Sites belong to a locality.
    case locality
}

/// A unit (单位) of the district: a department or a locality, with its top
/// leader (一把手, personally accountable) and its day-to-day contact.
///
/// JSON keys equal the `units.csv` column names:
/// `id, name, kind, leader_name, leader_phone, contact_name, contact_phone`.
public struct Unit: Codable, Sendable, Equatable, Hashable {
    /// Stable identifier, 1–64 of `A-Z a-z 0-9 _ . -`.
    public var id: String
    /// Display name, e.g. `生态环境局` or `白河镇`.
    public var name: String
    /// Department or locality.
    public var kind: UnitKind
    /// Name of the unit's top leader (主官).
    public var leaderName: String
    /// The top leader's phone number, as written in the import file.
    public var leaderPhone: String
    /// Name of the day-to-day contact (联络员).
    public var contactName: String
    /// The contact's phone number, as written in the import file.
    public var contactPhone: String

    /// Creates a unit.
    public init(
        id: String, name: String, kind: UnitKind,
        leaderName: String, leaderPhone: String,
        contactName: String, contactPhone: String
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.leaderName = leaderName
        self.leaderPhone = leaderPhone
        self.contactName = contactName
        self.contactPhone = contactPhone
    }

    enum CodingKeys: String, CodingKey {
        case id, name, kind
        case leaderName = "leader_name"
        case leaderPhone = "leader_phone"
        case contactName = "contact_name"
        case contactPhone = "contact_phone"
    }
}

/// Another name for ``Unit``. Foundation also declares a `Unit` (the base class
/// of `UnitLength` and friends), so in a file that imports both Foundation and
/// InspectCore a bare `Unit` is ambiguous: write `DistrictUnit` (or `InspectCore.Unit`).
public typealias DistrictUnit = Unit
