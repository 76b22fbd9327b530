import ArgumentParser
import Foundation
import InspectAPI
import InspectCalendar
import InspectLedger

struct CasesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases",
        abstract: "The rectification ledger (整改台账): import, add, list, show and update cases.",
        discussion: """
            Without a subcommand, lists the cases.
            Examples:
              inspectctl cases --overdue
              inspectctl cases show C-2026-101
            """,
        subcommands: [CasesListCommand.self, CasesImportCommand.self, CasesAddCommand.self, CasesShowCommand.self, CasesUpdateCommand.self],
        defaultSubcommand: CasesListCommand.self
    )
}

/// The columns `cases list --format csv` writes and `cases import` reads.
let caseColumns = ["id", "title", "source", "category", "site", "unit", "person", "phone", "deadline", "status", "milestones", "measures"]

func caseRow(_ item: CaseItem) -> [String] {
    [
        item.id, item.title, item.source, item.category, item.site ?? "", item.unit, item.person, item.phone, item.deadline,
        item.status, item.milestones.map { "\($0.name)@\($0.due)" }.joined(separator: ";"), item.measures.joined(separator: ";"),
    ]
}

struct CasesListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List cases, overdue ones marked (--format csv writes a file cases import reads back).",
        discussion: """
            Examples:
              inspectctl cases list --unit baihe --overdue
              inspectctl cases list --status rectified --format csv --excel > rectified.csv
            """)

    @OptionGroup var options: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("Only this responsible unit's cases.", valueName: "id"))
    var unit: String?

    @Option(name: .long, help: ArgumentHelp("Only cases with this status: open, in_progress, rectified, verified, closed, shut_down.", valueName: "status"))
    var status: String?

    @Flag(name: .long, help: "Only outstanding cases past their deadline.")
    var overdue = false

    func validate() throws {
        if let status, CaseStatus(rawValue: status) == nil {
            throw ValidationError("--status \(status) is not a status; use \(CaseStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        var query: [String] = []
        if let unit { query.append("unit=\(percentEncoded(unit))") }
        if let status { query.append("status=\(status)") }
        if overdue { query.append("overdue=true") }
        let body = try call(options, "GET", "/v1/cases" + (query.isEmpty ? "" : "?" + query.joined(separator: "&")))
        if options.format == .json { return printJSON(body) }
        let items = try JSONDecoder().decode([CaseItem].self, from: Data(body))
        if options.format == .csv {
            print(CSVText.render(header: caseColumns, rows: items.map(caseRow)), terminator: "")
            return
        }
        print(Self.table(items, options.presentation))
    }

    /// The table: overdue cases say by how many days, and stand out in colour.
    static func table(_ items: [CaseItem], _ presentation: Presentation) -> String {
        let rows = items.map { item in
            [
                item.id, item.title, item.unit, item.deadline, item.status, item.overdue ? presentation.text(.overdueDays(item.daysOverdue)) : "",
                item.person,
            ]
        }
        let overdue = Set(items.indices.filter { items[$0].overdue })
        let headers = presentation.titles(["id", "title", "unit", "deadline", "status", "overdue", "person"])
        return TextTable(headers: headers, rows: rows, alerts: overdue, for: presentation).rendered()
    }
}

struct CasesImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import cases from CSV (UTF-8 or GB18030): id,title,source,category,unit,person,phone,deadline,status[,site][,milestones][,measures].",
        discussion: """
            All or nothing: any bad row rejects the whole file, every bad row listed with line and column.
            Re-importing updates by id, and every change goes into the case's history.
            milestones: name@YYYY-MM-DD;name@YYYY-MM-DD   measures: production_halt;seal_and_seize;…
            Example: inspectctl cases import 整改台账.csv --encoding gb18030 --dry-run
            """
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: ArgumentHelp("The CSV file.", valueName: "file"))
    var file: String

    @Option(name: .long, help: "The file's encoding: auto, utf8 or gb18030.")
    var encoding: String = "auto"

    @Flag(name: .long, help: "Check the file and count what would change; change nothing.")
    var dryRun = false

    func validate() throws {
        guard ["auto", "utf8", "gb18030"].contains(encoding) else { throw ValidationError("--encoding must be auto, utf8 or gb18030") }
    }

    func run() throws {
        let bytes = try readFileOrExit(file)
        let name = (file as NSString).lastPathComponent
        let body = try call(
            options, "POST", "/v1/cases/imports?file=\(percentEncoded(name))&encoding=\(encoding)&dry_run=\(dryRun)",
            contentType: "text/csv", body: bytes)
        if options.format == .json { return printJSON(body) }
        let result = try JSONDecoder().decode(ImportResult.self, from: Data(body))
        print(options.presentation.text(.imported(result, kind: "cases")))
    }
}

