import InspectCore

/// Why the store could not be opened or could not do what was asked.
///
/// Each case says what a person can do about it; ``code`` is stable.
public enum StoreError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The database directory does not exist.
    case missingDirectory(path: String)
    /// The file exists but is not a healthy SQLite database; it is left untouched.
    case corrupt(path: String, detail: String)
    /// The database was written by a newer inspectd (it has migrations this one does not know).
    case newerSchema(path: String, unknownMigrations: [String])
    /// SQLite refused to open or write the file.
    case unavailable(path: String, detail: String)
    /// A consistency check of the data failed; nothing was changed.
    case rejected(problems: [ImportProblem])

    public var code: String {
        switch self {
        case .missingDirectory: "store_missing_directory"
        case .corrupt: "store_corrupt"
        case .newerSchema: "store_newer_schema"
        case .unavailable: "store_unavailable"
        case .rejected: "store_rejected"
        }
    }

    public var description: String {
        switch self {
        case .missingDirectory(let path):
            "the state directory \(path) does not exist; create it (systemd's StateDirectory= does) or set daemon.state_directory"
        case .corrupt(let path, let detail):
            "the database \(path) is damaged (\(detail)); it was left untouched: restore it from a backup or move it aside to start empty"
        case .newerSchema(let path, let unknown):
            "the database \(path) was written by a newer inspectd (unknown migrations: \(unknown.joined(separator: ", "))); it was left untouched: run that version or restore a backup"
        case .unavailable(let path, let detail):
            "cannot use the database \(path): \(detail)"
        case .rejected(let problems):
            problems.map(\.description).joined(separator: "\n")
        }
    }
}
