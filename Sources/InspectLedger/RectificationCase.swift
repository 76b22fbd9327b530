import InspectCalendar

/// Where a problem to rectify came from.
public enum CaseSource: String, Sendable, Hashable, Codable, CaseIterable {
    /// 中央生态环境保护督察.
    case centralInspection = "central_inspection"
    /// 市级督察.
    case municipalInspection = "municipal_inspection"
    /// 群众投诉 / 信访.
    case complaint
    /// 媒体曝光.
    case media
    /// 日常巡查 (our own joint inspections).
    case patrol
}

/// Where a case stands (整改状态).
public enum CaseStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// 未整改: nothing done yet.
    case open
    /// 整改中.
    case inProgress = "in_progress"
    /// 已整改, awaiting verification.
    case rectified
    /// 已验收: verified on site.
    case verified
    /// 已销号: struck off the ledger (only after `verified`).
    case closed
    /// 关停取缔: the polluter was shut down.
    case shutDown = "shut_down"

    /// Whether deadlines still run: escalation stops from `rectified` on.
    public var isOutstanding: Bool { self == .open || self == .inProgress }
}

/// An enforcement measure taken on a case.
public enum EnforcementMeasure: String, Sendable, Hashable, Codable, CaseIterable {
    /// 停产限产.
    case productionHalt = "production_halt"
    /// 查封扣押.
    case sealAndSeize = "seal_and_seize"
    /// 按日连续计罚.
    case dailyFines = "daily_fines"
    /// 行政拘留.
    case administrativeDetention = "administrative_detention"
    /// 移送公安.
    case referredToPolice = "referred_to_police"
}

/// One step of a case's rectification timetable.
public struct Milestone: Sendable, Hashable, Codable {
    /// What is due, such as `制定整改方案`.
    public var name: String
    /// The day it is due.
    public var due: CivilDate

    public init(name: String, due: CivilDate) {
        self.name = name
        self.due = due
    }
}

/// A problem to rectify (整改台账中的一条问题).
public struct RectificationCase: Sendable, Hashable, Codable {
    /// Stable id, 1–64 of `A-Z a-z 0-9 _ . -`.
    public var id: String
    public var title: String
    public var source: CaseSource
    /// Such as 散乱污, 水源地, 雨污分流, 违章建筑, 大气.
    public var category: String
    /// The site (检查对象) id, when the case is about one.
    public var site: String?
    /// The responsible unit's id (a locality or a department).
    public var unit: String
    /// The responsible person (责任人).
    public var personName: String
    public var personPhone: String
    /// The timetable, in date order.
    public var milestones: [Milestone]
    /// The final deadline (整改时限).
    public var deadline: CivilDate
    public var status: CaseStatus
    /// Measures taken, in the order they were recorded.
    public var measures: [EnforcementMeasure]

    public init(
        id: String, title: String, source: CaseSource, category: String, site: String?, unit: String,
        personName: String, personPhone: String, milestones: [Milestone], deadline: CivilDate, status: CaseStatus,
        measures: [EnforcementMeasure] = []
    ) {
        self.id = id
        self.title = title
        self.source = source
        self.category = category
        self.site = site
        self.unit = unit
        self.personName = personName
        self.personPhone = personPhone
        self.milestones = milestones
        self.deadline = deadline
        self.status = status
        self.measures = measures
    }

    enum CodingKeys: String, CodingKey {
        case id, title, source, category, site, unit, milestones, deadline, status, measures
        case personName = "person"
        case personPhone = "phone"
    }
}

/// One change to a case, as the ledger's history keeps it.
public struct CaseHistoryEntry: Sendable, Equatable, Codable {
    public var at: String
    public var uid: UInt32
    /// `import`, `add`, `update`.
    public var action: String
    public var fromStatus: String?
    public var toStatus: String?
    public var note: String?
    public var detail: String?

    public init(at: String, uid: UInt32, action: String, fromStatus: String?, toStatus: String?, note: String?, detail: String?) {
        self.at = at
        self.uid = uid
        self.action = action
        self.fromStatus = fromStatus
        self.toStatus = toStatus
        self.note = note
        self.detail = detail
    }

    enum CodingKeys: String, CodingKey {
        case at, uid, action, note, detail
        case fromStatus = "from_status"
        case toStatus = "to_status"
    }
}
