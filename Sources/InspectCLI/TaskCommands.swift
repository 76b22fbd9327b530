import ArgumentParser
import Foundation
import InspectAPI

/// `inspectctl task`: targeted inspections (专项检查、信访核查、复查), placed on the roster
/// outside the random draw.
struct TaskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task",
        abstract: "Targeted inspections (专项检查、信访核查、复查): add, list, cancel. Supervisors and admins.",
        discussion: """
            A task's visit is added to the sealed site list of the earliest fitting team-shift between
            --from and --by: a shift of the site's zone that has not started and whose list is not
            released yet, a night shift only with --night, and no member from the site's locality or
            with a declared conflict with it. Random visits stay as drawn. When nothing fits, the
            task is refused with why and nothing is stored. Without a subcommand, lists the tasks.
            Examples:
              inspectctl task add --site S0042 --by 2026-12-03T18:00 --reason complaint --note 群众举报夜间偷排
              inspectctl task add --site S0042 --from 2026-12-02 --by 2026-12-04 --reason referral --night
              inspectctl task list --status unplaced
              inspectctl task cancel 7
            """,
        subcommands: [TaskListCommand.self, TaskAddCommand.self, TaskCancelCommand.self],
        defaultSubcommand: TaskListCommand.self
    )
}

/// Why a task is made.
enum TaskReasonChoice: String, ExpressibleByArgument, CaseIterable {
    case complaint, referral, special, verification
}

/// A task's status.
enum TaskStatusChoice: String, ExpressibleByArgument, CaseIterable {
    case placed, unplaced, done, cancelled, expired
}

struct TaskAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a targeted inspection of a site, placed on a team-shift before its deadline.",
        discussion: """
            Times are YYYY-MM-DDTHH:MM in district time (or with an offset such as +08:00), or a date,
            which stands for its start (--from) or its end (--by). The visit's whole shift lies
            between --from (default now) and --by.
            Examples:
              inspectctl task add --site S0042 --by 2026-12-03T18:00 --reason complaint --note 群众举报夜间偷排
            """
    )

    @OptionGroup var options: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("The site's id.", valueName: "id"))
    var site: String

    @Option(name: .long, help: ArgumentHelp("The visit's shift ends by this: YYYY-MM-DDTHH:MM or a date.", valueName: "time"))
    var by: String

    @Option(name: .long, help: ArgumentHelp("The visit's shift starts at or after this (default now).", valueName: "time"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("Why: complaint, referral, special or verification.", valueName: "reason"))
    var reason: TaskReasonChoice

    @Option(name: .customLong("case"), help: ArgumentHelp("The ledger case the task concerns.", valueName: "id"))
    var caseID: String?

    @Flag(name: .long, help: "Only on a night shift.")
    var night = false

    @Option(name: .long, help: ArgumentHelp("A note for the team.", valueName: "text"))
    var note: String = ""

    func validate() throws {
        for (flag, value) in [("--by", by), ("--from", from)] {
            guard let value else { continue }
            guard TaskTime.isValid(value) else {
                throw ValidationError("\(flag) \(value) is not a time; write YYYY-MM-DDTHH:MM (district time), with an offset, or a date YYYY-MM-DD")
            }
        }
    }

    func run() throws {
        let request = TaskAddRequest(site: site, by: by, from: from, reason: reason.rawValue, caseID: caseID, night: night, note: note)
        let body = try call(options, "POST", "/v1/tasks", contentType: "application/json", body: Array(try JSONEncoder().encode(request)))
        if options.format == .json { return printJSON(body) }
        print(options.presentation.text(.taskPlaced(try JSONDecoder().decode(TaskItem.self, from: Data(body)))))
    }
}

/// The form of a task's time, checked before asking the daemon.
enum TaskTime {
    static func isValid(_ text: String) -> Bool {
        let date = text.prefix(10)
        guard date.count == 10, date.split(separator: "-").count == 3, date.allSatisfy({ $0.isNumber || $0 == "-" }) else { return false }
        return text.count == 10 || (text.count >= 16 && text[text.index(text.startIndex, offsetBy: 10)] == "T")
    }
}

struct TaskListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List targeted tasks, newest first: where each is placed, or why it is not.",
        discussion: "Example: inspectctl task list --status unplaced --format csv"
    )

    @OptionGroup var options: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("Only tasks with this status: placed, unplaced, done, cancelled or expired.", valueName: "status"))
    var status: TaskStatusChoice?

    func run() throws {
        let body = try call(options, "GET", withQuery("/v1/tasks", [status.map { "status=\($0.rawValue)" }]))
        try printListing(
            body, as: [TaskItem].self, format: options.format,
            csv: { CSVText.render(header: TaskRendering.columns, rows: $0.map(TaskRendering.row)) },
            table: { [presentation = options.presentation] in
                TextTable(
                    headers: presentation.titles(TaskRendering.columns, overriding: ["id": "任务编号", "by": "完成期限"]),
                    rows: $0.map(TaskRendering.row), for: presentation)
            })
    }
}

struct TaskCancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel an open task; its visit leaves a list whose shift has not started.",
        discussion: "Example: inspectctl task cancel 7"
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: ArgumentHelp("The task's id.", valueName: "id"))
    var id: Int64

    func run() throws {
        let body = try call(
            options, "POST", "/v1/tasks/cancel", contentType: "application/json", body: Array(try JSONEncoder().encode(TaskCancelRequest(id: id))))
        if options.format == .json { return printJSON(body) }
        print(options.presentation.text(.taskCancelled(try JSONDecoder().decode(TaskItem.self, from: Data(body)))))
    }
}

enum TaskRendering {
    static let columns = ["id", "site", "name", "reason", "from", "by", "status", "visit", "case", "problem", "campaign", "note"]

    static func row(_ item: TaskItem) -> [String] {
        [
            String(item.id), item.site, item.name, item.reason, item.from, item.by, item.status, item.visit ?? "", item.caseID ?? "",
            item.problem ?? "", item.campaign ?? "", item.note,
        ]
    }
}