struct CasesAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add one case (checked exactly like an imported row).",
        discussion: "Example: inspectctl cases add --id C-2026-101 --title '河道排污口整治' --source complaint --category 水源地 --unit baihe --person 张伟 --phone 13800000001 --deadline 2026-12-31 --milestone '制定方案@2026-12-10'"
    )

    @OptionGroup var options: GlobalOptions
    @Option(name: .long) var id: String
    @Option(name: .long) var title: String
    @Option(name: .long, help: "central_inspection, municipal_inspection, complaint, media or patrol.") var source: String
    @Option(name: .long, help: "Such as 散乱污, 水源地, 雨污分流, 违章建筑, 大气.") var category: String
    @Option(name: .long, help: "The responsible unit's id.") var unit: String
    @Option(name: .long, help: "The responsible person's name.") var person: String
    @Option(name: .long) var phone: String
    @Option(name: .long, help: "YYYY-MM-DD.") var deadline: String
    @Option(name: .long) var status: String = "open"
    @Option(name: .long, help: "The site's id.") var site: String?
    @Option(name: .long, help: ArgumentHelp("A milestone, name@YYYY-MM-DD (repeatable).", valueName: "name@date")) var milestone: [String] = []
    @Option(name: .long, help: ArgumentHelp("An enforcement measure (repeatable).", valueName: "measure")) var measure: [String] = []

    func run() throws {
        let row = [
            id, title, source, category, site ?? "", unit, person, phone, deadline, status, milestone.joined(separator: ";"),
            measure.joined(separator: ";"),
        ]
        let csv = CSVText.render(header: caseColumns, rows: [row])
        let body = try call(
            options, "POST", "/v1/cases/imports?file=case&add_only=true", contentType: "text/csv", body: Array(csv.utf8))
        if options.format == .json { return printJSON(body) }
        print(options.presentation.text(.caseAdded(id)))
    }
}

struct CasesShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "One case with its full history and its notices.",
        discussion: """
            The case's fields and whether it is overdue, then every change (when, by which uid, from
            which status to which, the note) and the notices it caused.
            Example: inspectctl cases show C-2026-101
            """)

    @OptionGroup var options: GlobalOptions

    @Argument(help: ArgumentHelp("The case id.", valueName: "id"))
    var id: String

    func run() throws {
        let body = try call(options, "GET", "/v1/cases/\(percentEncoded(id))")
        if options.format == .json { return printJSON(body) }
        let detail = try JSONDecoder().decode(CaseDetail.self, from: Data(body))
        let item = detail.item
        // CSV keeps the machine's words; the table speaks the reader's language.
        let presentation = options.format == .csv ? Presentation.plain : options.presentation
        var rows: [[String]] = zip(caseColumns, caseRow(item)).map { [$0, $1] }
        rows.append(["overdue", presentation.text(.overdueField(overdue: item.overdue, days: item.daysOverdue))])
        if options.format == .csv {
            print(CSVText.render(header: ["field", "value"], rows: rows), terminator: "")
            return
        }
        let titled = rows.map { [presentation.title($0[0]), $0[1]] }
        let overdueRow: Set<Int> = item.overdue ? [titled.count - 1] : []
        print(TextTable(headers: presentation.titles(["field", "value"]), rows: titled, alerts: overdueRow, for: presentation).rendered())
        print("\n" + presentation.text(.historyHeading))
        print(
            TextTable(
                headers: presentation.titles(["at", "uid", "action", "status", "note"]),
                rows: detail.history.map { entry in
                    [entry.at, String(entry.uid), entry.action, [entry.fromStatus, entry.toStatus].compactMap { $0 }.joined(separator: " → "),
                     [entry.note, entry.detail].compactMap { $0 }.joined(separator: "; ")]
                },
                for: presentation
            ).rendered())
        if !detail.notices.isEmpty {
            print("\n" + presentation.text(.noticesHeading))
            print(
                TextTable(
                    headers: presentation.titles(["id", "kind", "created", "subject", "delivered"]),
                    rows: detail.notices.map { [$0.id, $0.kind, $0.created, $0.subject, $0.pending ? presentation.text(.pending) : ($0.writtenAt ?? "")] },
                    for: presentation
                ).rendered())
        }
    }
}

