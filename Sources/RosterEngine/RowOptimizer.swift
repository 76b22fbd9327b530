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
    private let cost: UnsafeMutablePointer<Double>
    private let next: UnsafeMutablePointer<Double>
    /// Whether a (minutes, weekends) layer has any finite state, today and tomorrow.
    private let alive: UnsafeMutablePointer<Bool>
    private let nextAlive: UnsafeMutablePointer<Bool>
    private let pred: UnsafeMutablePointer<Int32>
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

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    init(tables: SearchTables, seed: UInt64) {
        self.tables = tables
        H = tables.horizon
        V = tables.values
        let maxRun = max(1, Int(tables.maxConsecutive.max() ?? 1))
        let maxOff = max(1, Int(tables.minDaysOff.max() ?? 1))
        let runStates = maxOff + (V - 1) * maxRun
        // Exact tracking of minutes and weekends where the state space stays small.
        stateBudget = max(runStates, min(1 << 16, 4_000_000 / max(1, tables.horizon * tables.values)))
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
        self.minuteLevels = minuteLevels
        self.weekendLevels = weekendLevels
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
        alive.deallocate()
        nextAlive.deallocate()
    }

    /// `reference`: a row of this employee known to satisfy all of the employee's hard
    /// rules; the search then prunes every partial row that cannot beat it.
    func optimize(
        search s: LocalSearch, employee e: Int, noise: Double, reference: UnsafePointer<Int16>? = nil
    ) -> Bool {
        self.reference = reference
        let t = tables
        // Marginal costs against everyone else's assignments.
        for d in 0..<H {
            let mine = Int(s.cells[e * H + d])
            let offDay = t.fixedOff[e * H + d] != 0
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
        var step = 20.0
        var found = false
        var bestCost = Double.infinity
        for _ in 0..<12 {
            solves += 1
            guard solveOnce(employee: e) else { return found }
            // Resource use of the row.
            var minutes: Int32 = 0
            var weekendsWorked: Int32 = 0
            var typeCounts = [Int32](repeating: 0, count: V)
            var c = 0.0
            for d in 0..<H {
                let v = Int(row[d])
                c += trueCost[d * V + v]
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
                if c < bestCost {
                    bestCost = c
                    result = row
                    found = true
                }
                // Relax multipliers whose resource has slack, so they do not stay too high.
                if minutes < t.maxMinutes[e] && minuteMultiplier[e] > 0 { minuteMultiplier[e] *= 0.8 }
                if minutes > t.minMinutes[e] && minuteMultiplier[e] < 0 { minuteMultiplier[e] *= 0.8 }
                for v in 1..<V where typeCounts[v] < t.maxShifts[e * V + v] { typeMultiplier[e * V + v] *= 0.8 }
                if weekendsWorked < t.maxWeekends[e] { weekendMultiplier[e] *= 0.8 }
                return true
            }
            step *= 1.5
        }
        return found
    }

    /// One DP pass with the current multipliers; writes `row`. False if no row exists.
    ///
    /// Total minutes (in units of the shift lengths' gcd) and worked weekends are
    /// tracked exactly in the state when the state space stays small enough; otherwise
    /// they are left to their multipliers.
    private func solveOnce(employee e: Int) -> Bool {
        let t = tables
        let maxC = Int(t.maxConsecutive[e]), minC = Int(t.minConsecutive[e])
        let minO = Int(t.minDaysOff[e])
        let offStates = max(1, minO)
        let runStates = offStates + (V - 1) * maxC
        let trackMinutes = minuteLevels[e] > 1
        let trackWeekends = weekendLevels[e] > 1
        let minuteCount = minuteLevels[e]
        let weekendCount = weekendLevels[e]
        let states = runStates * minuteCount * weekendCount
        let lambda = trackMinutes ? 0 : minuteMultiplier[e] / Double(t.minuteUnit)
        let weekendPrice = trackWeekends ? 0 : weekendMultiplier[e]
        let maxW = weekendCount - 1
        for d in 0..<H {
            for v in 0..<V {
                var c = trueCost[d * V + v]
                if v > 0 { c += lambda * Double(t.length[v]) + typeMultiplier[e * V + v] }
                dayCost[d * V + v] = c
            }
        }
        // Backward pass over run states only: a lower bound for pruning.
        var upper = Double.infinity
        if let reference {
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
                    let a = working ? (i - offStates) / maxC + 1 : 0
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
                            let c = dayCost[d * V + v] + bound[after + offStates + (v - 1) * maxC + (working ? r : 0)]
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
        let pred = self.pred, dayCost = self.dayCost, bound = self.bound
        for i in 0..<states {
            cost[i] = .infinity
            next[i] = .infinity
        }
        for l in 0..<layers {
            alive[l] = false
            nextAlive[l] = false
        }
        cost[offStates - 1] = 0  // before day 0: a long enough off run, no minutes, no weekends
        alive[0] = true
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
                        let a = working ? (i - offStates) / maxC + 1 : 0
                        let r = working ? (i - offStates) % maxC + 1 : i + 1
                        // Day off.
                        if !working {
                            let j = layer + min(r + 1, offStates) - 1
                            if c0 + offCost < next[j] && (!pruning || c0 + offCost + bound[after + j - layer] <= upper) {
                                next[j] = c0 + offCost
                                pred[base + j] = Int32(from)
                            }
                        } else if r >= minC || d - r == 0 {
                            if c0 + offCost < next[layer] && (!pruning || c0 + offCost + bound[after] <= upper) {
                                next[layer] = c0 + offCost
                                pred[base + layer] = Int32(from)
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
                                m2 += Int(units[v])
                                if m2 >= minuteCount { continue }
                            }
                            let jr = offStates + (v - 1) * maxC + (working ? r : 0)
                            let j = (m2 * weekendCount + w2) * runStates + jr
                            if c < next[j] && (!pruning || c + bound[after + jr] <= upper) {
                                next[j] = c
                                pred[base + j] = Int32(from)
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
        for i in 0..<states where alive[i / runStates] && cost[i] < bestCost {
            if trackMinutes && i / (runStates * weekendCount) < minUnits { continue }
            bestCost = cost[i]
            best = i
        }
        guard best >= 0 else { return false }
        var state = best
        for d in stride(from: H - 1, through: 0, by: -1) {
            let i = state % runStates
            row[d] = i < offStates ? 0 : Int16((i - offStates) / maxC + 1)
            state = Int(pred[d * states + state])
        }
        return true
    }
}
