/// Risk class of a site: A is the highest risk, visited most often.
public enum RiskClass: String, Codable, Sendable, Hashable, CaseIterable, Comparable {
    /// Highest risk.
    case a = "A"
    /// Medium risk.
    case b = "B"
    /// Lowest risk.
    case c = "C"

    /// A before B before C.
    public static func < (lhs: RiskClass, rhs: RiskClass) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

/// A site (检查对象) from the target directory.
///
/// JSON keys equal the `sites.csv` column names:
/// `id, name, locality, kind, risk, rain_sensitive, night_sensitive`.
public struct Site: Codable, Sendable, Equatable, Hashable {
    /// Stable identifier, 1–64 of `A-Z a-z 0-9 _ . -`.
    public var id: String
    /// Display name, e.g. `鑫源化工有限公司` or `白河镇入河排污口3号`.
    public var name: String
    /// Id of the locality (a ``Unit`` of kind ``UnitKind/locality``) the site belongs to.
    public var locality: String
    /// Kind of site, free text; the usual values are in ``Site/commonKinds``.
    public var kind: String
    /// Risk class A, B or C.
    public var risk: RiskClass
    /// Discharges under cover of rain are a concern: extra visits when rain is forecast.
    public var rainSensitive: Bool
    /// Illegal night production (偷产) is a concern: night visits.
    public var nightSensitive: Bool

    /// The site kinds the HQ uses (the demo district draws from these).
    public static let commonKinds: [String] = [
        "重点企业", "散乱污企业", "建筑工地", "入河排污口", "雨污分流点",
        "水源地", "城乡结合部", "临区搭界处", "违章建筑",
    ]

    /// Creates a site.
    public init(
        id: String, name: String, locality: String, kind: String, risk: RiskClass,
        rainSensitive: Bool, nightSensitive: Bool
    ) {
        self.id = id
        self.name = name
        self.locality = locality
        self.kind = kind
        self.risk = risk
        self.rainSensitive = rainSensitive
        self.nightSensitive = nightSensitive
    }

    enum CodingKeys: String, CodingKey {
        case id, name, locality, kind, risk
        case rainSensitive = "rain_sensitive"
        case nightSensitive = "night_sensitive"
    }
}
