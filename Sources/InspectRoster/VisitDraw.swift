import InspectCalendar
import InspectCore

// MARK: - Input

/// How often each risk class should be visited (检查频次), in days.
public struct CadenceTargets: Sendable, Hashable, Codable {
    /// Days between visits of an A site.
    public var daysA: Int
    /// Days between visits of a B site.
    public var daysB: Int
    /// Days between visits of a C site.
    public var daysC: Int

    /// Targets; the defaults are weekly for A, fortnightly for B, monthly for C.
    public init(daysA: Int = 7, daysB: Int = 14, daysC: Int = 30) {
        self.daysA = daysA
        self.daysB = daysB
        self.daysC = daysC
    }

    /// The target for `risk`, as configured.
    public func days(for risk: RiskClass) -> Int {
        switch risk {
        case .a: daysA
        case .b: daysB
        case .c: daysC
        }
    }

    /// The target the draw uses: at least one day, so the overdue factor is always defined.
    func effectiveDays(for risk: RiskClass) -> Int { max(1, days(for: risk)) }
}

/// A visit that already happened (or was already rostered) before this draw.
public struct PastVisit: Sendable, Hashable, Codable {
    /// The visited site's id.
    public var siteID: String
    /// The day of the visit.
    public var date: CivilDate
    /// The period (班次) of the visit, e.g. `am`, `pm`, `night`.
    public var periodID: String

    /// Creates a past visit.
    public init(siteID: String, date: CivilDate, periodID: String) {
        self.siteID = siteID
        self.date = date
        self.periodID = periodID
    }
}

/// One team-shift that needs site visits drawn for it.
public struct VisitSlot: Sendable, Hashable, Codable {
    /// Stable id of the team-shift.
    public var id: String
    /// The duty day.
    public var date: CivilDate
    /// The period (班次); within a day, periods are ordered by their ids' UTF-8 bytes.
    public var periodID: String
    /// A night shift: night-sensitive sites (偷产) weigh double.
    public var isNight: Bool
    /// Rain is forecast: rain-sensitive sites weigh double.
    public var isRain: Bool
    /// The team's zone: drawn sites are in one of these localities.
    public var zoneLocalities: Set<String>
    /// The members' home localities (回避): no site there.
    public var recusedLocalities: Set<String>
    /// Sites the members declared a conflict of interest with.
    public var conflictedSites: Set<String>
    /// How many sites to draw.
    public var visits: Int

    /// Creates a slot.
    public init(
        id: String, date: CivilDate, periodID: String, isNight: Bool = false, isRain: Bool = false,
        zoneLocalities: Set<String>, recusedLocalities: Set<String> = [], conflictedSites: Set<String> = [],
        visits: Int
    ) {
        self.id = id
        self.date = date
        self.periodID = periodID
        self.isNight = isNight
        self.isRain = isRain
        self.zoneLocalities = zoneLocalities
        self.recusedLocalities = recusedLocalities
        self.conflictedSites = conflictedSites
        self.visits = visits
    }
}

/// Everything a draw depends on. The result depends only on the content, not on the
/// order of `sites`, `history`, `slots` or of the sets inside the slots.
///
/// Codable, so the exact input of a draw can be stored (e.g. as JSON, keys `sites`, `history`,
/// `slots`, `cadence`, `seed`) and replayed later with ``VisitDraw/verify(_:recorded:)``. Sets
/// encode as arrays in no particular order; the draw and its digest do not depend on it.
public struct DrawInput: Sendable, Equatable, Codable {
    /// The site directory. Ids should be unique; of two sites with one id only the first in
    /// canonical order (by content) is drawn, but both enter the input digest.
    public var sites: [Site]
    /// Earlier visits.
    public var history: [PastVisit]
    /// The team-shifts to draw visits for.
    public var slots: [VisitSlot]
    /// Cadence targets per risk class.
    public var cadence: CadenceTargets
    /// The recorded seed.
    public var seed: UInt64

    /// Creates an input.
    public init(
        sites: [Site], history: [PastVisit] = [], slots: [VisitSlot], cadence: CadenceTargets = CadenceTargets(),
        seed: UInt64
    ) {
        self.sites = sites
        self.history = history
        self.slots = slots
        self.cadence = cadence
        self.seed = seed
    }
}

// MARK: - Result

/// A site drawn for a slot.
public struct DrawnVisit: Sendable, Hashable, Codable {
    /// Why a site was picked for a slot.
    public enum Reason: String, Sendable, Hashable, Codable {
        /// A place reserved so the site stays within its cadence target (检查频次).
        case cadence
        /// Drawn at random by weight.
        case weighted
    }

    /// The slot's id.
    public var slotID: String
    /// The drawn site's id.
    public var siteID: String
    /// The site's weight in the slot, for the audit (also for a site reserved for cadence).
    public var weight: Double
    /// Why the site was picked: reserved for cadence or drawn by weight.
    public var reason: Reason

