import ArgumentParser
import Foundation
import InspectAPI
import InspectCalendar

/// Throws a ValidationError that says what to write when `value` is not `YYYY-MM-DD`.
func validateDate(_ value: String?, flag: String) throws {
    if let value, CivilDate(iso: value) == nil {
        throw ValidationError("\(flag) \(value) is not a date; write YYYY-MM-DD, such as 2026-12-01")
    }
}

/// Throws when both dates are given and `from` is after `to`.
func validateOrder(from: String?, to: String?) throws {
    if let from, let to, let first = CivilDate(iso: from), let last = CivilDate(iso: to), last < first {
        throw ValidationError("--to \(to) is before --from \(from); give the earlier date as --from")
    }
}

/// Throws when `id` does not look like `DATE/PERIOD/ZONE/TEAM`.
func validateShiftID(_ id: String) throws {
    guard RosterRendering.isShiftID(id) else {
        throw ValidationError(
            "\(id) is not a shift id; write DATE/PERIOD/ZONE/TEAM, such as 2026-12-01/night/north/1 (the shift column of inspectctl roster --format csv)"
        )
    }
}

/// `path?a=1&b=2`, or `path` alone when no query item is given.
func withQuery(_ path: String, _ items: [String?]) -> String {
    let present = items.compactMap { $0 }.filter { !$0.isEmpty }
    return present.isEmpty ? path : path + "?" + present.joined(separator: "&")
}

struct RosterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster",
        abstract: "The joint inspection roster (联合检查排班): show, explain, fairness, manual edits and plans.",
        discussion: """
            Without a subcommand, shows the roster (roster show).
            Examples:
              inspectctl roster --from 2026-12-01 --to 2026-12-07
              inspectctl roster --format ics --inspector I017 > I017.ics
            """,
        subcommands: [
            RosterShowCommand.self, RosterExplainCommand.self, RosterFairnessCommand.self, RosterAssignCommand.self,
            RosterPinCommand.self, RosterUnpinCommand.self, RosterPlansCommand.self,
            RosterWeekCommand.self,
        ],
        defaultSubcommand: RosterShowCommand.self
    )
}

struct RosterShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "The teams planned, one row per team-shift, then every shortfall.",
        discussion: """
            Table: date, period, time, day (the holiday's name on holidays), rain, zone, team, members
            (★ certified, department in brackets), visits (site ids; "sealed until HH:MM" while the
            site list is withheld from you) and pinned; then one "SHORT: …" line per shortfall.
            --format json prints the daemon's answer unchanged; --format csv writes one row per member
            of each team-shift (shortfalls then go to standard error; add --excel for Excel and WPS).
            --format ics writes an iCalendar file to import into a phone's calendar: one event per
            shift of --inspector (or per team-shift without it), with period, zone, team, colleagues,
            the kind of day and rain; never the site lists. Re-importing a newer export updates the
            events rather than duplicating them.
            Examples:
              inspectctl roster --from 2026-12-01 --to 2026-12-07 --unit gaj --period night
              inspectctl roster --format ics --inspector I017 > I017.ics
              inspectctl roster --format csv --excel > roster.csv
            """
    )

    @OptionGroup var options: GlobalOptions
    @OptionGroup var range: DateRangeOptions

    @Option(name: .long, help: ArgumentHelp("Only teams with a member of this department.", valueName: "id"))
    var unit: String?

    @Option(name: .long, help: ArgumentHelp("Only this inspector's shifts.", valueName: "id"))
    var inspector: String?

    @Option(name: .long, help: ArgumentHelp("Only this period, such as night.", valueName: "id"))
    var period: String?

    func validate() throws {
        try validateOrder(from: range.from, to: range.to)
    }

    func run() throws {
        let path = withQuery(
            "/v1/roster",
            [
                range.query, unit.map { "unit=\(percentEncoded($0))" }, inspector.map { "inspector=\(percentEncoded($0))" },
                period.map { "period=\(percentEncoded($0))" },
            ])
        let body = try call(options, "GET", path, writesCalendar: true)
        if options.format == .ics { return try printCalendar(try JSONDecoder().decode(RosterReport.self, from: Data(body))) }
        if options.format == .json { return printJSON(body) }
        let report = try JSONDecoder().decode(RosterReport.self, from: Data(body))
        if options.format == .csv {
            print(RosterRendering.rosterCSV(report), terminator: "")
            for line in RosterRendering.shortfallLines(report.shortfalls, options.presentation.language) { printError("inspectctl: \(line)") }
        } else {
            print(RosterRendering.rosterText(report, options.presentation))
        }
    }

    /// The shifts as an iCalendar file on standard output; shortfalls and an empty
    /// calendar are said on standard error.
    func printCalendar(_ report: RosterReport) throws {
        let text: String
        do {
            text = try RosterICS.calendar(report, inspector: inspector, stamp: Int64(Date().timeIntervalSince1970))
        } catch {
            printError("inspectctl: cannot write the calendar: \(error)")
            throw ExitCode.failure
        }
        print(text, terminator: "")
        if !text.contains("BEGIN:VEVENT") {
            printError("inspectctl: no shifts\(inspector.map { " for \($0)" } ?? "") from \(report.from) to \(report.to): the calendar is empty")
        }
        for shortfall in report.shortfalls { printError("inspectctl: SHORT: \(shortfall.description)") }
    }
}

