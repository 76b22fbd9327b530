/// `[district]`: the district this daemon serves.
public struct DistrictSettings: Sendable, Equatable {
    /// `name`, string, default `"未命名区"`: the district's name (区名), shown in notices and
    /// in `inspectctl status`. Must not be blank or contain control characters.
    public var name: String
    /// `timezone`, string, default `"Asia/Shanghai"`: the IANA time zone of the district, in
    /// Area/Location form. Only the form is checked here, not that the zone exists.
    public var timezone: String

    public init(name: String = "未命名区", timezone: String = "Asia/Shanghai") {
        self.name = name
        self.timezone = timezone
    }
}

extension DistrictSettings: ConfigurationSection {
    static let tableName = "district"

    static var keys: [ConfigurationKey<Self>] {
        [
            .string("name", \.name) { name in
                if name.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
                    return "the district name is empty; write the district's name, such as \"示范区\""
                }
                if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                    return "the district name contains a control character such as a line break; write it on one line"
                }
                return nil
            },
            .string("timezone", \.timezone) { zone in
                isIANAZoneName(zone)
                    ? nil
                    : "\(TOMLKey.quoted(zone)) is not an IANA time zone name; use Area/Location, such as \"Asia/Shanghai\""
            },
        ]
    }

    /// `Area/Location` or `Area/Location/Sublocation`; parts of letters, digits, `_`, `+`, `-`.
    static func isIANAZoneName(_ zone: String) -> Bool {
        let parts = zone.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2, let area = parts.first?.first, area.isASCII, area.isLetter else { return false }
        return parts.allSatisfy { part in
            !part.isEmpty && part != "." && part != ".."
                && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_+-.".contains($0)) }
        }
    }
}