    /// Creates a drawn visit.
    public init(slotID: String, siteID: String, weight: Double, reason: Reason = .weighted) {
        self.slotID = slotID
        self.siteID = siteID
        self.weight = weight
        self.reason = reason
    }

    private enum CodingKeys: String, CodingKey {
        case slotID, siteID, weight, reason
    }

    /// Decodes a visit; a record without `reason` (written before reasons were recorded) reads as `weighted`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        slotID = try container.decode(String.self, forKey: .slotID)
        siteID = try container.decode(String.self, forKey: .siteID)
        weight = try container.decode(Double.self, forKey: .weight)
        reason = try container.decodeIfPresent(Reason.self, forKey: .reason) ?? .weighted
    }
}

/// A slot that got fewer visits than it wanted.
public struct DrawShortfall: Sendable, Hashable, Codable {
    /// The slot's id.
    public var slotID: String
    /// Visits wanted.
    public var wanted: Int
    /// Visits drawn.
    public var drawn: Int
    /// Why, in words, with the counts that explain it.
    public var reason: String

    /// Creates a shortfall.
    public init(slotID: String, wanted: Int, drawn: Int, reason: String) {
        self.slotID = slotID
        self.wanted = wanted
        self.drawn = drawn
        self.reason = reason
    }
}

/// A site that will not have been visited within its cadence by the last slot date.
public struct CadenceGap: Sendable, Hashable, Codable {
    /// The site's id.
    public var siteID: String
    /// Its risk class, `A`, `B` or `C`.
    public var risk: String
    /// Its latest visit, in the history or in this draw; nil when never visited.
    public var lastVisit: CivilDate?
    /// The last visit plus the cadence; for a site never visited, the first slot date.
    public var dueBy: CivilDate

    /// Creates a gap.
    public init(siteID: String, risk: String, lastVisit: CivilDate?, dueBy: CivilDate) {
        self.siteID = siteID
        self.risk = risk
        self.lastVisit = lastVisit
        self.dueBy = dueBy
    }
}

/// The outcome of a draw, with what is needed to replay it.
public struct DrawResult: Sendable, Equatable, Codable {
    /// Drawn visits: slots in canonical order; within a slot the sites booked for cadence in id
    /// order, then the weighted draw's in the order drawn (largest key first).
    public var visits: [DrawnVisit]
    /// Slots that got fewer visits than wanted, in canonical slot order.
    public var shortfalls: [DrawShortfall]
    /// Sites out of cadence by the last slot date, by risk, then due date, then id.
    public var cadenceGaps: [CadenceGap]
    /// The seed used.
    public var seed: UInt64
    /// The generator and algorithm version, e.g. `splitmix64-es2`.
    public var generator: String
    /// SHA-256 hex of the canonical serialization of sites, history, slots and cadence.
    public var inputDigest: String

    /// Creates a result.
    public init(
        visits: [DrawnVisit], shortfalls: [DrawShortfall], cadenceGaps: [CadenceGap], seed: UInt64,
        generator: String, inputDigest: String
    ) {
        self.visits = visits
        self.shortfalls = shortfalls
        self.cadenceGaps = cadenceGaps
        self.seed = seed
        self.generator = generator
        self.inputDigest = inputDigest
    }
}

// MARK: - The draw