struct RosterWeekCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "week",
        abstract: "A week at a glance: periods down, days across, the teams in each cell; fits an 80-column terminal.",
        discussion: """
            The ISO week (Monday to Sunday) that contains --date, default today (China Standard \
            Time). Each cell lists the teams on duty as zone and team number (北1 南2, or N1 S2 in \
            English), counted per zone (北3组) when too many to list; 雨/☔ marks a rain period and \
            !缺1/!-1 teams missing. The header marks holidays 休/hol and makeup workdays 班/work. \
            The grid fits the terminal (COLUMNS, else its width; 80 columns when not a terminal). \
            --format json and csv print the week's roster as inspectctl roster does.

            Example: inspectctl roster week --date 2026-10-01
            """
    )

    @OptionGroup var options: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("A date in the week, YYYY-MM-DD (default: today).", valueName: "date"))
    var date: String?

    func validate() throws {
        try validateDate(date, flag: "--date")
    }

    func run() throws {
        let today = DistrictTimeZone.chinaStandardTime.date(atUTC: Int64(Date().timeIntervalSince1970))
        let monday = WeekGrid.monday(of: date.flatMap { CivilDate(iso: $0) } ?? today)
        let range = "from=\(monday)&to=\(monday.adding(days: 6))"
        let body = try call(options, "GET", "/v1/roster?" + range)
        if options.format == .json { return printJSON(body) }
        let report = try JSONDecoder().decode(RosterReport.self, from: Data(body))
        let presentation = options.presentation
        if options.format == .csv {
            print(RosterRendering.rosterCSV(report), terminator: "")
            for line in RosterRendering.shortfallLines(report.shortfalls, presentation.language) { printError("inspectctl: \(line)") }
            return
        }
        let calendar = try JSONDecoder().decode(CalendarReport.self, from: Data(try call(options, "GET", "/v1/calendar?" + range)))
        print(WeekGrid.render(report, days: calendar.days, monday: monday, presentation))
    }
}

struct RosterExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Why these people: the rules that bound a team, and what swapping each member would break.",
        discussion: "Example: inspectctl roster explain 2026-12-01/night/north/1"
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: ArgumentHelp("The shift: DATE/PERIOD/ZONE/TEAM.", valueName: "shift"))
    var shift: String

    func validate() throws { try validateShiftID(shift) }

    func run() throws {
        let body = try call(options, "GET", "/v1/roster/shifts/\(percentEncoded(shift))/explain")
        if options.format == .json { return printJSON(body) }
        print(RosterRendering.explanationText(try JSONDecoder().decode(ShiftExplanation.self, from: Data(body)), options.presentation))
    }
}

struct RosterFairnessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fairness",
        abstract: "Shifts, hours, nights, restdays, holidays and rain duty per inspector, with the spread per group.",
        discussion: """
            Inspectors are sorted by department, then id. The spread is max − min of a count among
            inspectors who do the same duty. Without --from/--to the daemon's fairness window is used;
            the heading says which. --format csv writes the per-inspector rows.
            Example: inspectctl roster fairness --from 2026-10-01 --to 2026-10-31
            """
    )

    @OptionGroup var options: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("First date, YYYY-MM-DD.", valueName: "date"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("Last date, YYYY-MM-DD, inclusive.", valueName: "date"))
    var to: String?

    func validate() throws {
        try validateDate(from, flag: "--from")
        try validateDate(to, flag: "--to")
        try validateOrder(from: from, to: to)
    }

    func run() throws {
        let body = try call(options, "GET", withQuery("/v1/roster/fairness", [from.map { "from=\($0)" }, to.map { "to=\($0)" }]))
        if options.format == .json { return printJSON(body) }
        let report = try JSONDecoder().decode(FairnessReport.self, from: Data(body))
        if options.format == .csv {
            print(CSVText.render(header: RosterRendering.fairnessColumns, rows: RosterRendering.fairnessRows(report)), terminator: "")
        } else {
            print(RosterRendering.fairnessText(report, options.presentation))
        }
    }
}

