/// Re-optimises one employee's whole row by dynamic programming over the days.
///
/// States per day: (value worked, length of the current work or off run). The state
/// space enforces exactly the rules that depend on neighbouring days — shift rotation,
/// fixed days off, maximum/minimum consecutive shifts, minimum consecutive days off,
/// with the benchmark's border rules. Resource rules over the whole row (total
/// minutes, shifts per type, weekends) are priced by Lagrange multipliers that are
/// adjusted until the row satisfies them (and remembered per employee).
/// Costs per (day, value): the employee's request costs plus the marginal cover cost
/// given every other employee's current assignment.
final class RowOptimizer {
    let tables: SearchTables
    let H: Int, V: Int
    /// The optimised row (valid after `optimize` returned true).
    var result: [Int16]
    /// After `optimize` returned false: the row that came closest to the employee's
    /// resource rules (total minutes, shifts per type, weekends), if any row was built.
    /// Its run-dependent rules (rotation, consecutive limits, days off) always hold.
    var fallback: [Int16]?
    /// Values with identical rows of `forbidden` share a class (off included): what a
    /// value allows on the next day depends on its class only.
    private let rotationClass: [Int]
    private let rotationClasses: Int
    /// One value of each rotation class.
    private let representative: [Int]
    /// Band mode of `solveOnce`: units of the row being corrected, per day.
    private let bandUnits: UnsafeMutablePointer<Int>
    /// Half-width (in minute units) of the band search around a row that misses the window.
    let bandWidth = 12
    private let cost: UnsafeMutablePointer<Double>
    private let next: UnsafeMutablePointer<Double>
    /// Whether a (minutes, weekends) layer has any finite state, today and tomorrow.
    private let alive: UnsafeMutablePointer<Bool>
    private let nextAlive: UnsafeMutablePointer<Bool>
    private let pred: UnsafeMutablePointer<Int32>
    /// The value worked on the day that led to each state (0 = off).
    private let choice: UnsafeMutablePointer<Int16>
    private let dayCost: UnsafeMutablePointer<Double>
    private let trueCost: UnsafeMutablePointer<Double>
    private var minuteMultiplier: [Double]
    private var typeMultiplier: [Double]
    private var weekendMultiplier: [Double]
    private var row: [Int16]
    private var reference: UnsafePointer<Int16>?
    /// Lower bound on the cost of days d..<H from each run state (rules between days only).
    private let bound: UnsafeMutablePointer<Double>
    private var noiseState: Xoshiro256
    private let gcd: Int32
    private let units: [Int32]
    /// Per employee: number of exactly tracked minute levels (1 = priced by multiplier).
    private let minuteLevels: [Int]
    private let weekendLevels: [Int]
    /// Largest DP state space per day, so that one row costs at most a few million steps.
    let stateBudget: Int
    var calls = 0
    var solves = 0