/// The 双随机 draw: which sites each team-shift visits, at random, weighted by risk and by
/// time since the last visit, keeping every site within its cadence where the slots allow,
/// replayable bit for bit from the seed and the input.
///
/// Algorithm `splitmix64-es2`:
/// - Slots in canonical order: date, then period id, then slot id (ids by UTF-8 bytes).
/// - Eligible sites for a slot: locality in the zone, not recused, not conflicted, not already
///   drawn for another slot the same day.
/// - Cadence bookings (plan ahead). A site's deadline is its latest visit + its cadence; its
///   next visit is booked at random into one of its eligible slots from deadline − lead
///   (lead = ⌊3 × cadence ÷ 7⌋, at least 1: A 3, B 6, C 12 days by default) through the
///   deadline, never the day of the latest visit. A site never visited is booked between the
///   first slot date and that date + cadence − 1 (or the last slot date, whichever is earlier);
///   a site whose deadline is after the last slot date is not booked. Slots on the ISO weekday
///   and in the period of the latest visit are used only when no other slot is left. Bookings
///   fill at most half of a slot's places (rounded down); when the window has no such room, a
///   pressing booking (deadline within the draw's dates) takes, in order, the place of a
///   booking of a lower risk class that is not pressing, room in the other half, the place of
///   any booking of a lower risk class (A before B before C; the displaced booking is made again).
///   If nothing is free before the deadline, the first eligible slot after it, within the lead,
///   is tried the same way. The first bookings are made before any slot is drawn, A sites then
///   B then C, each in id order, with SplitMix64 seeded with `seed ^ splitmix(2^64 − 1)`; a
///   site's next booking is made right after each of its visits, with that slot's generator
///   after its weighted draw, in the order of the slot's visits (a visit drawn by weight before
///   the booked slot replaces the booking). The sites booked for a slot are its `cadence`
///   visits, in id order.
/// - The other places are drawn by weight. Weight = risk base (A 4, B 2, C 1) × overdue factor
///   (days since the last visit, in the history or drawn earlier in this draw, ÷ cadence,
///   clamped to 0.25...4; never visited 4) × 2 rain-sensitive in rain × 2 night-sensitive at
///   night × 0.25 if the last visit was on the same ISO weekday and period as the slot. A site
///   whose last two visits were both on the slot's ISO weekday and in its period is not drawn by
///   weight (no third visit in a row on the same weekday and period).
/// - Efraimidis–Spirakis sampling without replacement: each eligible site not booked, in id
///   order, takes u in (0, 1) from SplitMix64 seeded with `seed ^ splitmix(slotIndex)`; the
///   sites with the largest u^(1/w) are drawn (`weighted`, in that order after the `cadence`
///   visits). Keys are compared as ln(u)/w, the same order, with a logarithm made of IEEE basic
///   operations only so no platform's libm can change a replay. Random slot choices use
///   ``SplitMix64/next(below:)``.
/// - Each ``DrawnVisit`` records its weight in the slot and whether it was booked for cadence
///   or drawn by weight.
public enum VisitDraw {
    /// Names the generator and the algorithm; change it whenever a draw could come out differently.
    public static let generator = "splitmix64-es2"

    /// Draws visits for every slot of `input`.
    public static func draw(_ input: DrawInput) -> DrawResult {
        let canonical = CanonicalInput(input)
        var engine = DrawEngine(canonical, seed: input.seed)
        engine.run()
        return DrawResult(
            visits: engine.visits, shortfalls: engine.shortfalls, cadenceGaps: engine.cadenceGaps(),
            seed: input.seed, generator: generator, inputDigest: InputDigest.hex(canonical))
    }

    /// SHA-256 hex of the canonical, versioned serialization of the input's sites, history,
    /// slots and cadence (not the seed, which the result records on its own).
    public static func inputDigest(_ input: DrawInput) -> String {
        InputDigest.hex(CanonicalInput(input))
    }

    /// Replays a recorded draw: same result bit for bit, or a description of the first difference.
    public static func verify(_ input: DrawInput, recorded: DrawResult) -> Result<Void, DrawMismatch> {
        DrawVerifier.verify(input, recorded: recorded)
    }

    /// The seed of the generator that books the first cadence visits, before any slot is drawn.
    static func planSeed(_ seed: UInt64) -> UInt64 { slotSeed(seed, index: -1) }

    /// The seed of the generator for the slot at `index` in canonical order.
    static func slotSeed(_ seed: UInt64, index: Int) -> UInt64 {
        var mixer = SplitMix64(seed: UInt64(truncatingIfNeeded: index))
        return seed ^ mixer.next()
    }
}

// MARK: - Canonical order

/// Byte-wise (UTF-8) order of strings: the same everywhere, no Unicode tables involved.
func utf8Less(_ left: String, _ right: String) -> Bool {
    left.utf8.lexicographicallyPrecedes(right.utf8)
}

/// The input sorted into its canonical order.
struct CanonicalInput {
    /// Sites by id, then by content (all of them, duplicates included).
    var sites: [Site]
    /// History by site id, date, period id.
    var history: [PastVisit]
    /// Slots by date, period id, id, then by content.
    var slots: [VisitSlot]
    var cadence: CadenceTargets

    init(_ input: DrawInput) {
        sites = input.sites.sorted { left, right in
            if !left.id.utf8.elementsEqual(right.id.utf8) { return utf8Less(left.id, right.id) }
            return InputDigest.bytes(of: left).lexicographicallyPrecedes(InputDigest.bytes(of: right))
        }
        history = input.history.sorted { left, right in
            if !left.siteID.utf8.elementsEqual(right.siteID.utf8) { return utf8Less(left.siteID, right.siteID) }
            if left.date != right.date { return left.date < right.date }
            return utf8Less(left.periodID, right.periodID)
        }
        slots = input.slots.sorted { left, right in
            if left.date != right.date { return left.date < right.date }
            if !left.periodID.utf8.elementsEqual(right.periodID.utf8) { return utf8Less(left.periodID, right.periodID) }
            if !left.id.utf8.elementsEqual(right.id.utf8) { return utf8Less(left.id, right.id) }
            return InputDigest.bytes(of: left).lexicographicallyPrecedes(InputDigest.bytes(of: right))
        }
        cadence = input.cadence
    }
}
