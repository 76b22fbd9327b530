/// An inspector (执法人员) from the inspector directory.
///
/// JSON keys equal the `inspectors.csv` column names:
/// `id, name, department, certified, home_locality, phone`. `certified` is a
/// JSON boolean; `home_locality` is `null` when the inspector has none.
public struct Inspector: Codable, Sendable, Equatable, Hashable {
    /// Stable identifier, 1–64 of `A-Z a-z 0-9 _ . -`.
    public var id: String
    /// Full name.
    public var name: String
    /// Id of the department (a ``Unit`` of kind ``UnitKind/department``) the inspector belongs to.
    public var department: String
    /// Holds a law-enforcement certificate (执法证). A visit needs two certified officers.
    public var certified: Bool
    /// Id of the locality the inspector lives in or comes from, used for recusal (回避); `nil` when none.
    public var homeLocality: String?
    /// Phone number, as written in the import file.
    public var phone: String

    /// Creates an inspector.
    public init(
        id: String, name: String, department: String, certified: Bool,
        homeLocality: String?, phone: String
    ) {
        self.id = id
        self.name = name
        self.department = department
        self.certified = certified
        self.homeLocality = homeLocality
        self.phone = phone
    }

    enum CodingKeys: String, CodingKey {
        case id, name, department, certified
        case homeLocality = "home_locality"
        case phone
    }

    /// Decodes an inspector; a missing `home_locality` key reads as `nil`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        department = try container.decode(String.self, forKey: .department)
        certified = try container.decode(Bool.self, forKey: .certified)
        homeLocality = try container.decodeIfPresent(String.self, forKey: .homeLocality)
        phone = try container.decode(String.self, forKey: .phone)
    }

    /// Encodes an inspector; `home_locality` is always present (`null` when `nil`),
    /// so every JSON object carries every CSV column name.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(department, forKey: .department)
        try container.encode(certified, forKey: .certified)
        try container.encode(homeLocality, forKey: .homeLocality)
        try container.encode(phone, forKey: .phone)
    }
}