    /// Amplitude of the per-day noise added when the minute price search stalls.
    let smoothingNoise = 20.0
    /// Passes of price adjustment for shifts per type and weekends (each with a bisection
    /// on the minute price).
    let passes = 7
    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    init(tables: SearchTables, seed: UInt64) {
        self.tables = tables
        H = tables.horizon
        V = tables.values
        var classOf = [Int](repeating: 0, count: V)
        var rowsSeen: [[UInt8]] = []
        for v in 0..<V {
            let forbiddenRow = Array(tables.forbidden[(v * V)..<((v + 1) * V)])
            if let k = rowsSeen.firstIndex(of: forbiddenRow) {
                classOf[v] = k
            } else {
                classOf[v] = rowsSeen.count
                rowsSeen.append(forbiddenRow)
            }
        }
        rotationClass = classOf
        rotationClasses = rowsSeen.count
        representative = (0..<rowsSeen.count).map { k in classOf.firstIndex(of: k)! }
        let maxRun = max(1, Int(tables.maxConsecutive.max() ?? 1))
        let maxOff = max(1, Int(tables.minDaysOff.max() ?? 1))
        // Working states are (rotation class, run length).
        let valueRunStates = maxOff + (V - 1) * maxRun
        let runStates = maxOff + rowsSeen.count * maxRun
        // Exact tracking of minutes and weekends where the state space stays small.
        stateBudget = max(valueRunStates, min(1 << 16, 4_000_000 / max(1, tables.horizon * tables.values)))
        var g = 0
        for l in tables.length.dropFirst() { g = RowOptimizer.gcd(g, Int(l)) }
        gcd = Int32(max(g, 1))
        units = tables.length.map { $0 / Int32(max(g, 1)) }
        let maxLength = Int(tables.length.max() ?? 0)
        var minuteLevels: [Int] = []
        var weekendLevels: [Int] = []
        var states = runStates
        for e in 0..<tables.employees {
            let cap = min(Int(tables.maxMinutes[e]), tables.horizon * maxLength) / max(g, 1)
            let w = Int(tables.maxWeekends[e]) < tables.weekends ? Int(tables.maxWeekends[e]) + 1 : 1
            let m = runStates * w * (cap + 1) <= stateBudget ? cap + 1 : 1
            let w2 = runStates * w * m <= stateBudget ? w : 1
            minuteLevels.append(m)
            weekendLevels.append(w2)
            states = max(states, runStates * m * w2)
        }
        states = max(states, runStates * (2 * bandWidth + 1))
        self.minuteLevels = minuteLevels
        self.weekendLevels = weekendLevels
        bandUnits = .allocate(capacity: max(H, 1))
        bandUnits.initialize(repeating: 0, count: max(H, 1))
        result = Array(repeating: 0, count: H)
        bound = .allocate(capacity: (H + 1) * runStates)
        bound.initialize(repeating: 0, count: (H + 1) * runStates)
        row = Array(repeating: 0, count: H)
        cost = .allocate(capacity: states)
        cost.initialize(repeating: .infinity, count: states)
        next = .allocate(capacity: states)
        next.initialize(repeating: .infinity, count: states)
        alive = .allocate(capacity: states)
        alive.initialize(repeating: false, count: states)
        nextAlive = .allocate(capacity: states)
        nextAlive.initialize(repeating: false, count: states)
        pred = .allocate(capacity: H * states)
        pred.initialize(repeating: -1, count: H * states)
        choice = .allocate(capacity: H * states)
        choice.initialize(repeating: 0, count: H * states)
        dayCost = .allocate(capacity: H * V)
        dayCost.initialize(repeating: 0, count: H * V)
        trueCost = .allocate(capacity: H * V)
        trueCost.initialize(repeating: 0, count: H * V)
        minuteMultiplier = Array(repeating: 0, count: tables.employees)
        typeMultiplier = Array(repeating: 0, count: tables.employees * V)
        weekendMultiplier = Array(repeating: 0, count: tables.employees)
        noiseState = Xoshiro256(seed: seed)
    }

    /// Finds a row for employee `e` that satisfies all of the employee's hard rules and is
    /// cheapest (or nearly) against the current cover; false if none was found.
    deinit {
        for p in [cost, next, dayCost, trueCost, bound] { p.deallocate() }
        pred.deallocate()
        choice.deallocate()
        bandUnits.deallocate()
        alive.deallocate()
        nextAlive.deallocate()
    }

