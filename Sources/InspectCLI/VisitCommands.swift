import ArgumentParser
import Foundation
import InspectAPI

/// `inspectctl visit`: the results of rostered site visits (检查结果).
struct VisitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "visit",
        abstract: "Results of rostered site visits (检查结果): record what a team found, list visits and results.",
        discussion: """
            A visit's id is SHIFT_ID#POSITION: the shift's id (as inspectctl roster shows it) and the
            site's place, from 1, in that team's site list. inspectctl visit list prints them.
            Without a subcommand, lists today's visits.
            Examples:
              inspectctl visit list --from 2026-12-01 --to 2026-12-07
              inspectctl visit record '2026-12-01/day/north/1#2' --result compliant
              inspectctl visit record '2026-12-01/day/north/1#3' --result violation --measures production_halt --new-case 露天焚烧垃圾
            """,
        subcommands: [VisitListCommand.self, VisitRecordCommand.self],
        defaultSubcommand: VisitListCommand.self
    )
}

/// The results a visit may have.
enum VisitResultChoice: String, ExpressibleByArgument, CaseIterable {
    case compliant, violation, closed
    case notFound = "not_found"
}

struct VisitRecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record what the team found at a visit, once its shift has started (members of that team, or admins).",
        discussion: """
            A violation opens a case in the ledger (source patrol, the site's locality responsible),
            due [visits] violation_deadline_days after today. A visit is recorded once; only an
            admin may record it again.
            Examples:
              inspectctl visit record '2026-12-01/day/north/1#2' --result violation --measures seal_and_seize --note 未批先建
            """
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: ArgumentHelp("The visit: SHIFT_ID#POSITION, such as 2026-12-01/day/north/1#2.", valueName: "visit"))
    var visit: String

    @Option(name: .long, help: ArgumentHelp("What was found: compliant, violation, closed or not_found.", valueName: "result"))
    var result: VisitResultChoice

    @Option(
        name: .long, parsing: .upToNextOption,
        help: ArgumentHelp(
            "Measures taken: production_halt, seal_and_seize, daily_fines, administrative_detention, referred_to_police.", valueName: "measure"))
    var measures: [String] = []

    @Option(name: .long, help: ArgumentHelp("A note on what was found.", valueName: "text"))
    var note: String = ""

    @Option(name: .customLong("new-case"), help: ArgumentHelp("For a violation: the title of the case it opens.", valueName: "title"))
    var newCase: String?

    func validate() throws {
        guard APIVisitID.isValid(visit) else {
            throw ValidationError("\(visit) is not a visit id; write SHIFT_ID#POSITION, such as 2026-12-01/day/north/1#2 (inspectctl visit list shows them)")
        }
        if newCase != nil && result != .violation {
            throw ValidationError("--new-case opens a case for a violation; give it with --result violation only")
        }
    }

    func run() throws {
        let request = VisitRecordRequest(visit: visit, result: result.rawValue, measures: measures, note: note, newCase: newCase)
        let body = try call(options, "POST", "/v1/visits/record", contentType: "application/json", body: Array(try JSONEncoder().encode(request)))
        if options.format == .json { return printJSON(body) }
        print(options.presentation.text(.visitRecorded(try JSONDecoder().decode(VisitItem.self, from: Data(body)))))
    }
}

/// The visit id's form, checked before asking the daemon.
enum APIVisitID {
    static func isValid(_ text: String) -> Bool {
        guard let mark = text.lastIndex(of: "#"), mark != text.startIndex, let position = Int(text[text.index(after: mark)...]) else {
            return false
        }
        return position >= 1
    }
}

struct VisitListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List rostered visits and their results (supervisors and admins); sealed site lists only for admins.",
        discussion: "Example: inspectctl visit list --from 2026-12-01 --to 2026-12-07 --result violation --format csv"
    )

    @OptionGroup var options: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("First date, YYYY-MM-DD (default today).", valueName: "date"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("Last date, YYYY-MM-DD (default today).", valueName: "date"))
    var to: String?

    @Option(name: .long, help: ArgumentHelp("Only visits with this result.", valueName: "result"))
    var result: VisitResultChoice?

    func validate() throws {
        try validateDate(from, flag: "--from")
        try validateDate(to, flag: "--to")
        try validateOrder(from: from, to: to)
    }

    func run() throws {
        let body = try call(
            options, "GET", withQuery("/v1/visits", [from.map { "from=\($0)" }, to.map { "to=\($0)" }, result.map { "result=\($0.rawValue)" }]))
        try printListing(
            body, as: [VisitItem].self, format: options.format,
            csv: { CSVText.render(header: VisitRendering.columns, rows: $0.map(VisitRendering.row)) },
            table: { [presentation = options.presentation] in
                TextTable(
                    headers: presentation.titles(VisitRendering.columns, overriding: ["id": "检查编号", "start": "开始时间"]),
                    rows: $0.map(VisitRendering.row), for: presentation)
            })
    }
}

enum VisitRendering {
    static let columns = ["id", "start", "site", "name", "locality", "risk", "origin", "result", "measures", "case", "note"]

    static func row(_ item: VisitItem) -> [String] {
        [
            item.id, item.start, item.site, item.name, item.locality, item.risk, item.origin, item.result ?? "",
            item.measures.joined(separator: " "), item.caseID ?? "", item.note ?? "",
        ]
    }
}
