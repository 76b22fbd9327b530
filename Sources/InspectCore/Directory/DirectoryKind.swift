/// The three directory tables that can be imported from CSV.
public enum DirectoryKind: String, Codable, Sendable, Hashable, CaseIterable {
    /// Departments and localities (``Unit``).
    case units
    /// Inspectors (``Inspector``).
    case inspectors
    /// Sites (``Site``).
    case sites

    /// The CSV header this table is imported from and rendered with, in order.
    /// These names are also the JSON keys of the records.
    public var columns: [String] {
        switch self {
        case .units:
            ["id", "name", "kind", "leader_name", "leader_phone", "contact_name", "contact_phone"]
        case .inspectors:
            ["id", "name", "department", "certified", "home_locality", "phone"]
        case .sites:
            ["id", "name", "locality", "kind", "risk", "rain_sensitive", "night_sensitive"]
        }
    }

    /// The header line, e.g. `id,name,kind,leader_name,leader_phone,contact_name,contact_phone`.
    public var header: String { columns.joined(separator: ",") }

    /// The usual file name, e.g. `units.csv`; used when a caller has no file name to report.
    public var defaultFileName: String { "\(rawValue).csv" }
}
