/// `POST /v1/tasks`: a targeted inspection (专项检查、信访核查、复查) of one site.
public struct TaskAddRequest: Codable, Sendable, Equatable {
    public var site: String
    /// The visit's shift ends by this: `YYYY-MM-DDTHH:MM` in district time (or with an
    /// offset), or a date `YYYY-MM-DD` for the end of that day.
    public var by: String
    /// The visit's shift starts at or after this (same forms; a date is its start). Default now.
    public var from: String?
    /// `complaint`, `referral`, `special` or `verification`.
    public var reason: String
    /// The ledger case the task concerns.
    public var caseID: String?
    /// Only on a night shift.
    public var night: Bool
    public var note: String

    public init(site: String, by: String, from: String? = nil, reason: String, caseID: String? = nil, night: Bool = false, note: String = "") {
        self.site = site
        self.by = by
        self.from = from
        self.reason = reason
        self.caseID = caseID
        self.night = night
        self.note = note
    }

    enum CodingKeys: String, CodingKey {
        case site, by, from, reason, night, note
        case caseID = "case"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        site = try container.decode(String.self, forKey: .site)
        by = try container.decode(String.self, forKey: .by)
        from = try container.decodeIfPresent(String.self, forKey: .from)
        reason = try container.decode(String.self, forKey: .reason)
        caseID = try container.decodeIfPresent(String.self, forKey: .caseID)
        night = try container.decodeIfPresent(Bool.self, forKey: .night) ?? false
        note = try container.decodeIfPresent(String.self, forKey: .note) ?? ""
    }
}

/// `POST /v1/tasks/cancel`.
public struct TaskCancelRequest: Codable, Sendable, Equatable {
    public var id: Int64

    public init(id: Int64) { self.id = id }
}

/// A targeted task as the API shows it.
public struct TaskItem: Codable, Sendable, Equatable {
    public var id: Int64
    public var site: String
    public var name: String
    public var from: String
    public var by: String
    public var reason: String
    public var caseID: String?
    public var night: Bool
    public var note: String
    /// `placed`, `unplaced`, `done`, `cancelled` or `expired`.
    public var status: String
    /// The hosting shift while placed or done.
    public var shift: String?
    /// The visit id (`SHIFT_ID#POSITION`) while placed or done.
    public var visit: String?
    /// True while the hosting shift's site list is sealed and the caller is not an admin:
    /// `shift` and `visit` are withheld until the list's release.
    public var sealed: Bool
    /// Why it is unplaced.
    public var problem: String?
    public var campaign: String?
    public var created: String
    public var uid: UInt32

    public init(
        id: Int64, site: String, name: String, from: String, by: String, reason: String, caseID: String?, night: Bool, note: String,
        status: String, shift: String?, visit: String?, sealed: Bool = false, problem: String?, campaign: String?, created: String, uid: UInt32
    ) {
        self.sealed = sealed
        self.id = id
        self.site = site
        self.name = name
        self.from = from
        self.by = by
        self.reason = reason
        self.caseID = caseID
        self.night = night
        self.note = note
        self.status = status
        self.shift = shift
        self.visit = visit
        self.problem = problem
        self.campaign = campaign
        self.created = created
        self.uid = uid
    }

    enum CodingKeys: String, CodingKey {
        case id, site, name, from, by, reason, night, note, status, shift, visit, sealed, problem, campaign, created, uid
        case caseID = "case"
    }
}

/// `POST /v1/campaigns`: a special campaign (专项检查) — one `special` task per matching site,
/// all placed or none.
public struct CampaignAddRequest: Codable, Sendable, Equatable {
    public var name: String
    /// First date, `YYYY-MM-DD` (from its start).
    public var from: String
    /// Last date, `YYYY-MM-DD` (to its end).
    public var to: String
    /// The sites, by id (from a file); or
    public var sites: [String]?
    /// every site of this kind; or
    public var kind: String?
    /// every site with a ledger case of this category.
    public var category: String?
    public var note: String

    public init(name: String, from: String, to: String, sites: [String]? = nil, kind: String? = nil, category: String? = nil, note: String = "") {
        self.name = name
        self.from = from
        self.to = to
        self.sites = sites
        self.kind = kind
        self.category = category
        self.note = note
    }

    enum CodingKeys: String, CodingKey {
        case name, from, to, sites, kind, category, note
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        from = try container.decode(String.self, forKey: .from)
        to = try container.decode(String.self, forKey: .to)
        sites = try container.decodeIfPresent([String].self, forKey: .sites)
        kind = try container.decodeIfPresent(String.self, forKey: .kind)
        category = try container.decodeIfPresent(String.self, forKey: .category)
        note = try container.decodeIfPresent(String.self, forKey: .note) ?? ""
    }
}

/// The answer to `POST /v1/campaigns`: every task placed.
public struct CampaignOutcome: Codable, Sendable, Equatable {
    public var name: String
    public var tasks: [TaskItem]

    public init(name: String, tasks: [TaskItem]) {
        self.name = name
        self.tasks = tasks
    }
}