    /// `reference`: a row of this employee known to satisfy all of the employee's hard
    /// rules; the search then prunes every partial row that cannot beat it.
    /// `robust`: when the plain price adjustment fails, run the slower robust search (and
    /// leave the closest row in `fallback`).
    func optimize(
        search s: LocalSearch, employee e: Int, noise: Double, reference: UnsafePointer<Int16>? = nil,
        robust: Bool = false
    ) -> Bool {
        self.reference = reference
        let t = tables
        // Marginal costs against everyone else's assignments.
        let noWeekends = t.maxWeekends[e] <= 0
        for d in 0..<H {
            let mine = Int(s.cells[e * H + d])
            let offDay =
                t.fixedOff[e * H + d] != 0 || (noWeekends && d % 7 >= 5 && d / 7 < t.weekends)
            for v in 0..<V {
                var c = Double(t.preference[(e * H + d) * V + v])
                if v > 0 {
                    if offDay || t.maxShifts[e * V + v] == 0 {
                        trueCost[d * V + v] = .infinity
                        continue
                    }
                    let idx = d * V + v
                    let others = s.count[idx] - (mine == v ? 1 : 0)
                    c += others < t.coverRequirement[idx] ? -Double(t.underWeight[idx]) : Double(t.overWeight[idx])
                }
                if noise > 0 { c += noise * noiseState.unit() }
                trueCost[d * V + v] = c
            }
        }
        calls += 1
        fallback = nil
        let savedMinutePrice = minuteMultiplier[e], savedWeekendPrice = weekendMultiplier[e]
        let savedTypePrices = Array(typeMultiplier[(e * V)..<((e + 1) * V)])
        // First the plain price adjustment, which settles most rows in a few rounds.
        var step = 20.0
        for _ in 0..<12 {
            solves += 1
            guard solveOnce(employee: e) else { return false }
            // Resource use of the row.
            var minutes: Int32 = 0
            var weekendsWorked: Int32 = 0
            var typeCounts = [Int32](repeating: 0, count: V)
            for d in 0..<H {
                let v = Int(row[d])
                typeCounts[v] += 1
                minutes += t.length[v]
            }
            for k in 0..<t.weekends where row[7 * k + 5] != 0 || row[7 * k + 6] != 0 { weekendsWorked += 1 }
            var feasible = true
            let unit = Double(t.minuteUnit)
            if minutes > t.maxMinutes[e] {
                feasible = false
                minuteMultiplier[e] += step * (Double(minutes - t.maxMinutes[e]) / unit)
            } else if minutes < t.minMinutes[e] {
                feasible = false
                minuteMultiplier[e] -= step * (Double(t.minMinutes[e] - minutes) / unit)
            }
            for v in 1..<V where typeCounts[v] > t.maxShifts[e * V + v] {
                feasible = false
                typeMultiplier[e * V + v] += step * Double(typeCounts[v] - t.maxShifts[e * V + v])
            }
            if weekendsWorked > t.maxWeekends[e] {
                feasible = false
                weekendMultiplier[e] += step * Double(weekendsWorked - t.maxWeekends[e])
            }
            if feasible {
                result = row
                // Relax multipliers whose resource has slack, so they do not stay too high.
                if minutes < t.maxMinutes[e] && minuteMultiplier[e] > 0 { minuteMultiplier[e] *= 0.8 }
                if minutes > t.minMinutes[e] && minuteMultiplier[e] < 0 { minuteMultiplier[e] *= 0.8 }
                for v in 1..<V where typeCounts[v] < t.maxShifts[e * V + v] { typeMultiplier[e * V + v] *= 0.8 }
                if weekendsWorked < t.maxWeekends[e] { weekendMultiplier[e] *= 0.8 }
                return true
            }
            step *= 1.5
        }
        guard robust else { return false }
        // Start again from the prices before the plain adjustment, which may have run away.
        minuteMultiplier[e] = savedMinutePrice
        weekendMultiplier[e] = savedWeekendPrice
        for v in 0..<V { typeMultiplier[e * V + v] = savedTypePrices[v] }
        return robustSearch(employee: e)
    }

