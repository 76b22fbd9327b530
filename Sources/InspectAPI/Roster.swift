/// A member of a team as the roster shows it.
public struct RosterMember: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var department: String
    public var certified: Bool
    /// The inspector's phone: given by `duty` (who is on duty now), absent elsewhere.
    public var phone: String?

    public init(id: String, name: String, department: String, certified: Bool, phone: String? = nil) {
        self.id = id
        self.name = name
        self.department = department
        self.certified = certified
        self.phone = phone
    }
}

/// A site a team visits on its shift.
public struct RosterVisit: Codable, Sendable, Equatable {
    public var site: String
    public var name: String
    public var locality: String
    /// `A`, `B` or `C`.
    public var risk: String
    /// `cadence` (reserved so the site stays within its visit cadence), `weighted` (the
    /// random draw) or `task` (a targeted visit).
    public var reason: String
    /// What the team found (`compliant`, `violation`, `closed`, `not_found`), once recorded.
    public var result: String?
    /// `random` for a visit of the 双随机 draw, `task:<id> <reason>` for a targeted one.
    public var origin: String

    public init(site: String, name: String, locality: String, risk: String, reason: String, result: String? = nil, origin: String = "random") {
        self.site = site
        self.name = name
        self.locality = locality
        self.risk = risk
        self.reason = reason
        self.result = result
        self.origin = origin
    }

    enum CodingKeys: String, CodingKey {
        case site, name, locality, risk, reason, result, origin
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        site = try container.decode(String.self, forKey: .site)
        name = try container.decode(String.self, forKey: .name)
        locality = try container.decode(String.self, forKey: .locality)
        risk = try container.decode(String.self, forKey: .risk)
        reason = try container.decode(String.self, forKey: .reason)
        result = try container.decodeIfPresent(String.self, forKey: .result)
        origin = try container.decodeIfPresent(String.self, forKey: .origin) ?? "random"
    }
}

/// One team on one shift (班次).
public struct RosterShift: Codable, Sendable, Equatable {
    /// `DATE/PERIOD/ZONE/N`, such as `2026-12-01/night/north/1`: what `roster explain`,
    /// `roster assign` and `roster pin` take.
    public var id: String
    public var date: String
    public var period: String
    public var periodName: String
    /// ISO 8601 with the district's offset.
    public var start: String
    public var end: String
    /// `workday`, `restday`, `holiday` or `makeup_workday`.
    public var dayKind: String
    /// The holiday's name on a holiday, else nil.
    public var holiday: String?
    /// A rain period (晴雨结合: extra teams are planned).
    public var rain: Bool
    public var zone: String
    /// The team's number within its zone's shift, from 1.
    public var team: Int
    public var members: [RosterMember]
    /// Kept as set by hand (`roster assign`/`roster pin`): re-planning leaves it alone.
    public var pinned: Bool
    /// The site list is not released yet (until `release_at`); non-admins get no visits.
    public var sealed: Bool
    public var releaseAt: String
    public var visits: [RosterVisit]
    /// The plan that last set this team.
    public var plan: Int64

    public init(
        id: String, date: String, period: String, periodName: String, start: String, end: String, dayKind: String, holiday: String?,
        rain: Bool, zone: String, team: Int, members: [RosterMember], pinned: Bool, sealed: Bool, releaseAt: String,
        visits: [RosterVisit], plan: Int64
    ) {
        self.id = id
        self.date = date
        self.period = period
        self.periodName = periodName
        self.start = start
        self.end = end
        self.dayKind = dayKind
        self.holiday = holiday
        self.rain = rain
        self.zone = zone
        self.team = team
        self.members = members
        self.pinned = pinned
        self.sealed = sealed
        self.releaseAt = releaseAt
        self.visits = visits
        self.plan = plan
    }

    enum CodingKeys: String, CodingKey {
        case id, date, period, start, end, holiday, rain, zone, team, members, pinned, sealed, visits, plan
        case periodName = "period_name"
        case dayKind = "day_kind"
        case releaseAt = "release_at"
    }
}

/// Teams the hard rules left unfilled on a zone's shift, and why.
public struct RosterShortfall: Codable, Sendable, Equatable {
    public var date: String
    public var period: String
    public var zone: String
    public var missingTeams: Int
    public var missingMembers: Int
    public var reason: String

    public init(date: String, period: String, zone: String, missingTeams: Int, missingMembers: Int, reason: String) {
        self.date = date
        self.period = period
        self.zone = zone
        self.missingTeams = missingTeams
        self.missingMembers = missingMembers
        self.reason = reason
    }

    /// One line for the journal, the status and the CLI.
    public var description: String {
        "\(date) \(period) \(zone): \(missingTeams) team\(missingTeams == 1 ? "" : "s") short (\(missingMembers) people): \(reason)"
    }

    enum CodingKeys: String, CodingKey {
        case date, period, zone, reason
        case missingTeams = "missing_teams"
        case missingMembers = "missing_members"
    }
}

