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

    /// Same ISO weekday and period as a slot on `day` in `period`.
    func repeats(day: Int, period: Int) -> Bool {
        self != .never && (day - self.day) % 7 == 0 && self.period == period
    }
}

/// A site's two latest visits, in the history or drawn so far.
struct RecentVisits {
    var latest = VisitStamp.never
    var previous = VisitStamp.never

    mutating func record(_ stamp: VisitStamp) {
        if stamp > latest {
            previous = latest
            latest = stamp
        } else if stamp < latest, stamp > previous {
            previous = stamp
        }
    }
}

/// A place reserved ahead in a slot for a site's next cadence visit.
struct Booking {
    /// The slot, in canonical order; -1 when the site has no booking.
    var slot = -1
    /// The visit the booking follows (never: the site had none).
    var after = VisitStamp.never
    /// The deadline it was made for, as a day number.
    var deadline = Int.max
    /// The deadline is within the draw's dates, so the booking may take more than the slot's
    /// discretionary half and displace bookings of lower risk classes.
    var isPressing = false
}

/// Where a booking may go, in order of preference.
enum PlacementStep: CaseIterable {
    /// Room in the discretionary half of the slot's places.
    case discretionary
    /// The place of a booking of a lower risk class that is not pressing.
    case displaceRelaxed
    /// Room in the other half.
    case remaining
    /// The place of any booking of a lower risk class.
    case displacePressing
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
    /// Per site, its two latest visits on or before the current slot's day (history and this run).
    private var recent: [RecentVisits]
    /// Per site, its latest visit drawn so far in this run.
    private var lastDrawn: [VisitStamp]
    /// Scratch marks for the current slot's conflicted sites.
    private var conflicted: [Bool]
    /// Per slot in canonical order, its day number and period rank.
    private var slotDays: [Int] = []
    private var slotPeriods: [Int] = []
    /// Per site, the slots wanting visits that it is eligible for by zone, recusal and conflicts, ascending.
    private var eligibleSlots: [[Int32]]
    /// Per site, its booked cadence visit.
    private var bookings: [Booking]
    /// Per slot, the sites booked into it.
    private var booked: [[Int]]

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
        recent = Array(repeating: RecentVisits(), count: unique.count)
        lastDrawn = Array(repeating: .never, count: unique.count)
        conflicted = Array(repeating: false, count: unique.count)
        eligibleSlots = Array(repeating: [], count: unique.count)
        bookings = Array(repeating: Booking(), count: unique.count)
        booked = Array(repeating: [], count: input.slots.count)
        slotDays = slots.map(\.date.daysSinceEpoch)
        slotPeriods = slots.map { periodRank[$0.periodID] ?? 0 }
        for (slotIndex, slot) in slots.enumerated() where slot.visits > 0 {
            let marked = markConflicts(of: slot)
            for locality in slot.zoneLocalities where !slot.recusedLocalities.contains(locality) {
                for site in byLocality[locality] ?? [] where !conflicted[site] {
                    eligibleSlots[site].append(Int32(slotIndex))
                }
            }
            for site in marked { conflicted[site] = false }
        }
    }

    mutating func run() {
        guard !slots.isEmpty else { return }
        var planner = SplitMix64(seed: VisitDraw.planSeed(seed))
        for risk in RiskClass.allCases.sorted() {
            for site in sites.indices where sites[site].risk == risk {
                book(site, after: histories[site].last ?? .never, from: 0, using: &planner)
            }
        }
        var candidates: [Int] = []
        for (slotIndex, slot) in slots.enumerated() where slot.visits > 0 {
            drawSlot(slot, index: slotIndex, candidates: &candidates)
        }
    }

    /// Marks the slot's conflicted sites in `conflicted`; returns them so the marks can be cleared.
    private mutating func markConflicts(of slot: VisitSlot) -> [Int] {
        var marked: [Int] = []
        for siteID in slot.conflictedSites {
            if let site = indexByID[siteID], !conflicted[site] {
                conflicted[site] = true
                marked.append(site)
            }
        }
        return marked
    }

    private mutating func drawSlot(_ slot: VisitSlot, index slotIndex: Int, candidates: inout [Int]) {
        let day = slotDays[slotIndex]
        let period = slotPeriods[slotIndex]
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
        let marked = markConflicts(of: slot)
        let bookedHere = booked[slotIndex].sorted()
        booked[slotIndex] = []

        // The booked sites are reserved; Efraimidis–Spirakis over the other eligible sites, in id order.
        var generator = SplitMix64(seed: VisitDraw.slotSeed(seed, index: slotIndex))
        let places = slot.visits - bookedHere.count
        var reserved: [(site: Int, weight: Double)] = []
        var chosen: [(site: Int, key: Double, weight: Double)] = []
        chosen.reserveCapacity(places + 1)
        var conflictedCount = 0
        var sameDayCount = 0
        var patternCount = 0
        var eligibleCount = 0
        var nextBooked = 0
        for site in candidates {
            if conflicted[site] {
                conflictedCount += 1
                continue
            }
            if lastDrawn[site].day == day {
                sameDayCount += 1
                continue
            }
            absorbHistory(of: site, through: day)
            let weight = weight(of: site, slot: slot, day: day, period: period)
            while nextBooked < bookedHere.count, bookedHere[nextBooked] < site { nextBooked += 1 }
            if nextBooked < bookedHere.count, bookedHere[nextBooked] == site {
                reserved.append((site, weight))
                eligibleCount += 1
                continue
            }
            // A third visit in a row on this weekday and in this period is never drawn by weight.
            if recent[site].latest.repeats(day: day, period: period), recent[site].previous.repeats(day: day, period: period) {
                patternCount += 1
                continue
            }
            eligibleCount += 1
            guard places > 0 else { continue }
            let key = DrawMath.log(DrawMath.openUnit(generator.next())) / weight
            // Keep the largest keys, largest first; on a tie the earlier id stays ahead.
            if chosen.count == places, let last = chosen.last, !(key > last.key) { continue }
            var position = chosen.count
            while position > 0, key > chosen[position - 1].key { position -= 1 }
            chosen.insert((site, key, weight), at: position)
            if chosen.count > places { chosen.removeLast() }
        }
        for site in marked { conflicted[site] = false }
        assert(reserved.count == bookedHere.count, "a booked site was not eligible in its slot")

        let stamp = VisitStamp(day: day, period: period)
        for (site, weight) in reserved {
            visits.append(DrawnVisit(slotID: slot.id, siteID: sites[site].id, weight: weight, reason: .cadence))
        }
        for pick in chosen {
            visits.append(DrawnVisit(slotID: slot.id, siteID: sites[pick.site].id, weight: pick.weight, reason: .weighted))
        }
        // Book each visited site's next cadence visit, in the order of the visits.
        for site in reserved.map(\.site) + chosen.map(\.site) {
            lastDrawn[site] = stamp
            recent[site].record(stamp)
            book(site, after: stamp, from: slotIndex + 1, using: &generator)
        }
        let drawn = reserved.count + chosen.count
        if drawn < slot.visits {
            shortfalls.append(
                DrawShortfall(
                    slotID: slot.id, wanted: slot.visits, drawn: drawn,
                    reason: Self.reason(
                        slot: slot, eligible: eligibleCount, inZone: candidates.count + recusedCount,
                        recused: recusedCount, conflicted: conflictedCount, sameDay: sameDayCount,
                        pattern: patternCount)))
        }
    }

    // MARK: Cadence bookings

    /// The days before its deadline from which a site's next visit may be booked:
    /// ⌊3 × cadence ÷ 7⌋, at least 1.
    static func lead(cadenceDays: Int) -> Int { max(1, cadenceDays * 3 / 7) }

    /// Books the next cadence visit of `site`, whose latest visit is `after`, in a slot at index
    /// `from` or later, replacing any booking it had there. See ``VisitDraw`` for the rules.
    private mutating func book(_ site: Int, after latest: VisitStamp, from earliest: Int, using generator: inout SplitMix64) {
        cancelBooking(of: site, from: earliest)
        guard earliest < slots.count else { return }
        let days = cadence.effectiveDays(for: sites[site].risk)
        let lastDay = slotDays[slotDays.count - 1]
        var deadline: Int
        var startDay: Int
        var isPressing = true
        if latest == .never {
            deadline = slotDays[0] + days - 1
            startDay = slotDays[0]
            if deadline > lastDay {
                deadline = lastDay
                isPressing = false
            }
        } else {
            deadline = latest.day + days
            startDay = max(latest.day + 1, deadline - Self.lead(cadenceDays: days))
            guard deadline <= lastDay else { return }
        }
        let list = eligibleSlots[site]
        var lower = Self.lowerBound(list, max(earliest, firstSlot(onOrAfter: startDay)))
        var upper = Self.lowerBound(list, lastSlot(onOrBefore: deadline) + 1)
        let booking = Booking(after: latest, deadline: deadline, isPressing: isPressing)
        if lower < upper, place(site, booking, in: lower..<upper, from: earliest, using: &generator) { return }
        // Too late, or no room before the deadline: the first chance, within the lead after it.
        lower = Self.lowerBound(list, max(earliest, firstSlot(onOrAfter: deadline + 1)))
        guard lower < list.count else { return }
        deadline = slotDays[Int(list[lower])] + Self.lead(cadenceDays: days)
        upper = Self.lowerBound(list, lastSlot(onOrBefore: deadline) + 1)
        let late = Booking(after: latest, deadline: deadline, isPressing: isPressing)
        _ = place(site, late, in: lower..<upper, from: earliest, using: &generator)
    }

    /// Books `site` into one of its eligible slots `list[range]`, chosen at random. Slots on the
    /// weekday and in the period of its latest visit only when no other is left. In order of
    /// preference: room in the discretionary half of a slot's places; then, for a pressing
    /// booking only, the place of a booking of a lower risk class that is not pressing, room in
    /// the other half, the place of any booking of a lower risk class. A booking that gives way
    /// is made again. False when nothing was free.
    private mutating func place(
        _ site: Int, _ booking: Booking, in range: Range<Int>, from earliest: Int, using generator: inout SplitMix64
    ) -> Bool {
        let list = eligibleSlots[site]
        let risk = sites[site].risk
        var fresh: [Int] = []
        var repeating: [Int] = []
        for position in range {
            let slot = Int(list[position])
            if booking.after.repeats(day: slotDays[slot], period: slotPeriods[slot]) {
                repeating.append(slot)
            } else {
                fresh.append(slot)
            }
        }
        for options in [fresh, repeating] where !options.isEmpty {
            for step in PlacementStep.allCases where booking.isPressing || step == .discretionary {
                let choice = options.filter { slot in
                    switch step {
                    case .discretionary: booked[slot].count < slots[slot].visits / 2
                    case .displaceRelaxed: booked[slot].contains { risk < sites[$0].risk && !bookings[$0].isPressing }
                    case .remaining: booked[slot].count < slots[slot].visits
                    case .displacePressing: booked[slot].contains { risk < sites[$0].risk }
                    }
                }
                guard !choice.isEmpty else { continue }
                let slot = choice[generator.next(below: choice.count)]
                var displaced: (site: Int, booking: Booking)?
                if step == .displaceRelaxed || step == .displacePressing {
                    // The lowest class gives way; of those, not pressing first, then the latest deadline.
                    let victim = booked[slot].filter { risk < sites[$0].risk }.max { left, right in
                        (sites[left].risk, bookings[left].isPressing ? 0 : 1, bookings[left].deadline, left)
                            < (sites[right].risk, bookings[right].isPressing ? 0 : 1, bookings[right].deadline, right)
                    }!
                    displaced = (victim, bookings[victim])
                    booked[slot].removeAll { $0 == victim }
                    bookings[victim] = Booking()
                }
                booked[slot].append(site)
                var made = booking
                made.slot = slot
                bookings[site] = made
                if let displaced { book(displaced.site, after: displaced.booking.after, from: earliest, using: &generator) }
                return true
            }
        }
        return false
    }

    /// Drops the site's booking if it is in the slot at index `earliest` or later.
    private mutating func cancelBooking(of site: Int, from earliest: Int) {
        let slot = bookings[site].slot
        guard slot >= earliest else { return }
        booked[slot].removeAll { $0 == site }
        bookings[site] = Booking()
    }

    /// The index of the first slot on or after `day` in canonical order (the count when none).
    private func firstSlot(onOrAfter day: Int) -> Int {
        var low = 0
        var high = slotDays.count
        while low < high {
            let middle = (low + high) / 2
            if slotDays[middle] < day { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The index of the last slot on or before `day` in canonical order, -1 when none.
    private func lastSlot(onOrBefore day: Int) -> Int {
        firstSlot(onOrAfter: day + 1) - 1
    }

    /// The first position in an ascending list whose value is at least `value`.
    private static func lowerBound(_ list: [Int32], _ value: Int) -> Int {
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) / 2
            if Int(list[middle]) < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    // MARK: Weights

    /// Moves the site's history visits on or before `day` into its recent visits. Days only
    /// grow from slot to slot, so the history cursor only moves forward.
    private mutating func absorbHistory(of site: Int, through day: Int) {
        let history = histories[site]
        var cursor = historyCursor[site]
        while cursor < history.count, history[cursor].day <= day {
            recent[site].record(history[cursor])
            cursor += 1
        }
        historyCursor[site] = cursor
    }

    /// The weight of `site` for a slot on `day` in `period`, from its recent visits.
    private func weight(of site: Int, slot: VisitSlot, day: Int, period: Int) -> Double {
        let record = sites[site]
        var weight: Double =
            switch record.risk {
            case .a: 4
            case .b: 2
            case .c: 1
            }
        let last = recent[site].latest
        if last != .never {
            let elapsed = day - last.day
            let overdue = Double(elapsed) / Double(cadence.effectiveDays(for: record.risk))
            weight *= min(4, max(0.25, overdue))
            if last.repeats(day: day, period: period) { weight *= 0.25 }
        } else {
            weight *= 4
        }
        if slot.isRain, record.rainSensitive { weight *= 2 }
        if slot.isNight, record.nightSensitive { weight *= 2 }
        return weight
    }

    private static func reason(
        slot: VisitSlot, eligible: Int, inZone: Int, recused: Int, conflicted: Int, sameDay: Int, pattern: Int
    ) -> String {
        let zone = slot.zoneLocalities.sorted(by: utf8Less).joined(separator: ",")
        if inZone == 0 { return "no sites in zone \(zone)" }
        var removed: [String] = []
        if recused > 0 { removed.append("\(recused) in recused localities") }
        if conflicted > 0 { removed.append("\(conflicted) conflicted") }
        if sameDay > 0 { removed.append("\(sameDay) already drawn that day") }
        if pattern > 0 { removed.append("\(pattern) visited twice before on this weekday and period") }
        let detail = removed.isEmpty ? "" : "; " + removed.joined(separator: ", ")
        let rules = pattern > 0 ? "recusal, conflicts, same-day visits and visit patterns" : "recusal, conflicts and same-day visits"
        return "only \(eligible) eligible sites in zone \(zone) after \(rules) "
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
