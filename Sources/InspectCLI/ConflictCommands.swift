import ArgumentParser
import Foundation
import InspectAPI

/// `inspectctl conflict`: declared conflicts of interest (回避), which keep an inspector's
/// teams away from a site.
struct ConflictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflict",
        abstract: "Conflicts of interest (回避): an inspector's teams never visit the site. Admins only.",
        discussion: """
            Without a subcommand, lists the declared conflicts.
            Examples:
              inspectctl conflict
              inspectctl conflict add I017 S0042 --reason 亲属任该企业负责人
            """,
        subcommands: [ConflictListCommand.self, ConflictAddCommand.self],
        defaultSubcommand: ConflictListCommand.self
    )
}

struct ConflictAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Declare that an inspector has a conflict of interest with a site; sealed site lists that break it are drawn again.",
        discussion: "Example: inspectctl conflict add I017 S0042 --reason 亲属任该企业负责人"
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: ArgumentHelp("The inspector's id.", valueName: "inspector"))
    var inspector: String

    @Argument(help: ArgumentHelp("The site's id.", valueName: "site"))
    var site: String

    @Option(name: .long, help: ArgumentHelp("Why, such as a relative works there.", valueName: "text"))
    var reason: String = ""

    func run() throws {
        let request = ConflictRequest(inspector: inspector, site: site, reason: reason)
        let body = try call(options, "POST", "/v1/conflicts", contentType: "application/json", body: Array(try JSONEncoder().encode(request)))
        if options.format == .json { return printJSON(body) }
        print(ConflictRendering.outcomeText(try JSONDecoder().decode(ConflictOutcome.self, from: Data(body)), options.presentation))
    }
}

struct ConflictListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List declared conflicts: inspector, site, reason, when and by whom (uid).",
        discussion: "Example: inspectctl conflict list --format csv"
    )

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let body = try call(options, "GET", "/v1/conflicts")
        try printListing(
            body, as: [ConflictItem].self, format: options.format,
            csv: { CSVText.render(header: ConflictRendering.columns, rows: $0.map(ConflictRendering.row)) },
            table: { [presentation = options.presentation] in
                TextTable(
                    headers: presentation.titles(ConflictRendering.columns, overriding: ["created": "登记时间"]),
                    rows: $0.map(ConflictRendering.row), for: presentation)
            })
    }
}

enum ConflictRendering {
    static let columns = ["inspector", "site", "reason", "created", "uid"]

    static func row(_ item: ConflictItem) -> [String] {
        [item.inspector, item.site, item.reason, item.created, String(item.uid)]
    }

    static func outcomeText(_ outcome: ConflictOutcome, _ presentation: Presentation) -> String {
        var lines = [presentation.text(.conflictRecorded(outcome.conflict))]
        if let plan = outcome.plan {
            lines.append(contentsOf: RosterRendering.replanLines(plan, presentation))
        } else {
            lines.append(presentation.text(.noSealedListChanged))
        }
        return lines.joined(separator: "\n")
    }
}