    /// The price search for rows the plain adjustment did not settle (narrow windows of
    /// total minutes, tight limits per type, flat costs): bisection on the minute price,
    /// retyping of worked days to fit the minutes window exactly, smoothing noise; keeps
    /// the closest row in `fallback` when it fails.
    private func robustSearch(employee e: Int) -> Bool {
        let t = tables
        var fallbackExcess = Double.infinity
        var step = 20.0
        let unit = Double(t.minuteUnit)
        var round = 0
        // Outer passes adjust the prices of shifts per type and of weekends; within a pass
        // those stay fixed and the minute price is searched by bisection, so that its
        // brackets stay valid.
        for pass in 0..<passes {
            if pass == 1 {
                // Flat costs (e.g. an empty roster: every cell equally under-covered) make the
                // row's minutes jump between all and nothing as the minute price moves. A
                // per-day noise on working makes the response gradual, so the price search can
                // reach the window.
                for d in 0..<H {
                    let n = smoothingNoise * noiseState.unit()
                    for v in 1..<V where trueCost[d * V + v] < .infinity { trueCost[d * V + v] += n }
                }
            }
            // Brackets on the minute multiplier: above `tooMany`, below `tooFew`.
            var tooMany = -Double.infinity
            var tooFew = Double.infinity
            var typeExcess = [Int32](repeating: 0, count: V)
            var weekendExcess: Int32 = 0
            for inner in 0..<(pass == 0 ? 8 : 10) {
                round += 1
                solves += 1
                guard solveOnce(employee: e) else { return false }
                var minutes: Int32 = 0
                for d in 0..<H { minutes += t.length[Int(row[d])] }
                // The price search follows the row the prices chose, before any retyping.
                let pricedMinutes = minutes
                if minutes > t.maxMinutes[e] || minutes < t.minMinutes[e] {
                    // Keep the pattern of worked days; re-choose shift types to fit the window.
                    if retypeForMinutes(employee: e) {
                        minutes = 0
                        for d in 0..<H { minutes += t.length[Int(row[d])] }
                    }
                }
                let miss = max(Int(minutes - t.maxMinutes[e]), Int(t.minMinutes[e] - minutes), 0)
                if miss > 0 && miss <= bandWidth * Int(gcd) && solveOnce(employee: e, band: bandWidth) {
                    // Close to the window: the best row whose running minutes stay within a band
                    // around this one and whose total fits (exact, the minute price left out).
                    minutes = 0
                    for d in 0..<H { minutes += t.length[Int(row[d])] }
                }
                var weekendsWorked: Int32 = 0
                var typeCounts = [Int32](repeating: 0, count: V)
                for d in 0..<H { typeCounts[Int(row[d])] += 1 }
                for k in 0..<t.weekends where row[7 * k + 5] != 0 || row[7 * k + 6] != 0 { weekendsWorked += 1 }
                var excess = 0.0
                if minutes > t.maxMinutes[e] { excess += Double(minutes - t.maxMinutes[e]) / unit }
                if minutes < t.minMinutes[e] { excess += Double(t.minMinutes[e] - minutes) / unit }
                for v in 1..<V {
                    typeExcess[v] = max(0, typeCounts[v] - t.maxShifts[e * V + v])
                    excess += Double(typeExcess[v])
                }
                weekendExcess = max(0, weekendsWorked - t.maxWeekends[e])
                excess += Double(weekendExcess)
                if excess == 0 {
                    result = row
                    // Relax multipliers whose resource has slack, so they do not stay too high.
                    if minutes < t.maxMinutes[e] && minuteMultiplier[e] > 0 { minuteMultiplier[e] *= 0.8 }
                    if minutes > t.minMinutes[e] && minuteMultiplier[e] < 0 { minuteMultiplier[e] *= 0.8 }
                    for v in 1..<V where typeCounts[v] < t.maxShifts[e * V + v] { typeMultiplier[e * V + v] *= 0.8 }
                    if weekendsWorked < t.maxWeekends[e] { weekendMultiplier[e] *= 0.8 }
                    return true
                }
                if excess < fallbackExcess {
                    fallbackExcess = excess
                    fallback = row
                }
                let lambda = minuteMultiplier[e]
                if pricedMinutes > t.maxMinutes[e] {
                    tooMany = max(tooMany, lambda)
                    minuteMultiplier[e] =
                        tooFew < .infinity
                        ? (tooMany + tooFew) / 2 : lambda + step * (Double(pricedMinutes - t.maxMinutes[e]) / unit)
                } else if pricedMinutes < t.minMinutes[e] {
                    tooFew = min(tooFew, lambda)
                    minuteMultiplier[e] =
                        tooMany > -.infinity
                        ? (tooMany + tooFew) / 2 : lambda - step * (Double(t.minMinutes[e] - pricedMinutes) / unit)
                } else {
                    break  // the minutes fit: what is left is types or weekends
                }
                if pass == 0 && inner >= 2 && minutes >= t.minMinutes[e] && minutes <= t.maxMinutes[e] { break }
            }
            for v in 1..<V where typeExcess[v] > 0 {
                typeMultiplier[e * V + v] += step * Double(typeExcess[v])
            }
            if weekendExcess > 0 { weekendMultiplier[e] += step * Double(weekendExcess) }
            step *= 1.5
        }
        return false
    }

