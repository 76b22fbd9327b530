/// Where a targeted inspection goes: a pure choice among the roster's existing team-shifts,
/// with the reasons each was passed over, so a refusal can say why.
///
/// A targeted task never changes who is on a team or the random draw: its visit is added to
/// one team's sealed list. A team fits when its shift is in the task's zone, starts at or
/// after `from` and ends by `by`, has not started (nor starts within the freeze margin), its
/// list is not released yet, it is a night shift exactly when the task asks for one, and no
/// member is recused from the site (home locality, or a declared conflict). Among the
/// fitting teams the earliest shift wins, then the team with the fewest visits, then the id.
public enum TaskPlacement {
    /// The task as placement sees it.
    public struct Request: Sendable, Equatable {
        public var siteID: String
        public var locality: String
        /// The zone whose teams visit the site's locality; nil when no zone covers it.
        public var zone: String?
        /// UTC seconds.
        public var from: Int64
        public var by: Int64
        public var night: Bool
        /// A team to prefer when it still fits (the task's former host), so a re-plan moves it
        /// only when it must.
        public var preferredTeam: String?
        /// Only shifts on working days (a verification visit, when the unit's people are at work).
        public var workdaysOnly: Bool

        public init(
            siteID: String, locality: String, zone: String?, from: Int64, by: Int64, night: Bool, preferredTeam: String? = nil,
            workdaysOnly: Bool = false
        ) {
            self.workdaysOnly = workdaysOnly
            self.siteID = siteID
            self.locality = locality
            self.zone = zone
            self.from = from
            self.by = by
            self.night = night
            self.preferredTeam = preferredTeam
        }
    }

    /// A rostered team-shift.
    public struct Candidate: Sendable, Equatable {
        public var teamID: String
        public var zone: String
        public var startsAt: Int64
        public var endsAt: Int64
        public var night: Bool
        public var released: Bool
        /// Member id → home locality (nil when none).
        public var homes: [String: String?]
        /// Members who declared a conflict with the task's site.
        public var conflicted: Set<String>
        /// Visits on its list now (random and targeted).
        public var visits: Int
        /// Whether the shift's date is a working day (workday or makeup workday).
        public var workday: Bool

        public init(
            teamID: String, zone: String, startsAt: Int64, endsAt: Int64, night: Bool, released: Bool, homes: [String: String?],
            conflicted: Set<String>, visits: Int, workday: Bool = true
        ) {
            self.workday = workday
            self.teamID = teamID
            self.zone = zone
            self.startsAt = startsAt
            self.endsAt = endsAt
            self.night = night
            self.released = released
            self.homes = homes
            self.conflicted = conflicted
            self.visits = visits
        }
    }

    /// Why no team fits: how many of the zone's shifts in the window were passed over for
    /// each reason (a team counts under its first reason, in this order).
    public struct Refusal: Sendable, Equatable, Error {
        /// No zone covers the site's locality.
        public var noZone: Bool
        /// Team-shifts of the zone in the window.
        public var inWindow: Int
        /// Started, or starting within the freeze margin.
        public var started: Int
        /// Site list already released to the team.
        public var released: Int
        /// Day shift for a night task, or night shift for a day task.
        public var wrongPeriod: Int
        /// On a rest day or holiday, for a task that asks for working days.
        public var notWorkday: Int
        /// A member lives in the site's locality.
        public var homeLocality: Int
        /// A member declared a conflict with the site.
        public var conflict: Int

        public init(
            noZone: Bool = false, inWindow: Int = 0, started: Int = 0, released: Int = 0, wrongPeriod: Int = 0, homeLocality: Int = 0,
            conflict: Int = 0, notWorkday: Int = 0
        ) {
            self.notWorkday = notWorkday
            self.noZone = noZone
            self.inWindow = inWindow
            self.started = started
            self.released = released
            self.wrongPeriod = wrongPeriod
            self.homeLocality = homeLocality
            self.conflict = conflict
        }
    }

    /// The team for `request` among `candidates`, or why none fits. `frozenUntil`: shifts
    /// starting at or before it count as started.
    public static func place(_ request: Request, among candidates: [Candidate], frozenUntil: Int64) -> Result<String, Refusal> {
        choose(request, among: candidates, frozenUntil: frozenUntil) { ($0.startsAt, $0.visits, $0.teamID) < ($1.startsAt, $1.visits, $1.teamID) }
    }

    /// As ``place(_:among:frozenUntil:)``, but the team with the fewest visits wins, then the
    /// earliest shift: a campaign's tasks spread over teams and periods.
    public static func placeLeastLoaded(_ request: Request, among candidates: [Candidate], frozenUntil: Int64) -> Result<String, Refusal> {
        choose(request, among: candidates, frozenUntil: frozenUntil) { ($0.visits, $0.startsAt, $0.teamID) < ($1.visits, $1.startsAt, $1.teamID) }
    }

    static func choose(
        _ request: Request, among candidates: [Candidate], frozenUntil: Int64, by better: (Candidate, Candidate) -> Bool
    ) -> Result<String, Refusal> {
        guard let zone = request.zone else { return .failure(Refusal(noZone: true)) }
        var refusal = Refusal()
        var fitting: [Candidate] = []
        for team in candidates where team.zone == zone && team.startsAt >= request.from && team.endsAt <= request.by {
            refusal.inWindow += 1
            if team.startsAt <= frozenUntil {
                refusal.started += 1
            } else if team.released {
                refusal.released += 1
            } else if team.night != request.night {
                refusal.wrongPeriod += 1
            } else if request.workdaysOnly && !team.workday {
                refusal.notWorkday += 1
            } else if team.homes.values.contains(where: { $0 == request.locality }) {
                refusal.homeLocality += 1
            } else if !team.conflicted.isEmpty {
                refusal.conflict += 1
            } else {
                fitting.append(team)
            }
        }
        if let preferred = request.preferredTeam, fitting.contains(where: { $0.teamID == preferred }) { return .success(preferred) }
        guard let best = fitting.min(by: better) else {
            return .failure(refusal)
        }
        return .success(best.teamID)
    }
}