/// `GET /v1/roster`: the shifts asked for and the shortfalls among them.
public struct RosterReport: Codable, Sendable, Equatable {
    public var shifts: [RosterShift]
    public var shortfalls: [RosterShortfall]
    public var from: String
    public var to: String
    /// The newest plan, if any.
    public var plan: PlanSummary?

    public init(shifts: [RosterShift], shortfalls: [RosterShortfall], from: String, to: String, plan: PlanSummary?) {
        self.shifts = shifts
        self.shortfalls = shortfalls
        self.from = from
        self.to = to
        self.plan = plan
    }
}

/// A plan: one run of the planner and the draw, with what is needed to audit it.
public struct PlanSummary: Codable, Sendable, Equatable {
    public var id: Int64
    public var created: String
    /// Why it ran: `initial`, `leave added for …`, `rain periods changed`, `directory imported`, …
    public var reason: String
    public var firstDate: String
    public var lastDate: String
    public var teamsAdded: Int
    public var teamsChanged: Int
    public var teamsRemoved: Int
    public var visitsDrawn: Int
    public var shortfalls: Int
    /// SHA-256 of the planner's inputs: directory snapshot, rules, calendar, rain periods, leave, previous roster.
    public var inputDigest: String
    /// The draw's generator, such as `splitmix64-es2`, and the digest of its own input.
    public var generator: String
    public var drawDigest: String
    /// The draw's seed, decimal; nil until the planned period has ended, except to admins.
    public var seed: String?

    public init(
        id: Int64, created: String, reason: String, firstDate: String, lastDate: String, teamsAdded: Int, teamsChanged: Int,
        teamsRemoved: Int, visitsDrawn: Int, shortfalls: Int, inputDigest: String, generator: String, drawDigest: String, seed: String?
    ) {
        self.id = id
        self.created = created
        self.reason = reason
        self.firstDate = firstDate
        self.lastDate = lastDate
        self.teamsAdded = teamsAdded
        self.teamsChanged = teamsChanged
        self.teamsRemoved = teamsRemoved
        self.visitsDrawn = visitsDrawn
        self.shortfalls = shortfalls
        self.inputDigest = inputDigest
        self.generator = generator
        self.drawDigest = drawDigest
        self.seed = seed
    }

    enum CodingKeys: String, CodingKey {
        case id, created, reason, shortfalls, generator, seed
        case firstDate = "first_date"
        case lastDate = "last_date"
        case teamsAdded = "teams_added"
        case teamsChanged = "teams_changed"
        case teamsRemoved = "teams_removed"
        case visitsDrawn = "visits_drawn"
        case inputDigest = "input_digest"
        case drawDigest = "draw_digest"
    }
}

/// `GET /v1/duty?at=`: who is on duty at an instant, by zone, with phone numbers.
public struct DutyReport: Codable, Sendable, Equatable {
    public var at: String
    public var shifts: [RosterShift]
    /// Zones with no team on duty at that instant.
    public var uncovered: [String]

    public init(at: String, shifts: [RosterShift], uncovered: [String]) {
        self.at = at
        self.shifts = shifts
        self.uncovered = uncovered
    }
}

/// `GET /v1/roster/fairness?from=&to=`: duty counts per inspector over a range.
public struct FairnessReport: Codable, Sendable, Equatable {
    public struct Row: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var department: String
        public var shifts: Int
        public var hours: Int
        public var nights: Int
        public var restdays: Int
        public var holidays: Int
        public var rain: Int

        public init(
            id: String, name: String, department: String, shifts: Int, hours: Int, nights: Int, restdays: Int, holidays: Int, rain: Int
        ) {
            self.id = id
            self.name = name
            self.department = department
            self.shifts = shifts
            self.hours = hours
            self.nights = nights
            self.restdays = restdays
            self.holidays = holidays
            self.rain = rain
        }
    }

    /// Max − min of one count among a group of interchangeable inspectors.
    public struct Spread: Codable, Sendable, Equatable {
        /// `all`, or a department every team of some period must include (its members do
        /// that period's duty among themselves), or `others`.
        public var group: String
        public var inspectors: Int
        public var nights: Int
        public var restdays: Int
        public var holidays: Int
        public var rain: Int

        public init(group: String, inspectors: Int, nights: Int, restdays: Int, holidays: Int, rain: Int) {
            self.group = group
            self.inspectors = inspectors
            self.nights = nights
            self.restdays = restdays
            self.holidays = holidays
            self.rain = rain
        }
    }

    public var from: String
    public var to: String
    public var inspectors: [Row]
    public var spreads: [Spread]

    public init(from: String, to: String, inspectors: [Row], spreads: [Spread]) {
        self.from = from
        self.to = to
        self.inspectors = inspectors
        self.spreads = spreads
    }
}

