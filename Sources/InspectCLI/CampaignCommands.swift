import ArgumentParser
import Foundation
import InspectAPI

/// `inspectctl campaign`: special campaigns (专项检查), every matching site visited in a window.
struct CampaignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign",
        abstract: "Special campaigns (专项检查): one targeted task per matching site, spread over teams and periods. Supervisors and admins.",
        discussion: """
            inspectctl task list shows the campaign's tasks (column campaign in the JSON and CSV).
            Examples:
              inspectctl campaign add --name 涉VOCs企业专项 --from 2026-12-07 --to 2026-12-11 --kind 化工
              inspectctl campaign add --name 入河排污口排查 --from 2026-12-07 --to 2026-12-18 --sites-from outfalls.txt
            """,
        subcommands: [CampaignAddCommand.self]
    )
}

struct CampaignAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a campaign: every matching site gets a special task in the window, or, if any cannot be placed, none does.",
        discussion: """
            Give exactly one of --sites-from (a file with one site id per line; a CSV's first column;
            lines starting with # and an "id" header are skipped), --kind (every site of that kind) or
            --category (every site with a ledger case of that category). Each task goes on the
            least-loaded fitting team-shift between the start of --from and the end of --to.
            Example: inspectctl campaign add --name 涉VOCs企业专项 --from 2026-12-07 --to 2026-12-11 --kind 化工
            """
    )

    @OptionGroup var options: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("The campaign's name.", valueName: "name"))
    var name: String

    @Option(name: .long, help: ArgumentHelp("First date, YYYY-MM-DD.", valueName: "date"))
    var from: String

    @Option(name: .long, help: ArgumentHelp("Last date, YYYY-MM-DD.", valueName: "date"))
    var to: String

    @Option(name: .customLong("sites-from"), help: ArgumentHelp("A file of site ids, one per line.", valueName: "file"))
    var sitesFrom: String?

    @Option(name: .long, help: ArgumentHelp("Every site of this kind.", valueName: "kind"))
    var kind: String?

    @Option(name: .long, help: ArgumentHelp("Every site with a ledger case of this category.", valueName: "category"))
    var category: String?

    @Option(name: .long, help: ArgumentHelp("A note for the teams.", valueName: "text"))
    var note: String = ""

    func validate() throws {
        try validateDate(from, flag: "--from")
        try validateDate(to, flag: "--to")
        try validateOrder(from: from, to: to)
        guard [sitesFrom, kind, category].compactMap({ $0 }).count == 1 else {
            throw ValidationError("give exactly one of --sites-from FILE, --kind KIND or --category CATEGORY")
        }
    }

    /// Site ids from a file: the first field of each line, without comments, blanks and an `id` header.
    static func siteIDs(fromFile path: String) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("--sites-from \(path): cannot read it as UTF-8 text; give a file with one site id per line")
        }
        let ids = text.split(whereSeparator: \.isNewline).compactMap { line -> String? in
            let field = line.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let id = field.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\"\u{FEFF}")))
            return id.isEmpty || id.hasPrefix("#") || id.lowercased() == "id" ? nil : id
        }
        guard !ids.isEmpty else { throw ValidationError("--sites-from \(path): no site ids in it") }
        return ids
    }

    func run() throws {
        let sites = try sitesFrom.map(Self.siteIDs(fromFile:))
        let request = CampaignAddRequest(name: name, from: from, to: to, sites: sites, kind: kind, category: category, note: note)
        let body = try call(options, "POST", "/v1/campaigns", contentType: "application/json", body: Array(try JSONEncoder().encode(request)))
        if options.format == .json { return printJSON(body) }
        let outcome = try JSONDecoder().decode(CampaignOutcome.self, from: Data(body))
        print(options.presentation.text(.campaignPlaced(name: outcome.name, tasks: outcome.tasks.count)))
        for task in outcome.tasks { print("  " + options.presentation.text(.taskPlaced(task))) }
    }
}