/// Sends a manual edit of one team and prints the outcome.
func sendAssignment(_ options: GlobalOptions, shift: String, _ request: RosterAssignRequest) throws {
    let body = try call(
        options, "POST", "/v1/roster/shifts/\(percentEncoded(shift))/assign", contentType: "application/json",
        body: Array(try JSONEncoder().encode(request)))
    if options.format == .json { return printJSON(body) }
    print(RosterRendering.assignmentText(try JSONDecoder().decode(RosterAssignOutcome.self, from: Data(body)), options.presentation))
}

struct RosterAssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Set a team's members by hand and pin it, so re-planning keeps it.",
        discussion: """
            The edit is kept even when it breaks a rule (a person decided); each broken rule is
            printed as a WARNING. Example: inspectctl roster assign 2026-12-01/night/north/1 --members I001,I017,I203
            """
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: ArgumentHelp("The shift: DATE/PERIOD/ZONE/TEAM.", valueName: "shift"))
    var shift: String

    @Option(name: .long, help: ArgumentHelp("The inspectors' ids, comma-separated.", valueName: "id,id,…"))
    var members: String

    var memberIDs: [String] {
        members.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    func validate() throws {
        try validateShiftID(shift)
        let ids = memberIDs
        if ids.contains("") {
            throw ValidationError(
                "--members \(members) has an empty id; write the inspectors' ids separated by commas, such as I001,I017,I203")
        }
        if let repeated = ids.first(where: { id in ids.filter { $0 == id }.count > 1 }) {
            throw ValidationError("--members names \(repeated) twice; name each inspector once")
        }
    }

    func run() throws {
        try sendAssignment(options, shift: shift, RosterAssignRequest(members: memberIDs, pinned: true))
    }
}

struct RosterPinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pin",
        abstract: "Keep a team as it is: re-planning leaves it alone.",
        discussion: "Example: inspectctl roster pin 2026-12-01/night/north/1"
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: ArgumentHelp("The shift: DATE/PERIOD/ZONE/TEAM.", valueName: "shift"))
    var shift: String

    func validate() throws { try validateShiftID(shift) }

    func run() throws {
        try sendAssignment(options, shift: shift, RosterAssignRequest(members: nil, pinned: true))
    }
}

struct RosterUnpinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unpin",
        abstract: "Release a pinned team: re-planning may change it again.",
        discussion: "Example: inspectctl roster unpin 2026-12-01/night/north/1"
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: ArgumentHelp("The shift: DATE/PERIOD/ZONE/TEAM.", valueName: "shift"))
    var shift: String

    func validate() throws { try validateShiftID(shift) }

    func run() throws {
        try sendAssignment(options, shift: shift, RosterAssignRequest(members: nil, pinned: false))
    }
}

struct RosterPlansCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plans",
        abstract: "The plans, newest first: why each ran, what it changed, and its draw (generator and seed).",
        discussion: """
            A seed reads "sealed" until the planned period has ended (administrators see it at once).
            Check a plan's draw with inspectctl draw verify PLAN. Example: inspectctl roster plans --limit 10
            """
    )

    @OptionGroup var options: GlobalOptions

    @Option(name: .long, help: "At most this many plans (default: the daemon's).")
    var limit: Int?

    func validate() throws {
        if let limit, !(1...1000).contains(limit) { throw ValidationError("--limit must be 1 to 1000") }
    }

    func run() throws {
        let body = try call(options, "GET", withQuery("/v1/plans", [limit.map { "limit=\($0)" }]))
        try printListing(
            body, as: [PlanSummary].self, format: options.format,
            csv: { CSVText.render(header: RosterRendering.planColumns, rows: $0.map { RosterRendering.planRow($0, .en) }) },
            table: { RosterRendering.plansTable($0, options.presentation) })
    }
}

struct DutyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "duty",
        abstract: "Who is on duty now (or at --at), per zone, with phone numbers; zones nobody covers are flagged.",
        discussion: """
            --at takes YYYY-MM-DDTHH:MM, the district's local time (sent with +08:00), or an ISO 8601
            time with its offset. Zones without a team print as "UNCOVERED: …" (to standard error with --format csv).
            Example: inspectctl duty --at 2026-12-01T23:30
            """
    )

    @OptionGroup var options: GlobalOptions

    @Option(
        name: .long,
        help: ArgumentHelp("The instant: YYYY-MM-DDTHH:MM (district time) or ISO 8601 with offset (default: now).", valueName: "time"))
    var at: String?

    func validate() throws {
        if let at, RosterRendering.dutyInstant(at) == nil {
            throw ValidationError(
                "--at \(at) is not a time; write YYYY-MM-DDTHH:MM in district time, such as 2026-12-01T23:30, or ISO 8601 with an offset, such as 2026-12-01T15:30:00Z"
            )
        }
    }

    func run() throws {
        let instant = at.flatMap(RosterRendering.dutyInstant)
        let body = try call(options, "GET", withQuery("/v1/duty", [instant.map { "at=\(percentEncoded($0))" }]))
        if options.format == .json { return printJSON(body) }
        let report = try JSONDecoder().decode(DutyReport.self, from: Data(body))
        if options.format == .csv {
            print(RosterRendering.dutyCSV(report), terminator: "")
            for line in RosterRendering.uncoveredLines(report, options.presentation.language) { printError("inspectctl: \(line)") }
        } else {
            print(RosterRendering.dutyText(report, options.presentation))
        }
    }
}