    /// Keeps the row's pattern of worked days and re-chooses the shift type of each worked
    /// day so that the total minutes fall inside the employee's window, at least cost (the
    /// minute price left out); rotation, fixed days off and forbidden types stay respected,
    /// and the run lengths and weekends do not change. Dynamic programming over
    /// (rotation class of the previous day, minutes above the cheapest choice). Writes
    /// `row` and returns true if such a choice exists.
    private func retypeForMinutes(employee e: Int) -> Bool {
        let t = tables
        let g = Int(gcd)
        let maxUnits = Int(t.maxMinutes[e]) / g
        let minUnits = (Int(t.minMinutes[e]) + g - 1) / g
        var days: [Int] = []
        var lowest: [Int] = []
        var floor = 0
        for d in 0..<H where row[d] != 0 {
            var low = Int.max
            for v in 1..<V where trueCost[d * V + v] < .infinity { low = min(low, Int(units[v])) }
            guard low < Int.max else { return false }
            days.append(d)
            lowest.append(low)
            floor += low
        }
        let cap = maxUnits - floor
        let need = max(0, minUnits - floor)
        guard cap >= 0, need <= cap else { return false }
        let width = cap + 1
        let classes = rotationClasses
        let states = classes * width
        var cost = [Double](repeating: .infinity, count: states)
        var next = [Double](repeating: .infinity, count: states)
        var from = [Int32](repeating: -1, count: days.count * states)
        var chosen = [Int16](repeating: 0, count: days.count * states)
        cost[rotationClass[0] * width] = 0
        for (k, d) in days.enumerated() {
            let afterOff = k == 0 || days[k - 1] != d - 1
            for i in 0..<states { next[i] = .infinity }
            for cls in 0..<classes {
                for x in 0..<width {
                    let c0 = cost[cls * width + x]
                    if c0 == .infinity { continue }
                    // After a day off nothing is forbidden.
                    let previous = afterOff ? -1 : representative[cls]
                    for v in 1..<V {
                        let c = trueCost[d * V + v]
                        if c == .infinity { continue }
                        if previous >= 0 && t.forbidden[previous * V + v] != 0 { continue }
                        let x2 = x + Int(units[v]) - lowest[k]
                        if x2 > cap { continue }
                        let total = c0 + c + typeMultiplier[e * V + v]
                        let j = rotationClass[v] * width + x2
                        if total < next[j] {
                            next[j] = total
                            from[k * states + j] = Int32(cls * width + x)
                            chosen[k * states + j] = Int16(v)
                        }
                    }
                }
            }
            swap(&cost, &next)
        }
        var best = -1
        var bestCost = Double.infinity
        for cls in 0..<classes {
            for x in need...cap where cost[cls * width + x] < bestCost {
                bestCost = cost[cls * width + x]
                best = cls * width + x
            }
        }
        guard best >= 0 else { return false }
        var state = best
        for k in stride(from: days.count - 1, through: 0, by: -1) {
            row[days[k]] = chosen[k * states + state]
            state = Int(from[k * states + state])
        }
        return true
    }