/// `GET /v1/roster/shifts/{id}/explain`: why these people.
public struct ShiftExplanation: Codable, Sendable, Equatable {
    public struct MemberNote: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        /// Inspectors who could take this member's place without breaking a hard rule.
        public var replacements: Int
        /// What binds this member and what a swap would break, in words.
        public var notes: [String]

        public init(id: String, name: String, replacements: Int, notes: [String]) {
            self.id = id
            self.name = name
            self.replacements = replacements
            self.notes = notes
        }
    }

    public var shift: RosterShift
    /// The rules that bound the choice, in words.
    public var rules: [String]
    public var members: [MemberNote]

    public init(shift: RosterShift, rules: [String], members: [MemberNote]) {
        self.shift = shift
        self.rules = rules
        self.members = members
    }
}

/// `GET /v1/plans/{id}/verify`: the stored draw replayed.
public struct DrawVerification: Codable, Sendable, Equatable {
    public var plan: Int64
    public var generator: String
    public var seed: String
    public var inputDigest: String
    public var visits: Int
    /// True when the replay gives the stored result bit for bit.
    public var identical: Bool
    /// The first difference, when not identical.
    public var difference: String?

    public init(plan: Int64, generator: String, seed: String, inputDigest: String, visits: Int, identical: Bool, difference: String?) {
        self.plan = plan
        self.generator = generator
        self.seed = seed
        self.inputDigest = inputDigest
        self.visits = visits
        self.identical = identical
        self.difference = difference
    }

    enum CodingKeys: String, CodingKey {
        case plan, generator, seed, visits, identical, difference
        case inputDigest = "input_digest"
    }
}

/// `POST /v1/leave`: an inspector's leave (请假) or other unavailability.
public struct LeaveRequest: Codable, Sendable, Equatable {
    public var inspector: String
    /// `YYYY-MM-DD`, inclusive.
    public var from: String
    public var to: String
    public var reason: String

    public init(inspector: String, from: String, to: String, reason: String) {
        self.inspector = inspector
        self.from = from
        self.to = to
        self.reason = reason
    }
}

/// Leave as stored.
public struct LeaveItem: Codable, Sendable, Equatable {
    public var id: Int64
    public var inspector: String
    public var from: String
    public var to: String
    public var reason: String
    public var created: String
    public var uid: UInt32

    public init(id: Int64, inspector: String, from: String, to: String, reason: String, created: String, uid: UInt32) {
        self.id = id
        self.inspector = inspector
        self.from = from
        self.to = to
        self.reason = reason
        self.created = created
        self.uid = uid
    }
}

/// `POST /v1/leave` answers with the leave stored and what re-planning changed.
public struct LeaveOutcome: Codable, Sendable, Equatable {
    public var leave: LeaveItem
    /// The re-plan it caused; nil when the leave touched no planned shift.
    public var plan: PlanSummary?

    public init(leave: LeaveItem, plan: PlanSummary?) {
        self.leave = leave
        self.plan = plan
    }
}

/// `POST /v1/roster/shifts/{id}/assign`: set a team's members by hand and pin it; with no
/// members, pin (or unpin) the team as it is.
public struct RosterAssignRequest: Codable, Sendable, Equatable {
    public var members: [String]?
    public var pinned: Bool

    public init(members: [String]?, pinned: Bool = true) {
        self.members = members
        self.pinned = pinned
    }
}

/// The answer to a manual edit: the shift as it now is, and rule problems the edit made
/// (kept anyway: a person decided).
public struct RosterAssignOutcome: Codable, Sendable, Equatable {
    public var shift: RosterShift
    public var warnings: [String]
    public var plan: PlanSummary?

    public init(shift: RosterShift, warnings: [String], plan: PlanSummary?) {
        self.shift = shift
        self.warnings = warnings
        self.plan = plan
    }
}

/// `POST /v1/conflicts`: an inspector declares a conflict of interest with a site (回避).
public struct ConflictRequest: Codable, Sendable, Equatable {
    public var inspector: String
    public var site: String
    public var reason: String

    public init(inspector: String, site: String, reason: String) {
        self.inspector = inspector
        self.site = site
        self.reason = reason
    }
}

/// A declared conflict as stored.
public struct ConflictItem: Codable, Sendable, Equatable {
    public var inspector: String
    public var site: String
    public var reason: String
    public var created: String
    public var uid: UInt32

    public init(inspector: String, site: String, reason: String, created: String, uid: UInt32) {
        self.inspector = inspector
        self.site = site
        self.reason = reason
        self.created = created
        self.uid = uid
    }
}

/// `POST /v1/conflicts` answers with the conflict and the re-plan it caused (nil when no
/// planned site list had to change).
public struct ConflictOutcome: Codable, Sendable, Equatable {
    public var conflict: ConflictItem
    public var plan: PlanSummary?

    public init(conflict: ConflictItem, plan: PlanSummary?) {
        self.conflict = conflict
        self.plan = plan
    }
}
