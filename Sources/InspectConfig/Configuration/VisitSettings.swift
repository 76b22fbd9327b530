import InspectCore

/// `[visits]`: the random site visits (双随机) each team makes on a shift.
public struct VisitSettings: Sendable, Equatable {
    /// `per_team`, integer 0...50, default 4: site visits drawn for each team on each shift,
    /// among the sites of its zone.
    public var perTeam: Int
    /// `cadence_days`, `{ A = 7, B = 14, C = 30 }`, each 1...366: the target number of days
    /// between two visits to a site of each risk class (风险等级): the longer a site goes
    /// unvisited against its target, the likelier it is drawn. All three classes are given;
    /// no order between them is required.
    public var cadenceDays: CadenceDays
    /// `release_lead_minutes`, integer 0...1440, default 30: a team's sealed site list is
    /// released to it this long before its shift starts; until then only admins see it.
    public var releaseLeadMinutes: Int
    /// `violation_deadline_days`, integer 1...365, default 15: a visit recorded as a
    /// `violation` opens a ledger case due this many calendar days after the day it is recorded.
    public var violationDeadlineDays: Int
    /// `violation_deadline_days_by_category`, inline table of category → integer 1...365,
    /// default `{}`: the deadline, in calendar days, of a case a violation opens, by the
    /// case's category (the site's kind, such as `散乱污企业`); a category not listed takes
    /// `violation_deadline_days`.
    public var violationDeadlineDaysByCategory: [String: Int]
    /// `record_reminder_hours`, integer 1...718, default 12: a visit whose result is not
    /// recorded this many hours after its shift ends raises a reminder (`visit_reminder`) to
    /// the team's members, one notice per team listing its unrecorded visits.
    public var recordReminderHours: Int
    /// `record_escalate_hours`, integer 2...719, default 48, more than
    /// `record_reminder_hours`: still unrecorded this many hours after the shift ends, a
    /// notice (`visit_escalation`) goes to the leader of each member's department.
    public var recordEscalateHours: Int
    /// `record_catch_up_days`, integer 1...30, default 3, longer than
    /// `record_escalate_hours`: only shifts that ended within this many days are looked at,
    /// so a daemon back from downtime (or newly upgraded) does not remind anyone of older
    /// shifts.
    public var recordCatchUpDays: Int

    public init(
        perTeam: Int = 4, cadenceDays: CadenceDays = CadenceDays(), releaseLeadMinutes: Int = 30, violationDeadlineDays: Int = 15,
        violationDeadlineDaysByCategory: [String: Int] = [:], recordReminderHours: Int = 12, recordEscalateHours: Int = 48, recordCatchUpDays: Int = 3
    ) {
        self.perTeam = perTeam
        self.cadenceDays = cadenceDays
        self.releaseLeadMinutes = releaseLeadMinutes
        self.violationDeadlineDays = violationDeadlineDays
        self.violationDeadlineDaysByCategory = violationDeadlineDaysByCategory
        self.recordReminderHours = recordReminderHours
        self.recordEscalateHours = recordEscalateHours
        self.recordCatchUpDays = recordCatchUpDays
    }

    /// The calendar days a case of `category` opened by a violation has: its category's
    /// entry in `violation_deadline_days_by_category`, else `violation_deadline_days`.
    public func violationDeadlineDays(category: String) -> Int {
        violationDeadlineDaysByCategory[category] ?? violationDeadlineDays
    }
}

/// Target days between two visits to a site, by risk class. `[visits] cadence_days`.
public struct CadenceDays: Sendable, Hashable {
    /// `A`, default 7 (weekly).
    public var a: Int
    /// `B`, default 14 (fortnightly).
    public var b: Int
    /// `C`, default 30 (monthly).
    public var c: Int

    public init(a: Int = 7, b: Int = 14, c: Int = 30) {
        self.a = a
        self.b = b
        self.c = c
    }

    /// The target for sites of `risk`.
    public subscript(risk: RiskClass) -> Int {
        get {
            switch risk {
            case .a: a
            case .b: b
            case .c: c
            }
        }
        set {
            switch risk {
            case .a: a = newValue
            case .b: b = newValue
            case .c: c = newValue
            }
        }
    }
}

extension VisitSettings: ConfigurationSection {
    static let tableName = "visits"