    /// One DP pass with the current multipliers; writes `row`. False if no row exists.
    ///
    /// Total minutes (in units of the shift lengths' gcd) and worked weekends are
    /// tracked exactly in the state when the state space stays small enough; otherwise
    /// they are left to their multipliers.
    private func solveOnce(employee e: Int, band: Int = 0) -> Bool {
        let t = tables
        let maxC = Int(t.maxConsecutive[e]), minC = Int(t.minConsecutive[e])
        let minO = Int(t.minDaysOff[e])
        let offStates = max(1, minO)
        let runStates = offStates + rotationClasses * maxC
        let representative = self.representative, rotationClass = self.rotationClass
        // Band mode: the minute layers count the deviation (in units) of the minutes worked so
        // far from those of the current `row`, within +-band; the minutes are then exact.
        let banded = band > 0
        if banded {
            for d in 0..<H { bandUnits[d] = Int(units[Int(row[d])]) }
        }
        let trackMinutes = banded || minuteLevels[e] > 1
        let trackWeekends = !banded && weekendLevels[e] > 1
        let minuteCount = banded ? 2 * band + 1 : minuteLevels[e]
        let weekendCount = banded ? 1 : weekendLevels[e]
        let states = runStates * minuteCount * weekendCount
        let lambda = trackMinutes ? 0 : minuteMultiplier[e] / Double(t.minuteUnit)
        let weekendPrice = trackWeekends ? 0 : weekendMultiplier[e]
        let maxW = weekendCount - 1
        let bandUnits = self.bandUnits
        for d in 0..<H {
            for v in 0..<V {
                var c = trueCost[d * V + v]
                if v > 0 { c += lambda * Double(t.length[v]) + typeMultiplier[e * V + v] }
                dayCost[d * V + v] = c
            }
        }
        // Backward pass over run states only: a lower bound for pruning.
        var upper = Double.infinity
        if let reference, !banded {
            upper = 0
            for d in 0..<H { upper += dayCost[d * V + Int(reference[d])] }
            if !trackWeekends {
                for k in 0..<t.weekends where reference[7 * k + 5] != 0 || reference[7 * k + 6] != 0 {
                    upper += weekendPrice
                }
            }
            upper += 1e-7
            for i in 0..<runStates { bound[H * runStates + i] = 0 }
            for d in stride(from: H - 1, through: 0, by: -1) {
                let here = d * runStates, after = (d + 1) * runStates
                let offCost = dayCost[d * V]
                for i in 0..<runStates {
                    let working = i >= offStates
                    let a = working ? representative[(i - offStates) / maxC] : 0
                    let r = working ? (i - offStates) % maxC + 1 : i + 1
                    var b = Double.infinity
                    if !working {
                        b = offCost + bound[after + min(r + 1, offStates) - 1]
                    } else if r >= minC || d - r == 0 {
                        b = offCost + bound[after]
                    }
                    if working ? r < maxC : (r >= minO && maxC > 0) {
                        for v in 1..<V {
                            if working && t.forbidden[a * V + v] != 0 { continue }
                            let c = dayCost[d * V + v] + bound[after + offStates + rotationClass[v] * maxC + (working ? r : 0)]
                            if c < b { b = c }
                        }
                    }
                    bound[here + i] = b
                }
            }
        }
        let layers = minuteCount * weekendCount
        var cost = self.cost, next = self.next
        var alive = self.alive, nextAlive = self.nextAlive
        let pred = self.pred, choice = self.choice, dayCost = self.dayCost, bound = self.bound
        for i in 0..<states {
            cost[i] = .infinity
            next[i] = .infinity
        }
        for l in 0..<layers {
            alive[l] = false
            nextAlive[l] = false
        }
        // Before day 0: a long enough off run, no minutes (or no deviation), no weekends.
        let startLayer = banded ? band : 0
        cost[startLayer * runStates + offStates - 1] = 0
        alive[startLayer] = true
        for d in 0..<H {
            for l in 0..<layers where nextAlive[l] {
                for i in (l * runStates)..<((l + 1) * runStates) { next[i] = .infinity }
                nextAlive[l] = false
            }
            let base = d * states
            let saturday = d % 7 == 5 && d / 7 < t.weekends
            let sunday = d % 7 == 6 && d / 7 < t.weekends
            let offCost = dayCost[d * V]
            let pruning = upper < .infinity
            let after = (d + 1) * runStates
            for m in 0..<minuteCount {
                for w in 0..<weekendCount where alive[m * weekendCount + w] {
                    let layer = (m * weekendCount + w) * runStates
                    nextAlive[m * weekendCount + w] = true
                    for i in 0..<runStates {
                        let c0 = cost[layer + i]
                        if c0 == .infinity { continue }
                        let from = layer + i
                        let working = i >= offStates
                        let a = working ? representative[(i - offStates) / maxC] : 0
                        let r = working ? (i - offStates) % maxC + 1 : i + 1
                        // Day off.
                        var offLayer = layer
                        if banded {
                            // Off moves the deviation down by the row's units of the day.
                            let m0 = m - bandUnits[d]
                            offLayer = m0 >= 0 ? m0 * runStates : -1
                            if m0 >= 0 { nextAlive[m0] = true }
                        }
                        if offLayer < 0 {
                            // Out of the band: no day off here.
                        } else if !working {
                            let j = offLayer + min(r + 1, offStates) - 1
                            if c0 + offCost < next[j] && (!pruning || c0 + offCost + bound[after + j - offLayer] <= upper) {
                                next[j] = c0 + offCost
                                pred[base + j] = Int32(from)
                                choice[base + j] = 0
                            }
                        } else if r >= minC || d - r == 0 {
                            if c0 + offCost < next[offLayer] && (!pruning || c0 + offCost + bound[after] <= upper) {
                                next[offLayer] = c0 + offCost
                                pred[base + offLayer] = Int32(from)
                                choice[base + offLayer] = 0
                            }
                        }
                        // Work.
                        if working ? r >= maxC : (r < minO || maxC == 0) { continue }
                        let newWeekend = saturday || (sunday && !working)
                        var w2 = w
                        var price = 0.0
                        if newWeekend {
                            if trackWeekends {
                                w2 += 1
                                if w2 > maxW { continue }
                            } else {
                                price = weekendPrice
                            }
                        }
                        for v in 1..<V {
                            if working && t.forbidden[a * V + v] != 0 { continue }
                            let c = c0 + dayCost[d * V + v] + price
                            if c == .infinity { continue }
                            var m2 = m
                            if trackMinutes {
                                m2 += Int(units[v]) - (banded ? bandUnits[d] : 0)
                                if m2 >= minuteCount || m2 < 0 { continue }
                            }
                            let jr = offStates + rotationClass[v] * maxC + (working ? r : 0)
                            let j = (m2 * weekendCount + w2) * runStates + jr
                            if c < next[j] && (!pruning || c + bound[after + jr] <= upper) {
                                next[j] = c
                                pred[base + j] = Int32(from)
                                choice[base + j] = Int16(v)
                                nextAlive[m2 * weekendCount + w2] = true
                            }
                        }
                    }
                }
            }
            swap(&cost, &next)
            swap(&alive, &nextAlive)
        }
        var best = -1
        var bestCost = Double.infinity
        let minUnits = trackMinutes ? (Int(t.minMinutes[e]) + Int(gcd) - 1) / Int(gcd) : 0
        var referenceUnits = 0
        if banded { for d in 0..<H { referenceUnits += bandUnits[d] } }
        let maxUnits = Int(t.maxMinutes[e]) / Int(gcd)
        for i in 0..<states where alive[i / runStates] && cost[i] < bestCost {
            if banded {
                let total = referenceUnits + i / runStates - band
                if total < minUnits || total > maxUnits { continue }
            } else if trackMinutes && i / (runStates * weekendCount) < minUnits {
                continue
            }
            bestCost = cost[i]
            best = i
        }
        guard best >= 0 else { return false }
        var state = best
        for d in stride(from: H - 1, through: 0, by: -1) {
            row[d] = choice[d * states + state]
            state = Int(pred[d * states + state])
        }
        return true
    }
}
