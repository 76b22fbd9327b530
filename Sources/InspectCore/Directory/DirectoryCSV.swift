/// Renders directory tables as CSV text with the exact import header, so that a
/// rendered table imports back to the same records.
///
/// Output is UTF-8 text (no BOM), LF line ends, a final line break; a field is
/// quoted when it contains a comma, quote, line break or leading/trailing blank.
/// Flags are written `yes`/`no`, an absent home locality as an empty field.
public enum DirectoryCSV {
    /// `units.csv` text.
    public static func render(_ units: [Unit]) -> String {
        table(
            .units,
            units.map { unit in
                [
                    unit.id, unit.name, unit.kind.rawValue, unit.leaderName, unit.leaderPhone, unit.contactName,
                    unit.contactPhone,
                ]
            })
    }

    /// `inspectors.csv` text.
    public static func render(_ inspectors: [Inspector]) -> String {
        table(
            .inspectors,
            inspectors.map { inspector in
                [
                    inspector.id, inspector.name, inspector.department, flag(inspector.certified),
                    inspector.homeLocality ?? "", inspector.phone,
                ]
            })
    }

    /// `sites.csv` text.
    public static func render(_ sites: [Site]) -> String {
        table(
            .sites,
            sites.map { site in
                [
                    site.id, site.name, site.locality, site.kind, site.risk.rawValue,
                    flag(site.rainSensitive), flag(site.nightSensitive),
                ]
            })
    }

    /// One CSV line (without line break) of the given fields, quoted where needed.
    public static func line(_ fields: [String]) -> String {
        fields.map(quotedIfNeeded).joined(separator: ",")
    }

    static func table(_ kind: DirectoryKind, _ rows: [[String]]) -> String {
        var text = kind.header + "\n"
        for row in rows { text += line(row) + "\n" }
        return text
    }

    static func flag(_ value: Bool) -> String { value ? "yes" : "no" }

    static func quotedIfNeeded(_ field: String) -> String {
        let needsQuotes =
            field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline })
            || field.first?.isWhitespace == true || field.last?.isWhitespace == true
        guard needsQuotes else { return field }
        var quoted = "\""
        for character in field {
            if character == "\"" { quoted += "\"\"" } else { quoted.append(character) }
        }
        return quoted + "\""
    }
}