struct CasesUpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Change a case's status (recorded with who and when); closed (销号) only after verified.",
        discussion: "Example: inspectctl cases update C-2026-101 --status rectified --note '已完成截污'"
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: ArgumentHelp("The case id.", valueName: "id"))
    var id: String

    @Option(name: .long, help: "open, in_progress, rectified, verified, closed or shut_down.")
    var status: String?

    @Option(name: .long, help: "What was done or found.")
    var note: String?

    @Option(name: .long, help: ArgumentHelp("An enforcement measure taken (repeatable).", valueName: "measure"))
    var measure: [String] = []

    func validate() throws {
        if status == nil && note == nil && measure.isEmpty {
            throw ValidationError("give --status, --note or --measure")
        }
        if let status, CaseStatus(rawValue: status) == nil {
            throw ValidationError("--status \(status) is not a status; use \(CaseStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        for value in measure where EnforcementMeasure(rawValue: value) == nil {
            throw ValidationError("--measure \(value) is not a measure; use \(EnforcementMeasure.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        let request = CaseUpdateRequest(status: status, note: note, measures: measure.isEmpty ? nil : measure)
        let body = try call(
            options, "POST", "/v1/cases/\(percentEncoded(id))/update", contentType: "application/json",
            body: Array(try JSONEncoder().encode(request)))
        if options.format == .json { return printJSON(body) }
        let item = try JSONDecoder().decode(CaseItem.self, from: Data(body))
        print(options.presentation.text(.caseStatus(id: item.id, status: item.status)))
    }
}

struct UnitsLaggingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lagging", abstract: "Units ranked by their overdue cases, lagging ones (进度滞后) first.",
        discussion: """
            Per unit: outstanding and overdue cases, the overdue share, mean and longest days overdue,
            and why a unit counts as lagging.
            Example: inspectctl units lagging --format csv --excel > lagging.csv
            """)

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let body = try call(options, "GET", "/v1/units/lagging")
        if options.format == .json { return printJSON(body) }
        let standings = try JSONDecoder().decode([UnitStandingItem].self, from: Data(body))
        let headers = ["rank", "unit", "name", "outstanding", "overdue", "overdue_%", "mean_days", "max_days", "lagging", "why"]
        // CSV keeps the machine's words; the table speaks the reader's language.
        let presentation = options.format == .csv ? Presentation.plain : options.presentation
        let rows = standings.map { item in
            [
                String(item.rank), item.unit, item.unitName, String(item.outstanding), String(item.overdue),
                String(format: "%.0f", item.overdueRatioPercent), String(format: "%.1f", item.meanDaysOverdue),
                String(item.maxDaysOverdue), item.lagging ? presentation.text(.yesNo(true)) : "", item.reasons.joined(separator: "; "),
            ]
        }
        if options.format == .csv {
            print(CSVText.render(header: headers, rows: rows), terminator: "")
        } else {
            let lagging = Set(standings.indices.filter { standings[$0].lagging })
            print(TextTable(headers: presentation.titles(headers, overriding: ["unit": "单位"]), rows: rows, alerts: lagging, for: presentation).rendered())
        }
    }
}

struct NoticesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notices", abstract: "Notices decided (reminders, 督办, 约谈, 问责, 通报, rosters, unrecorded visits), newest first.",
        discussion: """
            "delivered" says when the notice was written to the outbox, or "pending".
            Examples:
              inspectctl notices --pending
              inspectctl notices --kind summons --since 2026-12-01
              inspectctl notices --case C-2026-101
            """)

    @OptionGroup var options: GlobalOptions

    @Flag(name: .long, help: "Only notices not yet written to the outbox.")
    var pending = false

    @Option(name: .long, help: "Only this kind: reminder, overdue, supervision, summons, accountability, ranking, roster, visit_reminder, visit_escalation.")
    var kind: String?

    @Option(name: .long, help: ArgumentHelp("Only notices created on or after this date (YYYY-MM-DD).", valueName: "date"))
    var since: String?

    @Option(name: .customLong("case"), help: ArgumentHelp("Only this case's notices.", valueName: "id"))
    var caseID: String?

    @Option(name: .long, help: "At most this many (default 200).")
    var limit: Int = 200

    func validate() throws {
        if let kind, NoticeKind(rawValue: kind) == nil {
            throw ValidationError("--kind \(kind) is not a notice kind; use \(NoticeKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let since, CivilDate(iso: since) == nil { throw ValidationError("--since \(since) is not a date; write YYYY-MM-DD") }
        if !(1...100_000).contains(limit) { throw ValidationError("--limit must be 1 to 100000") }
    }

    func run() throws {
        var query = ["limit=\(limit)"]
        if pending { query.append("pending=true") }
        if let kind { query.append("kind=\(kind)") }
        if let since { query.append("since=\(since)") }
        if let caseID { query.append("case=\(percentEncoded(caseID))") }
        let body = try call(options, "GET", "/v1/notices?" + query.joined(separator: "&"))
        if options.format == .json { return printJSON(body) }
        let notices = try JSONDecoder().decode([NoticeSummary].self, from: Data(body))
        let headers = ["id", "kind", "created", "case", "unit", "subject", "recipients", "delivered"]
        // CSV keeps the machine's words; the table speaks the reader's language.
        let presentation = options.format == .csv ? Presentation.plain : options.presentation
        let rows = notices.map { notice in
            [
                notice.id, notice.kind, notice.created, notice.caseID ?? "", notice.unitID ?? "", notice.subject,
                notice.recipients.joined(separator: ", "), notice.pending ? presentation.text(.pending) : (notice.writtenAt ?? ""),
            ]
        }
        if options.format == .csv {
            print(CSVText.render(header: headers, rows: rows), terminator: "")
        } else {
            print(TextTable(headers: presentation.titles(headers, overriding: ["unit": "单位"]), rows: rows, for: presentation).rendered())
        }
    }
}
