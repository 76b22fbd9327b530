import InspectAPI
import InspectCalendar

/// What the roster, duty, draw and leave commands print, made from the daemon's decoded
/// answers: pure functions of the answer and the ``Presentation`` (language, width,
/// colour), so the output is tested without a daemon or a terminal.
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
    static func dayLabel(_ shift: RosterShift, _ language: Language) -> String {
        let kind = Phrase.dayKind(shift.dayKind).text(language)
        guard let holiday = shift.holiday, !holiday.isEmpty else { return kind }
        return shift.dayKind == "holiday" ? holiday : language.pick("\(kind) (\(holiday))", "\(kind)（\(holiday)）")
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
    static func visitsLabel(_ shift: RosterShift, _ language: Language) -> String {
        let sealed = Phrase.sealedUntil(releaseLabel(shift)).text(language)
        if shift.visits.isEmpty {
            return shift.sealed ? sealed : "0"
        }
        let listed = "\(shift.visits.count): " + shift.visits.map(visitLabel).joined(separator: " ")
        return shift.sealed ? listed + language.pick(" (\(sealed))", "（\(sealed)）") : listed
    }

    /// A visit's site id, with `[task:ID]` after a targeted one.
    static func visitLabel(_ visit: RosterVisit) -> String {
        guard visit.origin != "random" else { return visit.site }
        return "\(visit.site)[\(visit.origin.split(separator: " ").first ?? "task")]"
    }

    /// One line naming a shift: `2026-12-01/night/north/1: 2026-12-01 夜班 00:00–08:00, workday, zone north, team 1`.
    static func shiftLine(_ shift: RosterShift, _ language: Language) -> String {
        var facts = [
            "\(shift.date) \(shift.periodName) \(timeRange(start: shift.start, end: shift.end))", dayLabel(shift, language),
        ]
        if shift.rain { facts.append(Phrase.rainPeriod.text(language)) }
        facts.append(Phrase.zone(shift.zone).text(language))
        facts.append(Phrase.team(shift.team).text(language))
        if shift.pinned { facts.append(Phrase.pinnedShift.text(language)) }
        return "\(shift.id): " + facts.joined(separator: language.pick(", ", "，"))
    }

    static func membersLine(_ shift: RosterShift, _ language: Language) -> String {
        Phrase.members(shift.members.map(memberLabel)).text(language)
    }

    /// A TextTable without the blanks that pad an empty last cell.
    static func table(_ headers: [String], _ rows: [[String]], _ presentation: Presentation, alerts: Set<Int> = []) -> String {
        TextTable(headers: headers, rows: rows, alerts: alerts, for: presentation).rendered().split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in
                var line = Substring(line)
                while line.last == " " { line = line.dropLast() }
                return String(line)
            }
            .joined(separator: "\n")
    }

    // MARK: roster

    static let rosterColumns = ["date", "period", "time", "day", "rain", "zone", "team", "members", "visits", "pinned"]

    static func rosterRow(_ shift: RosterShift, _ language: Language) -> [String] {
        [
            shift.date, shift.periodName, timeRange(start: shift.start, end: shift.end), dayLabel(shift, language),
            shift.rain ? Phrase.rain.text(language) : "", shift.zone, String(shift.team),
            shift.members.map(memberLabel).joined(separator: ", "), visitsLabel(shift, language),
            shift.pinned ? Phrase.pinned.text(language) : "",
        ]
    }

    /// `SHORT: 2026-12-01 night north: 1 team short (3 people): …`, one per shortfall.
    static func shortfallLines(_ shortfalls: [RosterShortfall], _ language: Language) -> [String] {
        shortfalls.map { Phrase.shortfall($0).text(language) }
    }

    /// The roster as `inspectctl roster` prints it: a heading, one row per team-shift, a
    /// key, then every shortfall on its own line (in red when colour is on).
    static func rosterText(_ report: RosterReport, _ presentation: Presentation) -> String {
        let language = presentation.language
        var lines = [presentation.text(.rosterHeading(from: report.from, to: report.to, plan: planLabel(report.plan, language)))]
        if report.shifts.isEmpty {
            lines.append(presentation.text(.noShiftsPlanned))
        } else {
            lines.append(table(presentation.titles(rosterColumns), report.shifts.map { rosterRow($0, language) }, presentation))
            lines.append(presentation.text(.rosterKey(mark: certifiedMark, example: report.shifts[0].id)))
        }
        if !report.shortfalls.isEmpty {
            lines.append("")
            lines.append(contentsOf: shortfallLines(report.shortfalls, language).map(presentation.alert))
        }
        return lines.joined(separator: "\n")
    }

    static func planLabel(_ plan: PlanSummary?, _ language: Language) -> String {
        guard let plan else { return Phrase.noPlanYet.text(language) }
        return Phrase.planLabel(id: plan.id, created: plan.created, reason: plan.reason).text(language)
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
            let tail = [String(shift.sealed), shift.visits.map(visitLabel).joined(separator: ";")]
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

    static func explanationText(_ explanation: ShiftExplanation, _ presentation: Presentation) -> String {
        let shift = explanation.shift
        let language = presentation.language
        var lines = [shiftLine(shift, language), membersLine(shift, language)]
        if !shift.visits.isEmpty {
            lines.append(language.pick("Visits (origin: random draw, or the targeted task):", "检查对象（来源：随机抽取，或定向任务）："))
            for visit in shift.visits {
                lines.append("  \(visit.site) \(visit.name) (\(visit.locality), \(visit.risk)): \(visit.origin)")
            }
        }
        lines += ["", presentation.text(.rulesHeading)]
        lines.append(contentsOf: explanation.rules.isEmpty ? [presentation.text(.noneRecorded)] : explanation.rules.map { "  - \($0)" })
        lines.append("")
        lines.append(presentation.text(.swapsHeading))
        for note in explanation.members {
            let member = shift.members.first { $0.id == note.id }
            let label = member.map(memberLabel) ?? note.name
            let replacements = presentation.text(.replacements(note.replacements))
            let line = "  \(label) [\(note.id)]: \(replacements)"
            lines.append(note.replacements == 0 ? presentation.alert(line) : line)
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

    static func fairnessText(_ report: FairnessReport, _ presentation: Presentation) -> String {
        var lines = [presentation.text(.dutyCountsHeading(from: report.from, to: report.to))]
        lines.append(
            report.inspectors.isEmpty
                ? presentation.text(.noInspector)
                : TextTable(
                    headers: presentation.titles(fairnessColumns, overriding: ColumnTitles.people), rows: fairnessRows(report),
                    for: presentation
                ).rendered())
        lines.append("")
        lines.append(presentation.text(.spreadHeading))
        let spreadRows = report.spreads.map { spread in
            [
                spread.group, String(spread.inspectors), String(spread.nights), String(spread.restdays), String(spread.holidays),
                String(spread.rain),
            ]
        }
        lines.append(
            spreadRows.isEmpty
                ? presentation.text(.noGroup)
                : TextTable(headers: presentation.titles(spreadColumns, overriding: ["inspectors": "人数"]), rows: spreadRows, for: presentation).rendered())
        return lines.joined(separator: "\n")
    }

    // MARK: roster assign, pin, unpin

    static func assignmentText(_ outcome: RosterAssignOutcome, _ presentation: Presentation) -> String {
        let shift = outcome.shift
        var lines = [shiftLine(shift, presentation.language), membersLine(shift, presentation.language)]
        lines.append(presentation.text(.pinnedKept(shift.pinned)))
        lines.append(contentsOf: outcome.warnings.map { presentation.alert(presentation.text(.warningItem($0))) })
        if let plan = outcome.plan { lines.append(contentsOf: replanLines(plan, presentation)) }
        return lines.joined(separator: "\n")
    }

    /// What a re-plan changed, and loudly any shortfalls it left.
    static func replanLines(_ plan: PlanSummary, _ presentation: Presentation) -> [String] {
        var lines = [presentation.text(.replanned(plan))]
        if plan.shortfalls > 0 {
            lines.append(presentation.alert(presentation.text(.planShortfalls(plan))))
        }
        return lines
    }

    // MARK: roster plans

    static let planColumns = [
        "id", "created", "reason", "first_date", "last_date", "added", "changed", "removed", "visits", "shortfalls", "generator", "seed",
    ]

    /// A plan's row; a seed not yet disclosed reads `sealed`.
    static func planRow(_ plan: PlanSummary, _ language: Language) -> [String] {
        [
            String(plan.id), plan.created, plan.reason, plan.firstDate, plan.lastDate, String(plan.teamsAdded), String(plan.teamsChanged),
            String(plan.teamsRemoved), String(plan.visitsDrawn), String(plan.shortfalls), plan.generator,
            plan.seed ?? Phrase.sealedSeed.text(language),
        ]
    }

    /// The plans table; plans that left shortfalls stand out.
    static func plansTable(_ plans: [PlanSummary], _ presentation: Presentation) -> TextTable {
        TextTable(
            headers: presentation.titles(planColumns, overriding: ["created": "生成时间", "visits": "抽查数"]),
            rows: plans.map { planRow($0, presentation.language) }, alerts: Set(plans.indices.filter { plans[$0].shortfalls > 0 }),
            for: presentation)
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
    static func uncoveredLines(_ report: DutyReport, _ language: Language) -> [String] {
        report.uncovered.map { Phrase.uncovered($0).text(language) }
    }

    static func dutyText(_ report: DutyReport, _ presentation: Presentation) -> String {
        var lines = [presentation.text(.onDutyHeading(report.at))]
        let rows = dutyRows(report)
        lines.append(
            rows.isEmpty ? presentation.text(.nobody) : table(presentation.titles(dutyColumns, overriding: ColumnTitles.people), rows, presentation))
        if !report.uncovered.isEmpty {
            lines.append("")
            lines.append(contentsOf: uncoveredLines(report, presentation.language).map(presentation.alert))
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
    static func verificationLine(_ verification: DrawVerification, _ presentation: Presentation) -> String {
        let line = presentation.text(.verification(verification))
        return verification.identical ? line : presentation.alert(line)
    }

    // MARK: leave

    static let leaveColumns = ["id", "inspector", "from", "to", "reason", "created", "uid"]

    static func leaveRow(_ item: LeaveItem) -> [String] {
        [String(item.id), item.inspector, item.from, item.to, item.reason, item.created, String(item.uid)]
    }

    static func leaveOutcomeText(_ outcome: LeaveOutcome, _ presentation: Presentation) -> String {
        var lines = [presentation.text(.leaveStored(outcome.leave))]
        if let plan = outcome.plan {
            lines.append(contentsOf: replanLines(plan, presentation))
        } else {
            lines.append(presentation.text(.noShiftAffected))
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
