/// Who a notice goes to, by role.
public enum RecipientRole: String, Sendable, Hashable, Codable, CaseIterable {
    /// The case's responsible person (责任人).
    case responsiblePerson = "responsible_person"
    /// The responsible unit's contact (联络员).
    case unitContact = "unit_contact"
    /// The responsible unit's top leader (一把手).
    case unitLeader = "unit_leader"
    /// The HQ office (指挥部办公室).
    case hqOffice = "hq_office"
    /// The deputy commander (副总指挥).
    case deputyCommander = "deputy_commander"
    /// The commander (总指挥).
    case commander
}

/// What a notice is.
public enum NoticeKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// 提醒: a deadline is near.
    case reminder
    /// 逾期通知: a deadline has passed.
    case overdue
    /// 督办通知.
    case supervision
    /// 约谈通知: the unit's top leader is summoned.
    case summons
    /// 问责建议.
    case accountability
    /// 通报: the weekly ranking of units.
    case ranking
    /// 排班通知 (rosters; used by the roster planner).
    case roster
    /// 检查结果录入提醒: a visit's result is not recorded some hours after its shift ended;
    /// to the team's members.
    case visitReminder = "visit_reminder"
    /// 检查结果未录入督促: still not recorded later; to the leader of each member's department.
    case visitEscalation = "visit_escalation"
}

/// How an offset is counted.
public enum OffsetUnit: String, Sendable, Hashable, Codable, CaseIterable {
    /// Calendar days.
    case calendarDays = "calendar_days"
    /// Working days (工作日): workdays and makeup workdays, by the holiday calendar.
    case workingDays = "working_days"
}

/// What a step's offset is counted from.
public enum EscalationAnchor: String, Sendable, Hashable, Codable, CaseIterable {
    /// Each milestone's due date.
    case milestone
    /// The final deadline.
    case deadline
}

/// One rung of the ladder: when it fires, to whom, as what.
public struct EscalationStep: Sendable, Hashable, Codable {
    /// A stable id, such as `reminder` or `summons` (lowercase letters, digits, `_`, `-`).
    public var id: String
    public var anchor: EscalationAnchor
    /// Days after the anchor's due date (negative: before it).
    public var offset: Int
    public var unit: OffsetUnit
    public var recipients: [RecipientRole]
    public var kind: NoticeKind
    /// Fire again every this many days (counted in `unit`) while the case stays
    /// outstanding; nil fires once.
    public var repeatEvery: Int?

    public init(
        id: String, anchor: EscalationAnchor, offset: Int, unit: OffsetUnit, recipients: [RecipientRole],
        kind: NoticeKind, repeatEvery: Int? = nil
    ) {
        self.id = id
        self.anchor = anchor
        self.offset = offset
        self.unit = unit
        self.recipients = recipients
        self.kind = kind
        self.repeatEvery = repeatEvery
    }
}

/// The escalation ladders: a default one, and ones for particular case sources.
public struct EscalationPolicy: Sendable, Hashable {
    /// The ladder for sources without one of their own.
    public var steps: [EscalationStep]
    /// Ladders by source (central-inspection cases escalate faster).
    public var stepsBySource: [CaseSource: [EscalationStep]]
    /// The local time of day (minutes after midnight) a step due on a date fires.
    public var notifyAtMinute: Int

    public init(steps: [EscalationStep], stepsBySource: [CaseSource: [EscalationStep]] = [:], notifyAtMinute: Int = 9 * 60) {
        self.steps = steps
        self.stepsBySource = stepsBySource
        self.notifyAtMinute = notifyAtMinute
    }

    /// The ladder for a case from `source`.
    public func ladder(for source: CaseSource) -> [EscalationStep] {
        stepsBySource[source] ?? steps
    }

    /// The default ladder: a reminder 3 working days before each due date; an overdue
    /// notice to the person and contact the day after; a supervision notice (督办) to the
    /// unit leader and HQ 3 working days overdue; a summons (约谈) of the unit's top leader
    /// by the deputy commander 7 days after that; accountability to the commander 14 days
    /// after the deadline, repeated weekly. Central-inspection cases escalate twice as fast.
    public static let standard = EscalationPolicy(
        steps: [
            EscalationStep(id: "reminder", anchor: .milestone, offset: -3, unit: .workingDays, recipients: [.responsiblePerson, .unitContact], kind: .reminder),
            EscalationStep(id: "deadline-reminder", anchor: .deadline, offset: -3, unit: .workingDays, recipients: [.responsiblePerson, .unitContact], kind: .reminder),
            EscalationStep(id: "overdue", anchor: .deadline, offset: 1, unit: .calendarDays, recipients: [.responsiblePerson, .unitContact, .hqOffice], kind: .overdue),
            EscalationStep(id: "supervision", anchor: .deadline, offset: 3, unit: .workingDays, recipients: [.unitLeader, .hqOffice], kind: .supervision),
            EscalationStep(id: "summons", anchor: .deadline, offset: 10, unit: .calendarDays, recipients: [.unitLeader, .deputyCommander, .hqOffice], kind: .summons),
            EscalationStep(id: "accountability", anchor: .deadline, offset: 17, unit: .calendarDays, recipients: [.commander, .hqOffice], kind: .accountability, repeatEvery: 7),
        ],
        stepsBySource: [
            .centralInspection: [
                EscalationStep(id: "reminder", anchor: .milestone, offset: -5, unit: .workingDays, recipients: [.responsiblePerson, .unitContact, .unitLeader], kind: .reminder),
                EscalationStep(id: "deadline-reminder", anchor: .deadline, offset: -5, unit: .workingDays, recipients: [.responsiblePerson, .unitContact, .unitLeader], kind: .reminder),
                EscalationStep(id: "overdue", anchor: .deadline, offset: 1, unit: .calendarDays, recipients: [.responsiblePerson, .unitLeader, .hqOffice], kind: .overdue),
                EscalationStep(id: "supervision", anchor: .deadline, offset: 1, unit: .workingDays, recipients: [.unitLeader, .deputyCommander, .hqOffice], kind: .supervision),
                EscalationStep(id: "summons", anchor: .deadline, offset: 5, unit: .calendarDays, recipients: [.unitLeader, .deputyCommander, .hqOffice], kind: .summons),
                EscalationStep(id: "accountability", anchor: .deadline, offset: 9, unit: .calendarDays, recipients: [.commander, .hqOffice], kind: .accountability, repeatEvery: 7),
            ]
        ])
}

/// When a unit is lagging (进度滞后) and escalates on its own.
public struct LaggingThresholds: Sendable, Hashable {
    /// This many cases overdue by more than `overdueDays`…
    public var overdueCases: Int
    public var overdueDays: Int
    /// …or an overdue ratio (overdue / outstanding) at or above this, with at least one
    /// overdue case.
    public var overdueRatio: Double
    /// At most one automatic summons per unit per this many days while it stays lagging.
    public var escalateEveryDays: Int

    public init(overdueCases: Int = 3, overdueDays: Int = 7, overdueRatio: Double = 0.2, escalateEveryDays: Int = 7) {
        self.overdueCases = overdueCases
        self.overdueDays = overdueDays
        self.overdueRatio = overdueRatio
        self.escalateEveryDays = escalateEveryDays
    }
}
