import InspectCalendar

/// A hard rule of the roster: the planner never breaks one of its own accord.
public enum HardRule: String, Sendable, Hashable, Codable, CaseIterable {
    /// On leave (or otherwise unavailable) on the shift's date.
    case leave
    /// Already on another team starting on that date (one shift per date).
    case sameDate = "same_date"
    /// Less than the minimum rest between this and a neighbouring shift (across midnight too).
    case rest
    /// Over the maximum planned hours in the ISO week.
    case weeklyHours = "weekly_hours"
    /// Over the maximum run of night shifts on consecutive dates.
    case consecutiveNights = "consecutive_nights"
    /// Over the maximum shifts on rest days (休息日) in the calendar month.
    case restdayShiftsPerMonth = "restday_shifts_per_month"
    /// Over the maximum shifts on holidays (法定节假日) in the calendar month.
    case holidayShiftsPerMonth = "holiday_shifts_per_month"
    /// The team would not have the required size (or would name someone twice).
    case teamSize = "team_size"
    /// The team would have too few departments.
    case departments
    /// The team would have too few certified officers (执法证).
    case certified
    /// The team would miss a department its period requires.
    case requiredDepartment = "required_department"

    /// The rule in a few words, for sentences.
    public var summary: String {
        switch self {
        case .leave: "on leave"
        case .sameDate: "already on duty that date"
        case .rest: "too little rest"
        case .weeklyHours: "over the weekly hours"
        case .consecutiveNights: "too many nights in a row"
        case .restdayShiftsPerMonth: "over the cap of rest-day shifts this month"
        case .holidayShiftsPerMonth: "over the cap of holiday shifts this month"
        case .teamSize: "team size"
        case .departments: "too few departments"
        case .certified: "too few certified officers"
        case .requiredDepartment: "missing a required department"
        }
    }

    /// Whether the rule is about the team's make-up rather than the person.
    public var isComposition: Bool {
        switch self {
        case .teamSize, .departments, .certified, .requiredDepartment: true
        default: false
        }
    }
}

/// How many candidates one hard rule stops.
public struct RuleCount: Sendable, Hashable, Codable {
    /// The rule.
    public var rule: HardRule
    /// Inspectors it stops (each counted once, under the first rule they fail in ``HardRule`` order).
    public var inspectors: Int

    /// Creates a count.
    public init(rule: HardRule, inspectors: Int) {
        self.rule = rule
        self.inspectors = inspectors
    }
}

/// Why one member is on the team and what swapping them out would take.
public struct MemberExplanation: Sendable, Hashable, Codable {
    /// The inspector.
    public var inspectorID: String
    /// Their department.
    public var department: String
    /// Whether they hold a certificate (执法证).
    public var certified: Bool
    /// Their fairness group (see ``Plan/fairnessSpread``).
    public var fairnessGroup: String
    /// Their duty of each of the shift's kinds, history + plan (this shift included).
    public var duty: [String: Int]
    /// The same counts averaged over their fairness group (inspectors available on a planned date).
    public var groupAverage: [String: Double]
    /// Other inspectors who could take this member's place without breaking a hard rule.
    public var replacements: Int
    /// Up to ten of them, by id.
    public var replacementExamples: [String]
    /// The other inspectors who could not, by the first rule each would break.
    public var blockedBy: [RuleCount]
    /// The member's part, in plain English.
    public var sentence: String

    /// Creates a member explanation.
    public init(
        inspectorID: String, department: String, certified: Bool, fairnessGroup: String, duty: [String: Int],
        groupAverage: [String: Double], replacements: Int, replacementExamples: [String], blockedBy: [RuleCount],
        sentence: String
    ) {
        self.inspectorID = inspectorID
        self.department = department
        self.certified = certified
        self.fairnessGroup = fairnessGroup
        self.duty = duty
        self.groupAverage = groupAverage
        self.replacements = replacements
        self.replacementExamples = replacementExamples
        self.blockedBy = blockedBy
        self.sentence = sentence
    }
}

/// A required department and who on the team is from it.
public struct RequiredDepartmentCheck: Sendable, Hashable, Codable {
    /// The department the period requires.
    public var department: String
    /// Members from it.
    public var memberIDs: [String]

    /// Creates a check.
    public init(department: String, memberIDs: [String]) {
        self.department = department
        self.memberIDs = memberIDs
    }
}

/// Why a team is made of these people (`inspectctl roster explain`): the rules that bound the
/// choice and, for each member, what would break if they were swapped out.
public struct TeamExplanation: Sendable, Hashable, Codable {
    /// The team explained.
    public var team: PlannedTeam
    /// The shift's fairness kinds: `night`, `restday`, `holiday`, `rain`.
    public var kinds: [String]
    /// Why the team is fixed, when it is: `pinned` (a manual edit) or `started` (the shift began
    /// before ``PlanningInput/frozenBefore``); nil when the planner chose it.
    public var fixed: String?
    /// Departments the period requires, with the members from each.
    public var requiredDepartments: [RequiredDepartmentCheck]
    /// Certified members.
    public var certifiedMemberIDs: [String]
    /// Certified officers a team needs.
    public var minCertified: Int
    /// The team's departments.
    public var departments: [String]
    /// Departments a team needs.
    public var minDepartments: Int
    /// Per member, in the team's order.
    public var members: [MemberExplanation]
    /// The whole explanation in plain English, one sentence per rule, then one per member.
    public var sentences: [String]

    /// Creates an explanation.
    public init(
        team: PlannedTeam, kinds: [String], fixed: String?, requiredDepartments: [RequiredDepartmentCheck],
        certifiedMemberIDs: [String], minCertified: Int, departments: [String], minDepartments: Int,
        members: [MemberExplanation], sentences: [String]
    ) {
        self.team = team
        self.kinds = kinds
        self.fixed = fixed
        self.requiredDepartments = requiredDepartments
        self.certifiedMemberIDs = certifiedMemberIDs
        self.minCertified = minCertified
        self.departments = departments
        self.minDepartments = minDepartments
        self.members = members
        self.sentences = sentences
    }
}
