/// `POST /v1/visits/record`: what a team found at one rostered visit.
public struct VisitRecordRequest: Codable, Sendable, Equatable {
    /// `SHIFT_ID#POSITION`, position from 1 in the team's site list, such as
    /// `2026-12-01/day/north/1#2`.
    public var visit: String
    /// `compliant`, `violation`, `closed` or `not_found`.
    public var result: String
    /// Enforcement measures taken on the spot (the ledger's measure names).
    public var measures: [String]
    public var note: String
    /// For a violation: the title of the case it opens (default `<site name>巡查发现问题`).
    public var newCase: String?

    public init(visit: String, result: String, measures: [String] = [], note: String = "", newCase: String? = nil) {
        self.visit = visit
        self.result = result
        self.measures = measures
        self.note = note
        self.newCase = newCase
    }

    enum CodingKeys: String, CodingKey {
        case visit, result, measures, note
        case newCase = "new_case"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        visit = try container.decode(String.self, forKey: .visit)
        result = try container.decode(String.self, forKey: .result)
        measures = try container.decodeIfPresent([String].self, forKey: .measures) ?? []
        note = try container.decodeIfPresent(String.self, forKey: .note) ?? ""
        newCase = try container.decodeIfPresent(String.self, forKey: .newCase)
    }
}

/// One rostered visit with its result, as `GET /v1/visits` lists it and
/// `POST /v1/visits/record` answers.
public struct VisitItem: Codable, Sendable, Equatable {
    /// `SHIFT_ID#POSITION`: what `inspectctl visit record` takes.
    public var id: String
    public var shift: String
    public var date: String
    public var period: String
    public var start: String
    public var site: String
    public var name: String
    public var locality: String
    public var risk: String
    /// `cadence` or `weighted`: why the draw picked the site; `task` for a targeted visit.
    public var reason: String
    /// Absent until recorded.
    public var result: String?
    public var measures: [String]
    public var note: String?
    /// The ledger case a violation opened.
    public var caseID: String?
    public var recordedAt: String?
    public var uid: UInt32?
    /// `random` for a visit of the 双随机 draw, `task:<id> <reason>` for a targeted one.
    public var origin: String

    public init(
        id: String, shift: String, date: String, period: String, start: String, site: String, name: String, locality: String, risk: String,
        reason: String, result: String? = nil, measures: [String] = [], note: String? = nil, caseID: String? = nil, recordedAt: String? = nil,
        uid: UInt32? = nil, origin: String = "random"
    ) {
        self.origin = origin
        self.id = id
        self.shift = shift
        self.date = date
        self.period = period
        self.start = start
        self.site = site
        self.name = name
        self.locality = locality
        self.risk = risk
        self.reason = reason
        self.result = result
        self.measures = measures
        self.note = note
        self.caseID = caseID
        self.recordedAt = recordedAt
        self.uid = uid
    }

    enum CodingKeys: String, CodingKey {
        case id, shift, date, period, start, site, name, locality, risk, reason, result, measures, note, uid, origin
        case caseID = "case"
        case recordedAt = "recorded_at"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        shift = try container.decode(String.self, forKey: .shift)
        date = try container.decode(String.self, forKey: .date)
        period = try container.decode(String.self, forKey: .period)
        start = try container.decode(String.self, forKey: .start)
        site = try container.decode(String.self, forKey: .site)
        name = try container.decode(String.self, forKey: .name)
        locality = try container.decode(String.self, forKey: .locality)
        risk = try container.decode(String.self, forKey: .risk)
        reason = try container.decode(String.self, forKey: .reason)
        result = try container.decodeIfPresent(String.self, forKey: .result)
        measures = try container.decodeIfPresent([String].self, forKey: .measures) ?? []
        note = try container.decodeIfPresent(String.self, forKey: .note)
        caseID = try container.decodeIfPresent(String.self, forKey: .caseID)
        recordedAt = try container.decodeIfPresent(String.self, forKey: .recordedAt)
        uid = try container.decodeIfPresent(UInt32.self, forKey: .uid)
        origin = try container.decodeIfPresent(String.self, forKey: .origin) ?? "random"
    }
}
