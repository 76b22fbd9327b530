import InspectCalendar
import InspectCore

/// A visit as the engine sees it: a day number and the rank of its period id.
struct VisitStamp: Comparable {
    var day: Int
    var period: Int

    static let never = VisitStamp(day: Int.min, period: Int.min)

    static func < (left: VisitStamp, right: VisitStamp) -> Bool {
        (left.day, left.period) < (right.day, right.period)
    }
}

/// One run of the draw over a canonical input.
struct DrawEngine {
    private let slots: [VisitSlot]
    private let seed: UInt64
    private let cadence: CadenceTargets
    /// Sites by id, duplicates of an id dropped.
    private let sites: [Site]
    private var indexByID: [String: Int] = [:]
    private var byLocality: [String: [Int]] = [:]
    private var periodRank: [String: Int] = [:]
    /// Per site, its history visits in ascending order.
    private var histories: [[VisitStamp]]
    /// Per site, how many of its history visits are on or before the current slot's day.
    private var historyCursor: [Int]
    /// Per site, its latest visit drawn so far in this run.
    private var lastDrawn: [VisitStamp]
    /// Scratch marks for the current slot's conflicted sites.
    private var conflicted: [Bool]

    private(set) var visits: [DrawnVisit] = []
    private(set) var shortfalls: [DrawShortfall] = []

    init(_ input: CanonicalInput, seed: UInt64) {
        self.seed = seed
        self.slots = input.slots
        self.cadence = input.cadence
        var unique: [Site] = []
        unique.reserveCapacity(input.sites.count)
        for site in input.sites where indexByID[site.id] == nil {
            indexByID[site.id] = unique.count
            byLocality[site.locality, default: []].append(unique.count)
            unique.append(site)
        }
        sites = unique
        let periods = Set(input.history.map(\.periodID)).union(input.slots.map(\.periodID))
        for (rank, period) in periods.sorted(by: utf8Less).enumerated() { periodRank[period] = rank }
        histories = Array(repeating: [], count: unique.count)
        for visit in input.history {
            guard let index = indexByID[visit.siteID], let period = periodRank[visit.periodID] else { continue }
            histories[index].append(VisitStamp(day: visit.date.daysSinceEpoch, period: period))
        }
        for index in histories.indices where !histories[index].isEmpty { histories[index].sort() }
        historyCursor = Array(repeating: 0, count: unique.count)
        lastDrawn = Array(repeating: .never, count: unique.count)
        conflicted = Array(repeating: false, count: unique.count)
    }

    mutating func run() {
        var candidates: [Int] = []
        for (slotIndex, slot) in slots.enumerated() where slot.visits > 0 {
            drawSlot(slot, index: slotIndex, candidates: &candidates)
        }
    }

    private mutating func drawSlot(_ slot: VisitSlot, index slotIndex: Int, candidates: inout [Int]) {
        let day = slot.date.daysSinceEpoch
        let period = periodRank[slot.periodID] ?? 0
        candidates.removeAll(keepingCapacity: true)
        var recusedCount = 0
        for locality in slot.zoneLocalities {
            guard let members = byLocality[locality] else { continue }
            if slot.recusedLocalities.contains(locality) {
                recusedCount += members.count
            } else {
                candidates.append(contentsOf: members)
            }
        }
        candidates.sort()  // site id order, whatever order the zone set iterates in
        var marked: [Int] = []
        for siteID in slot.conflictedSites {
            if let site = indexByID[siteID], !conflicted[site] {
                conflicted[site] = true
                marked.append(site)
            }
        }

        var generator = SplitMix64(seed: VisitDraw.slotSeed(seed, index: slotIndex))
        var chosen: [(site: Int, key: Double, weight: Double)] = []
        chosen.reserveCapacity(slot.visits + 1)
        var conflictedCount = 0
        var sameDayCount = 0
        var eligibleCount = 0
        for site in candidates {
            if conflicted[site] {
                conflictedCount += 1
                continue
            }
            if lastDrawn[site].day == day {
                sameDayCount += 1
                continue
            }
            eligibleCount += 1
            let weight = self.weight(of: site, slot: slot, day: day, period: period)
            let key = DrawMath.log(DrawMath.openUnit(generator.next())) / weight
            // Keep the `visits` largest keys, largest first; on a tie the earlier id stays ahead.
            if chosen.count == slot.visits, let last = chosen.last, !(key > last.key) { continue }
            var position = chosen.count
            while position > 0, key > chosen[position - 1].key { position -= 1 }
            chosen.insert((site, key, weight), at: position)
            if chosen.count > slot.visits { chosen.removeLast() }
        }
        for site in marked { conflicted[site] = false }

        for pick in chosen {
            lastDrawn[pick.site] = VisitStamp(day: day, period: period)
            visits.append(DrawnVisit(slotID: slot.id, siteID: sites[pick.site].id, weight: pick.weight))
        }
        if chosen.count < slot.visits {
            shortfalls.append(
                DrawShortfall(
                    slotID: slot.id, wanted: slot.visits, drawn: chosen.count,
                    reason: Self.reason(
                        slot: slot, eligible: eligibleCount, inZone: candidates.count + recusedCount,
                        recused: recusedCount, conflicted: conflictedCount, sameDay: sameDayCount)))
        }
    }

