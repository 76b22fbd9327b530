import ArgumentParser
import Foundation
import InspectAPI

/// `inspectctl audit`: the audit trail of writes, sealed reads and refusals (admins only).
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "The audit trail: every write, every read of sealed data and every refusal (403), oldest first. Admins only.",
        discussion: """
            Examples:
              inspectctl audit --since 2026-12-01
              inspectctl audit --since 2026-12-01T08:00 --user 1017 --format csv
            """
    )

    @OptionGroup var options: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("Entries from this date (YYYY-MM-DD) or time (YYYY-MM-DDTHH:MM, district time) on.", valueName: "when"))
    var since: String?

    @Option(name: .long, help: ArgumentHelp("Only this caller: a uid or a user name.", valueName: "user"))
    var user: String?

    @Option(name: .long, help: ArgumentHelp("At most this many entries (the newest); default 1000.", valueName: "n"))
    var limit: Int?

    func validate() throws {
        if let limit, !(1...100_000).contains(limit) { throw ValidationError("--limit \(limit) is out of range; use 1 to 100000") }
        if let user, user.isEmpty { throw ValidationError("--user needs a uid or a user name") }
    }

    func run() throws {
        var query: [String] = []
        if let since { query.append("since=\(percentEncoded(since))") }
        if let user { query.append("user=\(percentEncoded(user))") }
        if let limit { query.append("limit=\(limit)") }
        let body = try call(options, "GET", "/v1/audit" + (query.isEmpty ? "" : "?" + query.joined(separator: "&")))
        try printListing(
            body, as: [AuditItem].self, format: options.format,
            csv: { CSVText.render(header: AuditRendering.columns, rows: $0.map(AuditRendering.row)) },
            table: { [presentation = options.presentation] in
                TextTable(headers: presentation.titles(AuditRendering.columns), rows: $0.map(AuditRendering.row), for: presentation)
            })
    }
}

enum AuditRendering {
    static let columns = ["id", "at", "uid", "gid", "pid", "role", "action", "target", "outcome", "detail"]

    static func row(_ item: AuditItem) -> [String] {
        [
            String(item.id), item.at, String(item.uid), String(item.gid), String(item.pid), item.role, item.action, item.target,
            String(item.outcome), item.detail,
        ]
    }
}
