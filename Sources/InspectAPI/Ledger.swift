import InspectLedger

/// A case as `GET /v1/cases` lists it: the ledger's fields (the import columns) plus where
/// it stands against its deadline today.
public struct CaseItem: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var source: String
    public var category: String
    public var site: String?
    public var unit: String
    public var person: String
    public var phone: String
    public var deadline: String
    public var status: String
    public var milestones: [MilestoneItem]
    public var measures: [String]
    /// Outstanding and past its deadline.
    public var overdue: Bool
    /// Days past the deadline when overdue, else 0.
    public var daysOverdue: Int

    public struct MilestoneItem: Codable, Sendable, Equatable {
        public var name: String
        public var due: String
        public init(name: String, due: String) {
            self.name = name
            self.due = due
        }
    }

    public init(_ item: RectificationCase, today: String, daysOverdue: Int) {
        id = item.id
        title = item.title
        source = item.source.rawValue
        category = item.category
        site = item.site
        unit = item.unit
        person = item.personName
        phone = item.personPhone
        deadline = item.deadline.description
        status = item.status.rawValue
        milestones = item.milestones.map { MilestoneItem(name: $0.name, due: $0.due.description) }
        measures = item.measures.map(\.rawValue)
        overdue = daysOverdue > 0
        self.daysOverdue = daysOverdue
    }

    enum CodingKeys: String, CodingKey {
        case id, title, source, category, site, unit, person, phone, deadline, status, milestones, measures, overdue
        case daysOverdue = "days_overdue"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(source, forKey: .source)
        try container.encode(category, forKey: .category)
        try container.encode(site, forKey: .site)
        try container.encode(unit, forKey: .unit)
        try container.encode(person, forKey: .person)
        try container.encode(phone, forKey: .phone)
        try container.encode(deadline, forKey: .deadline)
        try container.encode(status, forKey: .status)
        try container.encode(milestones, forKey: .milestones)
        try container.encode(measures, forKey: .measures)
        try container.encode(overdue, forKey: .overdue)
        try container.encode(daysOverdue, forKey: .daysOverdue)
    }
}

/// A notice as listed.
public struct NoticeSummary: Codable, Sendable, Equatable {
    public var id: String
    public var kind: String
    public var created: String
    public var caseID: String?
    public var unitID: String?
    public var subject: String
    public var recipients: [String]
    public var priority: Int
    /// Not yet written to the outbox.
    public var pending: Bool
    public var writtenAt: String?

    public init(
        id: String, kind: String, created: String, caseID: String?, unitID: String?, subject: String, recipients: [String],
        priority: Int, pending: Bool, writtenAt: String?
    ) {
        self.id = id
        self.kind = kind
        self.created = created
        self.caseID = caseID
        self.unitID = unitID
        self.subject = subject
        self.recipients = recipients
        self.priority = priority
        self.pending = pending
        self.writtenAt = writtenAt
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, created, subject, recipients, priority, pending
        case caseID = "case"
        case unitID = "unit"
        case writtenAt = "written_at"
    }
}

/// `GET /v1/cases/{id}`.
public struct CaseDetail: Codable, Sendable, Equatable {
    public var item: CaseItem
    public var history: [CaseHistoryEntry]
    public var notices: [NoticeSummary]

    public init(item: CaseItem, history: [CaseHistoryEntry], notices: [NoticeSummary]) {
        self.item = item
        self.history = history
        self.notices = notices
    }

    enum CodingKeys: String, CodingKey {
        case item = "case"
        case history, notices
    }
}

/// `POST /v1/cases/{id}/update`.
public struct CaseUpdateRequest: Codable, Sendable, Equatable {
    public var status: String?
    public var note: String?
    public var measures: [String]?

    public init(status: String?, note: String?, measures: [String]?) {
        self.status = status
        self.note = note
        self.measures = measures
    }
}

/// One unit in `GET /v1/units/lagging`, worst first.
public struct UnitStandingItem: Codable, Sendable, Equatable {
    public var rank: Int
    public var unit: String
    public var unitName: String
    public var outstanding: Int
    public var overdue: Int
    public var overdueRatioPercent: Double
    public var meanDaysOverdue: Double
    public var maxDaysOverdue: Int
    public var longOverdue: Int
    public var lagging: Bool
    public var reasons: [String]

    public init(
        rank: Int, unit: String, unitName: String, outstanding: Int, overdue: Int, overdueRatioPercent: Double,
        meanDaysOverdue: Double, maxDaysOverdue: Int, longOverdue: Int, lagging: Bool, reasons: [String]
    ) {
        self.rank = rank
        self.unit = unit
        self.unitName = unitName
        self.outstanding = outstanding
        self.overdue = overdue
        self.overdueRatioPercent = overdueRatioPercent
        self.meanDaysOverdue = meanDaysOverdue
        self.maxDaysOverdue = maxDaysOverdue
        self.longOverdue = longOverdue
        self.lagging = lagging
        self.reasons = reasons
    }

    enum CodingKeys: String, CodingKey {
        case rank, unit, outstanding, overdue, lagging, reasons
        case unitName = "unit_name"
        case overdueRatioPercent = "overdue_ratio_percent"
        case meanDaysOverdue = "mean_days_overdue"
        case maxDaysOverdue = "max_days_overdue"
        case longOverdue = "long_overdue"
    }
}
