import InspectAPI
import InspectCalendar

/// What the roster, duty, draw and leave commands print, made from the daemon's decoded
/// answers: pure functions, so the output is tested without a daemon.
enum RosterRendering {
    // MARK: pieces of a shift

    /// `HH:MM` from an ISO 8601 date-time such as `2026-12-01T08:00:00+08:00`.
    static func clock(_ iso: String) -> String {
        let parts = iso.split(separator: "T", maxSplits: 1)
        return parts.count == 2 ? String(parts[1].prefix(5)) : iso
    }

    /// `HH:MM–HH:MM`; an end at the following midnight is written `24:00`, as the
    /// configuration writes it.
    static func timeRange(start: String, end: String) -> String {
        var endClock = clock(end)
        if endClock == "00:00" && end.prefix(10) != start.prefix(10) { endClock = "24:00" }
        return clock(start) + "–" + endClock
    }

    /// The kind of day, or the holiday's name on a holiday.
    static func dayLabel(_ shift: RosterShift) -> String {
        guard let holiday = shift.holiday, !holiday.isEmpty else { return shift.dayKind }
        return shift.dayKind == "holiday" ? holiday : "\(shift.dayKind) (\(holiday))"
    }

    /// The mark after a certified officer's (持执法证) name.
    static let certifiedMark = "★"

    /// `张伟★(sthj)`: the name, the certified mark and the department.
    static func memberLabel(_ member: RosterMember) -> String {
        "\(member.name)\(member.certified ? certifiedMark : "")(\(member.department))"
    }

    /// When a sealed site list is released: `HH:MM`, or `MM-DD HH:MM` when that is not on
    /// the shift's own date (a night shift's list released the evening before).
    static func releaseLabel(_ shift: RosterShift) -> String {
        let time = clock(shift.releaseAt)
        if shift.releaseAt.prefix(10) == shift.date { return time }
        return "\(shift.releaseAt.dropFirst(5).prefix(5)) \(time)"
    }

    /// The visits: their number and site ids, or `sealed until HH:MM` when the list is
    /// withheld from the caller.
    static func visitsLabel(_ shift: RosterShift) -> String {
        if shift.visits.isEmpty {
            return shift.sealed ? "sealed until \(releaseLabel(shift))" : "0"
        }
        let listed = "\(shift.visits.count): " + shift.visits.map(\.site).joined(separator: " ")
        return shift.sealed ? listed + " (sealed until \(releaseLabel(shift)))" : listed
    }

    /// One line naming a shift: `2026-12-01/night/north/1: 2026-12-01 夜班 00:00–08:00, workday, zone north, team 1`.
    static func shiftLine(_ shift: RosterShift) -> String {
        var facts = [
            "\(shift.date) \(shift.periodName) \(timeRange(start: shift.start, end: shift.end))", dayLabel(shift),
        ]
        if shift.rain { facts.append("rain period") }
        facts.append("zone \(shift.zone)")
        facts.append("team \(shift.team)")
        if shift.pinned { facts.append("pinned") }
        return "\(shift.id): " + facts.joined(separator: ", ")
    }

    static func membersLine(_ shift: RosterShift) -> String {
        "members: " + (shift.members.isEmpty ? "none" : shift.members.map(memberLabel).joined(separator: ", "))
    }