struct DrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draw",
        abstract: "Audit the random draws (双随机) behind the plans.",
        discussion: "Example: inspectctl draw verify 7",
        subcommands: [DrawVerifyCommand.self]
    )
}

struct DrawVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Replay a plan's draw and compare it with the stored result bit for bit.",
        discussion: """
            Prints "plan N: identical (…)" and exits 0, or "plan N: DIFFERS: <the first difference>" and exits 1.
            Example: inspectctl draw verify 7 || echo "draw of plan 7 does not replay"
            """
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: ArgumentHelp("The plan's id (inspectctl roster plans lists them).", valueName: "plan"))
    var plan: Int64

    func validate() throws {
        if plan < 1 { throw ValidationError("\(plan) is not a plan id; plan ids start at 1 (inspectctl roster plans lists them)") }
    }

    func run() throws {
        let body = try call(options, "GET", "/v1/plans/\(plan)/verify")
        if options.format == .json { printJSON(body) }
        let verification = try JSONDecoder().decode(DrawVerification.self, from: Data(body))
        if options.format != .json { print(RosterRendering.verificationLine(verification, options.presentation)) }
        if !verification.identical { throw ExitCode.failure }
    }
}

struct LeaveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leave",
        abstract: "Inspectors' leave (请假) and other unavailability: add and list.",
        discussion: """
            Without a subcommand, lists the leave recorded.
            Examples:
              inspectctl leave
              inspectctl leave add I017 --from 2026-12-03 --to 2026-12-05 --reason 病假
            """,
        subcommands: [LeaveListCommand.self, LeaveAddCommand.self],
        defaultSubcommand: LeaveListCommand.self
    )
}

struct LeaveAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Record leave for an inspector; the planned shifts it touches are re-planned at once.",
        discussion: """
            Prints the leave stored and what re-planning changed, or "no planned shift affected".
            Example: inspectctl leave add I017 --from 2026-12-03 --to 2026-12-05 --reason 病假
            """
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: ArgumentHelp("The inspector's id.", valueName: "inspector"))
    var inspector: String

    @Option(name: .long, help: ArgumentHelp("First day of leave, YYYY-MM-DD.", valueName: "date"))
    var from: String

    @Option(name: .long, help: ArgumentHelp("Last day of leave, YYYY-MM-DD, inclusive.", valueName: "date"))
    var to: String

    @Option(name: .long, help: ArgumentHelp("Why, such as 病假 or 培训.", valueName: "text"))
    var reason: String = ""

    func validate() throws {
        try validateDate(from, flag: "--from")
        try validateDate(to, flag: "--to")
        try validateOrder(from: from, to: to)
    }

    func run() throws {
        let request = LeaveRequest(inspector: inspector, from: from, to: to, reason: reason)
        let body = try call(options, "POST", "/v1/leave", contentType: "application/json", body: Array(try JSONEncoder().encode(request)))
        if options.format == .json { return printJSON(body) }
        print(RosterRendering.leaveOutcomeText(try JSONDecoder().decode(LeaveOutcome.self, from: Data(body)), options.presentation))
    }
}

struct LeaveListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List recorded leave: id, inspector, dates, reason, when and by whom (uid) it was recorded.",
        discussion: "Example: inspectctl leave list --from 2026-12-01 --to 2026-12-31 --format csv"
    )

    @OptionGroup var options: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("Only leave that ends on or after this date, YYYY-MM-DD.", valueName: "date"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("Only leave that starts on or before this date, YYYY-MM-DD.", valueName: "date"))
    var to: String?

    func validate() throws {
        try validateDate(from, flag: "--from")
        try validateDate(to, flag: "--to")
        try validateOrder(from: from, to: to)
    }

    func run() throws {
        let body = try call(options, "GET", withQuery("/v1/leave", [from.map { "from=\($0)" }, to.map { "to=\($0)" }]))
        try printListing(
            body, as: [LeaveItem].self, format: options.format,
            csv: { CSVText.render(header: RosterRendering.leaveColumns, rows: $0.map(RosterRendering.leaveRow)) },
            table: { [presentation = options.presentation] in
                TextTable(
                    headers: presentation.titles(RosterRendering.leaveColumns, overriding: ["created": "登记时间"]),
                    rows: $0.map(RosterRendering.leaveRow), for: presentation)
            })
    }
}