    /// The weight of `site` for a slot on `day` in `period`; advances the site's history cursor.
    private mutating func weight(of site: Int, slot: VisitSlot, day: Int, period: Int) -> Double {
        let record = sites[site]
        var weight: Double =
            switch record.risk {
            case .a: 4
            case .b: 2
            case .c: 1
            }
        if let last = lastVisit(of: site, onOrBefore: day) {
            let elapsed = day - last.day
            let overdue = Double(elapsed) / Double(cadence.effectiveDays(for: record.risk))
            weight *= min(4, max(0.25, overdue))
            if elapsed % 7 == 0, last.period == period { weight *= 0.25 }
        } else {
            weight *= 4
        }
        if slot.isRain, record.rainSensitive { weight *= 2 }
        if slot.isNight, record.nightSensitive { weight *= 2 }
        return weight
    }

    /// The latest visit on or before `day`, in the history or drawn in this run. Days only grow
    /// from slot to slot, so the history cursor only moves forward.
    private mutating func lastVisit(of site: Int, onOrBefore day: Int) -> VisitStamp? {
        let history = histories[site]
        var cursor = historyCursor[site]
        while cursor < history.count, history[cursor].day <= day { cursor += 1 }
        historyCursor[site] = cursor
        var latest = lastDrawn[site]
        if cursor > 0, history[cursor - 1] > latest { latest = history[cursor - 1] }
        return latest == .never ? nil : latest
    }

    private static func reason(
        slot: VisitSlot, eligible: Int, inZone: Int, recused: Int, conflicted: Int, sameDay: Int
    ) -> String {
        let zone = slot.zoneLocalities.sorted(by: utf8Less).joined(separator: ",")
        if inZone == 0 { return "no sites in zone \(zone)" }
        var removed: [String] = []
        if recused > 0 { removed.append("\(recused) in recused localities") }
        if conflicted > 0 { removed.append("\(conflicted) conflicted") }
        if sameDay > 0 { removed.append("\(sameDay) already drawn that day") }
        let detail = removed.isEmpty ? "" : "; " + removed.joined(separator: ", ")
        return "only \(eligible) eligible sites in zone \(zone) after recusal, conflicts and same-day visits "
            + "(\(inZone) in zone\(detail))"
    }

    /// Sites whose latest visit (history or this run) plus cadence falls before the last slot
    /// date, or that were never visited.
    func cadenceGaps() -> [CadenceGap] {
        guard let first = slots.first?.date, let lastSlot = slots.last?.date else { return [] }
        let lastDay = lastSlot.daysSinceEpoch
        var gaps: [CadenceGap] = []
        for (index, site) in sites.enumerated() {
            var latest = lastDrawn[index]
            if let recorded = histories[index].last, recorded > latest { latest = recorded }
            if latest == .never {
                gaps.append(CadenceGap(siteID: site.id, risk: site.risk.rawValue, lastVisit: nil, dueBy: first))
                continue
            }
            let due = latest.day + cadence.effectiveDays(for: site.risk)
            if due < lastDay {
                gaps.append(
                    CadenceGap(
                        siteID: site.id, risk: site.risk.rawValue,
                        lastVisit: CivilDate(daysSinceEpoch: latest.day), dueBy: CivilDate(daysSinceEpoch: due)))
            }
        }
        return gaps.sorted { left, right in
            if left.risk != right.risk { return utf8Less(left.risk, right.risk) }
            if left.dueBy != right.dueBy { return left.dueBy < right.dueBy }
            return utf8Less(left.siteID, right.siteID)
        }
    }
}

/// Arithmetic whose results are the same bit for bit on every IEEE 754 platform: only
/// +, −, ×, ÷ (correctly rounded everywhere) and exact exponent/significand splits.
enum DrawMath {
    /// A double uniformly in the open interval (0, 1) from 64 random bits: (2m + 1) / 2^53, exact.
    static func openUnit(_ bits: UInt64) -> Double {
        Double((bits >> 12) << 1 | 1) * 0x1p-53
    }

    private static let ln2 = 0.693_147_180_559_945_3

    /// The natural logarithm of a positive finite `x`, within a few ulps, from basic operations only.
    static func log(_ x: Double) -> Double {
        var exponent = Int(x.exponent)
        var mantissa = x.significand  // [1, 2)
        if mantissa > 1.414_213_562_373_095_1 {
            mantissa *= 0.5
            exponent += 1
        }
        // ln(m) = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.1716: the odd series converges fast.
        let s = (mantissa - 1) / (mantissa + 1)
        let s2 = s * s
        var term = s
        var sum = s
        var denominator = 3.0
        for _ in 0..<12 {
            term *= s2
            sum += term / denominator
            denominator += 2
        }
        return 2 * sum + Double(exponent) * ln2
    }
}