    /// A TextTable without the blanks that pad an empty last cell.
    static func table(_ headers: [String], _ rows: [[String]]) -> String {
        TextTable(headers: headers, rows: rows).rendered().split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in
                var line = Substring(line)
                while line.last == " " { line = line.dropLast() }
                return String(line)
            }
            .joined(separator: "\n")
    }

    // MARK: roster

    static let rosterColumns = ["date", "period", "time", "day", "rain", "zone", "team", "members", "visits", "pinned"]

    static func rosterRow(_ shift: RosterShift) -> [String] {
        [
            shift.date, shift.periodName, timeRange(start: shift.start, end: shift.end), dayLabel(shift), shift.rain ? "rain" : "",
            shift.zone, String(shift.team), shift.members.map(memberLabel).joined(separator: ", "), visitsLabel(shift),
            shift.pinned ? "pinned" : "",
        ]
    }

    /// `SHORT: 2026-12-01 night north: 1 team short (3 people): …`, one per shortfall.
    static func shortfallLines(_ shortfalls: [RosterShortfall]) -> [String] {
        shortfalls.map { "SHORT: \($0.description)" }
    }

    /// The roster as `inspectctl roster` prints it: a heading, one row per team-shift, a
    /// key, then every shortfall on its own line.
    static func rosterText(_ report: RosterReport) -> String {
        var lines = ["Roster \(report.from) to \(report.to), \(planLabel(report.plan))"]
        if report.shifts.isEmpty {
            lines.append("no shifts planned")
        } else {
            lines.append(table(rosterColumns, report.shifts.map(rosterRow)))
            lines.append(
                "\(certifiedMark) certified (持执法证). Shift ids for roster explain, assign and pin: DATE/PERIOD/ZONE/TEAM, such as \(report.shifts[0].id)."
            )
        }
        if !report.shortfalls.isEmpty {
            lines.append("")
            lines.append(contentsOf: shortfallLines(report.shortfalls))
        }
        return lines.joined(separator: "\n")
    }

    static func planLabel(_ plan: PlanSummary?) -> String {
        guard let plan else { return "no plan yet" }
        return "plan \(plan.id) of \(plan.created) (\(plan.reason))"
    }

    static let rosterCSVColumns = [
        "shift", "date", "period", "start", "end", "day_kind", "rain", "zone", "team", "member", "name", "department", "certified",
        "sealed", "visits",
    ]

    /// RFC 4180, one row per member of each team-shift (a team with nobody yet gets one row
    /// with the member columns empty), so that a pivot table counts duties per person.
    static func rosterCSV(_ report: RosterReport) -> String {
        var rows: [[String]] = []
        for shift in report.shifts {
            let head = [
                shift.id, shift.date, shift.period, shift.start, shift.end, shift.dayKind, String(shift.rain), shift.zone,
                String(shift.team),
            ]
            let tail = [String(shift.sealed), shift.visits.map(\.site).joined(separator: ";")]
            if shift.members.isEmpty {
                rows.append(head + ["", "", "", ""] + tail)
            }
            for member in shift.members {
                rows.append(head + [member.id, member.name, member.department, String(member.certified)] + tail)
            }
        }
        return CSVText.render(header: rosterCSVColumns, rows: rows)
    }

    // MARK: roster explain

    static func explanationText(_ explanation: ShiftExplanation) -> String {
        let shift = explanation.shift
        var lines = [shiftLine(shift), membersLine(shift), "", "Rules that bound the choice:"]
        lines.append(contentsOf: explanation.rules.isEmpty ? ["  none recorded"] : explanation.rules.map { "  - \($0)" })
        lines.append("")
        lines.append("If a member were swapped:")
        for note in explanation.members {
            let member = shift.members.first { $0.id == note.id }
            let label = member.map(memberLabel) ?? note.name
            let replacements =
                switch note.replacements {
                case 0: "NO replacement: nobody else meets the hard rules"
                case 1: "1 possible replacement"
                default: "\(note.replacements) possible replacements"
                }
            lines.append("  \(label) [\(note.id)]: \(replacements)")
            lines.append(contentsOf: note.notes.map { "    - \($0)" })
        }
        return lines.joined(separator: "\n")
    }

    // MARK: roster fairness

    static let fairnessColumns = ["id", "name", "department", "shifts", "hours", "nights", "restdays", "holidays", "rain"]

    /// One row per inspector, sorted by department, then id.
    static func fairnessRows(_ report: FairnessReport) -> [[String]] {
        report.inspectors.sorted { ($0.department, $0.id) < ($1.department, $1.id) }.map { row in
            [
                row.id, row.name, row.department, String(row.shifts), String(row.hours), String(row.nights), String(row.restdays),
                String(row.holidays), String(row.rain),
            ]
        }
    }

    static let spreadColumns = ["group", "inspectors", "nights", "restdays", "holidays", "rain"]

    static func fairnessText(_ report: FairnessReport) -> String {
        var lines = ["Duty counts \(report.from) to \(report.to):"]
        lines.append(
            report.inspectors.isEmpty ? "  no inspector" : TextTable(headers: fairnessColumns, rows: fairnessRows(report)).rendered())
        lines.append("")
        lines.append("Spread (max − min) within each group of interchangeable inspectors:")
        let spreadRows = report.spreads.map { spread in
            [
                spread.group, String(spread.inspectors), String(spread.nights), String(spread.restdays), String(spread.holidays),
                String(spread.rain),
            ]
        }
        lines.append(spreadRows.isEmpty ? "  no group" : TextTable(headers: spreadColumns, rows: spreadRows).rendered())
        return lines.joined(separator: "\n")
    }

    // MARK: roster assign, pin, unpin

    static func assignmentText(_ outcome: RosterAssignOutcome) -> String {
        let shift = outcome.shift
        var lines = [shiftLine(shift), membersLine(shift)]
        lines.append(shift.pinned ? "pinned: re-planning keeps this team as it is" : "not pinned: re-planning may change this team")
        lines.append(contentsOf: outcome.warnings.map { "WARNING: \($0)" })
        if let plan = outcome.plan { lines.append(contentsOf: replanLines(plan)) }
        return lines.joined(separator: "\n")
    }

    /// What a re-plan changed, and loudly any shortfalls it left.
    static func replanLines(_ plan: PlanSummary) -> [String] {
        var lines = [
            "re-planned (plan \(plan.id), \(plan.reason)): \(teams(plan.teamsChanged)) changed, \(plan.teamsAdded) added, \(plan.teamsRemoved) removed, \(plan.visitsDrawn) visits drawn"
        ]
        if plan.shortfalls > 0 {
            lines.append(
                "SHORT: plan \(plan.id) leaves \(plan.shortfalls) shortfall\(plan.shortfalls == 1 ? "" : "s"); inspectctl roster lists them"
            )
        }
        return lines
    }

    private static func teams(_ count: Int) -> String { count == 1 ? "1 team" : "\(count) teams" }

    // MARK: roster plans

    static let planColumns = [
        "id", "created", "reason", "first_date", "last_date", "added", "changed", "removed", "visits", "shortfalls", "generator", "seed",
    ]

    /// A plan's row; a seed not yet disclosed reads `sealed`.
    static func planRow(_ plan: PlanSummary) -> [String] {
        [
            String(plan.id), plan.created, plan.reason, plan.firstDate, plan.lastDate, String(plan.teamsAdded), String(plan.teamsChanged),
            String(plan.teamsRemoved), String(plan.visitsDrawn), String(plan.shortfalls), plan.generator, plan.seed ?? "sealed",
        ]
    }

    // MARK: duty

    static let dutyColumns = ["zone", "period", "time", "team", "name", "department", "phone"]

    /// One row per person on duty, by zone and team.
    static func dutyRows(_ report: DutyReport) -> [[String]] {
        var rows: [[String]] = []
        for shift in report.shifts.sorted(by: { ($0.zone, $0.team) < ($1.zone, $1.team) }) {
            let time = timeRange(start: shift.start, end: shift.end)
            for member in shift.members {
                rows.append([
                    shift.zone, shift.periodName, time, String(shift.team), member.name + (member.certified ? certifiedMark : ""),
                    member.department, member.phone ?? "",
                ])
            }
        }
        return rows
    }

    /// `UNCOVERED: zone north has no team on duty`, one per zone.
    static func uncoveredLines(_ report: DutyReport) -> [String] {
        report.uncovered.map { "UNCOVERED: zone \($0) has no team on duty" }
    }

    static func dutyText(_ report: DutyReport) -> String {
        var lines = ["On duty at \(report.at):"]
        let rows = dutyRows(report)
        lines.append(rows.isEmpty ? "  nobody" : table(dutyColumns, rows))
        if !report.uncovered.isEmpty {
            lines.append("")
            lines.append(contentsOf: uncoveredLines(report))
        }
        return lines.joined(separator: "\n")
    }

    static let dutyCSVColumns = [
        "at", "shift", "zone", "period", "start", "end", "team", "member", "name", "department", "certified", "phone",
    ]

    static func dutyCSV(_ report: DutyReport) -> String {
        var rows: [[String]] = []
        for shift in report.shifts.sorted(by: { ($0.zone, $0.team) < ($1.zone, $1.team) }) {
            for member in shift.members {
                rows.append([
                    report.at, shift.id, shift.zone, shift.period, shift.start, shift.end, String(shift.team), member.id, member.name,
                    member.department, String(member.certified), member.phone ?? "",
                ])
            }
        }
        return CSVText.render(header: dutyCSVColumns, rows: rows)
    }

    /// The instant `duty --at` sends: `YYYY-MM-DDTHH:MM[:SS]` is the district's local time
    /// and gets `+08:00`; a time with `Z` or an offset `±HH:MM` is sent as written. Nil for
    /// anything else.
    static func dutyInstant(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 16, CivilDate(iso: text.prefix(10)) != nil, bytes[10] == UInt8(ascii: "T"),
            let hours = number(bytes[11..<13]), bytes[13] == UInt8(ascii: ":"), let minutes = number(bytes[14..<16]),
            hours < 24, minutes < 60
        else { return nil }
        var rest = bytes[16...]
        if rest.first == UInt8(ascii: ":") {
            guard rest.count >= 3, let seconds = number(rest.dropFirst().prefix(2)), seconds < 60 else { return nil }
            rest = rest.dropFirst(3)
            if rest.first == UInt8(ascii: ".") {
                let fraction = rest.dropFirst().prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
                guard !fraction.isEmpty else { return nil }
                rest = rest.dropFirst(1 + fraction.count)
            }
        }
        if rest.isEmpty { return text + "+08:00" }
        if Array(rest) == [UInt8(ascii: "Z")] { return text }
        guard rest.count == 6, rest.first == UInt8(ascii: "+") || rest.first == UInt8(ascii: "-"),
            let offsetHours = number(rest.dropFirst().prefix(2)), rest[rest.startIndex + 3] == UInt8(ascii: ":"),
            let offsetMinutes = number(rest.suffix(2)), offsetHours <= 14, offsetMinutes < 60
        else { return nil }
        return text
    }

    private static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard bytes.count == 2, bytes.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        return bytes.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    // MARK: draw verify

    /// `plan 7: identical (412 visits, generator splitmix64-es2, seed 123, input digest ab12…)`
    /// or `plan 7: DIFFERS: …`.
    static func verificationLine(_ verification: DrawVerification) -> String {
        if verification.identical {
            return
                "plan \(verification.plan): identical (\(verification.visits) visits, generator \(verification.generator), seed \(verification.seed), input digest \(verification.inputDigest))"
        }
        return "plan \(verification.plan): DIFFERS: \(verification.difference ?? "the replay does not give the stored draw")"
    }

    // MARK: leave

    static let leaveColumns = ["id", "inspector", "from", "to", "reason", "created", "uid"]

    static func leaveRow(_ item: LeaveItem) -> [String] {
        [String(item.id), item.inspector, item.from, item.to, item.reason, item.created, String(item.uid)]
    }

    static func leaveOutcomeText(_ outcome: LeaveOutcome) -> String {
        let leave = outcome.leave
        let reason = leave.reason.isEmpty ? "" : " (\(leave.reason))"
        var lines = ["leave \(leave.id) stored: \(leave.inspector) from \(leave.from) to \(leave.to)\(reason)"]
        if let plan = outcome.plan {
            lines.append(contentsOf: replanLines(plan))
        } else {
            lines.append("no planned shift affected")
        }
        return lines.joined(separator: "\n")
    }

    // MARK: arguments

    /// Whether `text` has the shape of a shift id, `DATE/PERIOD/ZONE/TEAM`.
    static func isShiftID(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 4, CivilDate(iso: parts[0]) != nil, !parts[1].isEmpty, !parts[2].isEmpty, let team = Int(parts[3]) else {
            return false
        }
        return team >= 1
    }
}