    static var keys: [ConfigurationKey<Self>] {
        [
            .integer("per_team", \.perTeam, in: 0...50, unit: "visits"),
            .key("cadence_days", \.cadenceDays, decode: CadenceDays.decode, render: CadenceDays.render),
            .integer("release_lead_minutes", \.releaseLeadMinutes, in: 0...1440, unit: "minutes"),
            .integer("violation_deadline_days", \.violationDeadlineDays, in: 1...365, unit: "days"),
            .key(
                "violation_deadline_days_by_category", \.violationDeadlineDaysByCategory, decode: Self.decodeDeadlines,
                render: Self.renderDeadlines),
            // The three ranges fit each other: record_catch_up_days is at most 30, so the
            // escalation must fall due within 30 × 24 − 1 hours and the reminder before it.
            .integer("record_reminder_hours", \.recordReminderHours, in: 1...718, unit: "hours"),
            .integer("record_escalate_hours", \.recordEscalateHours, in: 2...719, unit: "hours"),
            .integer("record_catch_up_days", \.recordCatchUpDays, in: 1...30, unit: "days"),
        ]
    }

    static func checkAcrossKeys(_ configuration: DaemonConfiguration, _ written: WrittenKeys, _ problems: inout ProblemCollector) {
        let visits = configuration.visits
        let keys = ["record_reminder_hours", "record_escalate_hours", "record_catch_up_days"]
        guard keys.allSatisfy({ written.isSound(tableName, $0) }) else { return }
        /// The line to report at: the first of `names` the file writes.
        func at(_ names: String...) -> TOMLValue? { names.lazy.compactMap { written.value(tableName, $0) }.first }
        if visits.recordEscalateHours <= visits.recordReminderHours, let value = at("record_escalate_hours", "record_reminder_hours") {
            problems.reportInvalid(
                "record_escalate_hours (\(visits.recordEscalateHours)) must be more than record_reminder_hours (\(visits.recordReminderHours)): "
                    + "the department leader is told after the team; raise record_escalate_hours or lower record_reminder_hours",
                at: value)
        }
        if visits.recordCatchUpDays * 24 <= visits.recordEscalateHours, let value = at("record_catch_up_days", "record_escalate_hours") {
            problems.reportInvalid(
                "record_catch_up_days (\(visits.recordCatchUpDays) days) must be longer than record_escalate_hours (\(visits.recordEscalateHours) hours), "
                    + "or the department leader would never be told; raise record_catch_up_days to at least \(visits.recordEscalateHours / 24 + 1)",
                at: value)
        }
    }
}

extension VisitSettings {
    static let deadlinesExample = "{ \"散乱污企业\" = 7, \"水源地\" = 5 }"

    static func renderDeadlines(_ deadlines: [String: Int]) -> String {
        deadlines.isEmpty ? "{}" : "{ " + deadlines.sorted { $0.key < $1.key }.map { "\(TOMLKey.quoted($0.key)) = \($0.value)" }.joined(separator: ", ") + " }"
    }

    static func decodeDeadlines(_ value: TOMLValue, _ problems: inout ProblemCollector) -> [String: Int]? {
        guard let table = value.table else {
            problems.reportWrongType(expected: "an inline table of category = days, such as \(deadlinesExample)", found: value)
            return nil
        }
        var deadlines: [String: Int] = [:]
        var valid = true
        for (category, entry) in table.entries {
            if category.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) || category.count > 64
                || category.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
            {
                problems.reportInvalid(
                    "\(TOMLKey.quoted(category)) is not a case category; use the category as cases and sites name it (the site's kind, such as \"散乱污企业\"), 1 to 64 characters",
                    at: entry)
                valid = false
                continue
            }
            guard let days = entry.integer else {
                problems.reportWrongType(expected: "an integer number of days", found: entry)
                valid = false
                continue
            }
            guard let number = Int(exactly: days), (1...365).contains(number) else {
                problems.reportInvalid("\(days) is out of range; use a whole number of days from 1 to 365 for category \(TOMLKey.quoted(category))", at: entry)
                valid = false
                continue
            }
            deadlines[category] = number
        }
        return valid ? deadlines : nil
    }
}

extension CadenceDays {
    static let example = "{ A = 7, B = 14, C = 30 }"

    static func render(_ cadence: CadenceDays) -> String {
        "{ " + RiskClass.allCases.map { "\($0.rawValue) = \(cadence[$0])" }.joined(separator: ", ") + " }"
    }

    static func decode(_ value: TOMLValue, _ problems: inout ProblemCollector) -> CadenceDays? {
        var reader = InlineTableReader(
            value, noun: "cadence_days", fields: RiskClass.allCases.map(\.rawValue), example: example, &problems)
        guard reader.isTable else { return nil }
        var cadence = CadenceDays()
        for risk in RiskClass.allCases {
            guard let (days, at) = reader.integer(risk.rawValue, &problems) else { continue }
            if (1...366).contains(days) {
                cadence[risk] = days
            } else {
                reader.invalid(
                    "\(days) is out of range; use a whole number of days from 1 to 366 between visits to a class \(risk.rawValue) site",
                    at: at, &problems)
            }
        }
        return reader.valid ? cadence : nil
    }
}
