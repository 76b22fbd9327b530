#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// How hard the search tries: an iteration budget, the caller's clock, and cancellation.
/// The engine never reads a clock itself; `timeProgress` is supplied by the caller.
public struct SearchBudget: Sendable {
    /// Iterations per thread. With only this set, a run is fully reproducible.
    public var iterations: Int?
    /// Fraction (0...1) of the caller's time budget used so far; the search stops at 1.
    public var timeProgress: (@Sendable () -> Double)?
    /// Cancellation: the search returns its best roster as soon as this answers true.
    public var shouldStop: (@Sendable () -> Bool)?

    public init(
        iterations: Int? = nil, timeProgress: (@Sendable () -> Double)? = nil,
        shouldStop: (@Sendable () -> Bool)? = nil
    ) {
        precondition(iterations != nil || timeProgress != nil, "a search needs an iteration or time budget")
        self.iterations = iterations
        self.timeProgress = timeProgress
        self.shouldStop = shouldStop
    }
}

/// Tuning knobs of the local search (defaults are the benchmarked ones).
public struct SearchParameters: Sendable, Hashable {
    /// Penalty per unit of hard violation while searching (never traded in the answer).
    public var hardWeight = 1000
    public var startTemperature = 20.0
    public var endTemperature = 0.3
    /// Move mix (relative weights).
    public var changeWeight = 0.35
    public var swapWeight = 0.25
    public var blockSwapWeight = 0.2
    public var blockChangeWeight = 0.15
    public var rowOptimizeWeight = 0.0005
    public var doubleSwapWeight = 0.1
    public var rowExchangeWeight = 0.1
    public var ruinRecreateWeight = 0.0002
    /// Rows cleared and rebuilt by one ruin-and-recreate move.
    public var ruinSize = 2
    /// Share of ruin-and-recreate moves that include an employee able to fill an under-covered cell.
    public var targetedRuinShare = 0.5
    public var maxBlockLength = 7
    /// When positive, the budget is split into independent annealing cycles (each from a
    /// fresh construction) of about this many iterations per roster cell
    /// (employees × days × values); the number of cycles is fixed once 2% of the budget
    /// is used, from the iteration rate so far. 0: one anneal over the whole budget.
    public var cycleIterationsPerCell = 0

    public init() {}

    /// The parameters for portfolio thread `index`: even threads use these as given, odd
    /// threads anneal cooler, lean more on the row DP (row re-optimisation and
    /// ruin-and-recreate) and, on small instances, restart in several shorter cycles.
    /// Neither profile is best on every instance.
    public func forThread(_ index: Int) -> SearchParameters {
        guard index % 2 == 1 else { return self }
        var p = self
        p.startTemperature /= 4
        p.endTemperature *= 2.0 / 3.0
        p.rowOptimizeWeight *= 5
        p.ruinRecreateWeight *= 3
        p.cycleIterationsPerCell = 35_000
        return p
    }

    /// Sets a parameter by name (for tuning from the command line); false if unknown.
    public mutating func set(_ name: String, to value: Double) -> Bool {
        switch name {
        case "hardWeight": hardWeight = Int(value)
        case "startTemperature": startTemperature = value
        case "endTemperature": endTemperature = value
        case "changeWeight": changeWeight = value
        case "swapWeight": swapWeight = value
        case "blockSwapWeight": blockSwapWeight = value
        case "blockChangeWeight": blockChangeWeight = value
        case "rowOptimizeWeight": rowOptimizeWeight = value
        case "maxBlockLength": maxBlockLength = Int(value)
        case "cycleIterationsPerCell": cycleIterationsPerCell = Int(value)
        case "ruinRecreateWeight": ruinRecreateWeight = value
        case "doubleSwapWeight": doubleSwapWeight = value
        case "rowExchangeWeight": rowExchangeWeight = value
        case "ruinSize": ruinSize = Int(value)
        case "targetedRuinShare": targetedRuinShare = value
        default: return false
        }
        return true
    }
}

/// The kinds of neighbourhood move, exposed for tests that check the incremental
/// bookkeeping against the evaluator after each kind.
public enum MoveKind: CaseIterable, Sendable {
    case change, swap, blockSwap, blockChange, doubleSwap, rowExchange, rowOptimize, ruinRecreate
}

/// One thread's search state: the roster, cover counts and per-employee costs, kept
/// up to date incrementally. Confined to one thread.
final class LocalSearch {
    let problem: RosterProblem
    let tables: SearchTables
    let params: SearchParameters
    let E: Int, H: Int, V: Int, weekends: Int
    let hasRowTerms: Bool
    let hasDayTerms: Bool

    // Problem tables (copies in raw memory for the inner loops).
    let length: UnsafeMutablePointer<Int32>
    let forbidden: UnsafeMutablePointer<UInt8>
    let preference: UnsafeMutablePointer<Int32>
    let fixedOff: UnsafeMutablePointer<UInt8>
    let maxShifts: UnsafeMutablePointer<Int32>
    let maxMinutes: UnsafeMutablePointer<Int32>
    let minMinutes: UnsafeMutablePointer<Int32>
    let maxConsecutive: UnsafeMutablePointer<Int32>
    let minConsecutive: UnsafeMutablePointer<Int32>
    let minDaysOff: UnsafeMutablePointer<Int32>
    let maxWeekends: UnsafeMutablePointer<Int32>
    let coverRequirement: UnsafeMutablePointer<Int32>
    let underWeight: UnsafeMutablePointer<Int32>
    let overWeight: UnsafeMutablePointer<Int32>
    let allowedStart: UnsafeMutablePointer<Int32>
    let allowed: UnsafeMutablePointer<Int16>
    let minuteUnit: Int32

    // State.
    let cells: UnsafeMutablePointer<Int16>
    let count: UnsafeMutablePointer<Int32>
    let rowSoft: UnsafeMutablePointer<Int>
    let rowHard: UnsafeMutablePointer<Int>
    let daySoft: UnsafeMutablePointer<Int>
    let dayHard: UnsafeMutablePointer<Int>
    // Scalar state lives in raw memory too: computed accessors over it are not subject
    // to the dynamic exclusivity checks that stored class properties get in the hot loop.
    private let scalars: UnsafeMutablePointer<Int>
    private let realScalars: UnsafeMutablePointer<Double>
    private let rngStorage: UnsafeMutablePointer<Xoshiro256>
    var softSum: Int {
        get { scalars[0] }
        set { scalars[0] = newValue }
    }
    var hardSum: Int {
        get { scalars[1] }
        set { scalars[1] = newValue }
    }
    var coverCost: Int {
        get { scalars[2] }
        set { scalars[2] = newValue }
    }
    var dayTermSoft: Int {
        get { scalars[3] }
        set { scalars[3] = newValue }
    }
    var dayTermHard: Int {
        get { scalars[4] }
        set { scalars[4] = newValue }
    }
    var temperature: Double {
        get { realScalars[0] }
        set { realScalars[0] = newValue }
    }
    var rng: Xoshiro256 {
        get { rngStorage.pointee }
        set { rngStorage.pointee = newValue }
    }

    // Scratch.
    let typeCount: UnsafeMutablePointer<Int32>
    let saved: UnsafeMutablePointer<Int16>
    let candidate: UnsafeMutablePointer<Int16>
    let optimizer: RowOptimizer
    var pendingIndex = [Int](repeating: 0, count: 8)
    var pendingValue = [Int16](repeating: 0, count: 8)
    var pendingOld = [Int16](repeating: 0, count: 8)
    var order: [Int]
    var wasFeasible = [Bool](repeating: false, count: 64)
    let ruinSaved: UnsafeMutablePointer<Int16>
    /// Per-cell noise small enough to only break ties between equal-cost rows.
    let tieNoise: Double


    init(problem: RosterProblem, tables: SearchTables, params: SearchParameters, seed: UInt64) {
        self.problem = problem
        self.tables = tables
        self.params = params
        E = tables.employees
        H = tables.horizon
        V = tables.values
        weekends = tables.weekends
        hasRowTerms = !problem.rowTerms.isEmpty
        hasDayTerms = !problem.dayTerms.isEmpty
        length = .copy(tables.length)
        forbidden = .copy(tables.forbidden)
        preference = .copy(tables.preference)
        fixedOff = .copy(tables.fixedOff)
        maxShifts = .copy(tables.maxShifts)
        maxMinutes = .copy(tables.maxMinutes)
        minMinutes = .copy(tables.minMinutes)
        maxConsecutive = .copy(tables.maxConsecutive)
        minConsecutive = .copy(tables.minConsecutive)
        minDaysOff = .copy(tables.minDaysOff)
        maxWeekends = .copy(tables.maxWeekends)
        coverRequirement = .copy(tables.coverRequirement)
        underWeight = .copy(tables.underWeight)
        overWeight = .copy(tables.overWeight)
        var starts: [Int32] = [0]
        for list in tables.allowedValues { starts.append(starts.last! + Int32(list.count)) }
        allowedStart = .copy(starts)
        allowed = .copy(tables.allowedValues.flatMap { $0 })
        minuteUnit = tables.minuteUnit
        cells = .copy([Int16](repeating: 0, count: E * H))
        count = .copy([Int32](repeating: 0, count: H * V))
        rowSoft = .copy([Int](repeating: 0, count: E))
        rowHard = .copy([Int](repeating: 0, count: E))
        daySoft = .copy([Int](repeating: 0, count: H))
        dayHard = .copy([Int](repeating: 0, count: H))
        typeCount = .copy([Int32](repeating: 0, count: V))
        saved = .copy([Int16](repeating: 0, count: H))
        candidate = .copy([Int16](repeating: 0, count: H))
        optimizer = RowOptimizer(tables: tables, seed: seed ^ 0x5EED)
        order = Array(0..<tables.employees)
        ruinSaved = .copy([Int16](repeating: 0, count: tables.employees * tables.horizon))
        tieNoise = 0.9 / Double(max(tables.horizon, 1))
        scalars = .copy([0, 0, 0, 0, 0])
        realScalars = .copy([params.startTemperature])
        rngStorage = .copy([Xoshiro256(seed: seed)])
    }

    deinit {
        for p in [length, maxShifts, maxMinutes, minMinutes, maxConsecutive, minConsecutive, minDaysOff, maxWeekends]
        {
            p.deallocate()
        }
        for p in [preference, coverRequirement, underWeight, overWeight, count, typeCount, allowedStart] {
            p.deallocate()
        }
        forbidden.deallocate()
        fixedOff.deallocate()
        allowed.deallocate()
        cells.deallocate()
        rowSoft.deallocate()
        rowHard.deallocate()
        daySoft.deallocate()
        dayHard.deallocate()
        saved.deallocate()
        candidate.deallocate()
        ruinSaved.deallocate()
        scalars.deallocate()
        realScalars.deallocate()
        rngStorage.deallocate()
    }

    // MARK: - Whole-state bookkeeping

    /// Loads a roster and recomputes every cached cost.
    func load(_ roster: [Int16]) {
        precondition(roster.count == E * H)
        for i in 0..<(E * H) { cells[i] = roster[i] }
        recomputeAll()
    }

    func recomputeAll() {
        for i in 0..<(H * V) { count[i] = 0 }
        for e in 0..<E { for d in 0..<H { count[d * V + Int(cells[e * H + d])] += 1 } }
        coverCost = 0
        for d in 0..<H { for v in 1..<V { coverCost += coverPenalty(d * V + v, count[d * V + v]) } }
        softSum = 0
        hardSum = 0
        for e in 0..<E {
            let (s, h) = evaluateRow(e)
            rowSoft[e] = s
            rowHard[e] = h
            softSum += s
            hardSum += h
        }
        dayTermSoft = 0
        dayTermHard = 0
        if hasDayTerms {
            for d in 0..<H {
                let (s, h) = evaluateDayTerms(d)
                daySoft[d] = s
                dayHard[d] = h
                dayTermSoft += s
                dayTermHard += h
            }
        }
    }

    var roster: [Int16] { Array(UnsafeBufferPointer(start: cells, count: E * H)) }
    /// The soft objective of the current roster.
    var objective: Int { softSum + coverCost + dayTermSoft }
    /// Total hard-violation units of the current roster.
    var hardUnits: Int { hardSum + dayTermHard }
    /// The penalised cost that the search minimises.
    var penalised: Int { objective + params.hardWeight * hardUnits }

    // MARK: - Cost pieces

    @inline(__always)
    func coverPenalty(_ index: Int, _ c: Int32) -> Int {
        let r = coverRequirement[index]
        return c < r ? Int((r - c) * underWeight[index]) : Int((c - r) * overWeight[index])
    }

    /// Cover cost change when one more employee works value at `index` (count c before).
    @inline(__always)
    func addDelta(_ index: Int) -> Int {
        count[index] < coverRequirement[index] ? -Int(underWeight[index]) : Int(overWeight[index])
    }

    @inline(__always)
    func removeDelta(_ index: Int) -> Int {
        count[index] <= coverRequirement[index] ? Int(underWeight[index]) : -Int(overWeight[index])
    }

    /// (soft request cost, hard violation units) of employee e's current row.
    func evaluateRow(_ e: Int) -> (Int, Int) {
        let row = cells + e * H
        let pref = preference + e * H * V
        let off = fixedOff + e * H
        var soft = 0
        var hard = 0
        var minutes: Int32 = 0
        for v in 0..<V { typeCount[v] = 0 }
        let maxC = Int(maxConsecutive[e]), minC = Int(minConsecutive[e]), minO = Int(minDaysOff[e])
        var prev = 0
        var runStart = 0
        for d in 0..<H {
            let v = Int(row[d])
            soft += Int(pref[d * V + v])
            if v != 0 {
                minutes += length[v]
                typeCount[v] += 1
                if off[d] != 0 { hard += 1 }
                if prev != 0 && forbidden[prev * V + v] != 0 { hard += 1 }
            }
            if d > 0 && (v != 0) != (prev != 0) {
                let runLength = d - runStart
                if prev != 0 {
                    if runLength > maxC { hard += runLength - maxC }
                    if runStart > 0 && runLength < minC { hard += minC - runLength }
                } else if runStart > 0 && runLength < minO {
                    hard += minO - runLength
                }
                runStart = d
            }
            prev = v
        }
        if prev != 0 && H - runStart > maxC { hard += H - runStart - maxC }
        for v in 1..<V {
            let excess = typeCount[v] - maxShifts[e * V + v]
            if excess > 0 { hard += Int(excess) }
        }
        if minutes > maxMinutes[e] { hard += Int((minutes - maxMinutes[e] + minuteUnit - 1) / minuteUnit) }
        if minutes < minMinutes[e] { hard += Int((minMinutes[e] - minutes + minuteUnit - 1) / minuteUnit) }
        var worked: Int32 = 0
        for k in 0..<weekends where row[7 * k + 5] != 0 || row[7 * k + 6] != 0 { worked += 1 }
        if worked > maxWeekends[e] { hard += Int(worked - maxWeekends[e]) }
        if hasRowTerms {
            let buffer = UnsafeBufferPointer(start: row, count: H)
            for term in problem.rowTerms {
                let p = term.penalty(employee: e, row: buffer, problem: problem)
                if term.isHard { hard += p } else { soft += p }
            }
        }
        return (soft, hard)
    }

    func evaluateDayTerms(_ d: Int) -> (Int, Int) {
        var soft = 0, hard = 0
        let cells = self.cells, h = H
        for term in problem.dayTerms {
            let p = term.penalty(day: d, cell: { cells[$0 * h + d] }, problem: problem)
            if term.isHard { hard += p } else { soft += p }
        }
        return (soft, hard)
    }

    // MARK: - Acceptance

    @inline(__always)
    func accepts(_ delta: Int) -> Bool {
        if delta <= 0 { return true }
        return Double(delta) < -temperature * log(rng.unit() + 1e-300)
    }

    /// Re-evaluates the rows and days changed by a move already written into `cells`,
    /// and either keeps it (updating caches) or restores the given old values.
    /// `coverDelta` is the cover cost change already computed by the caller.
    @inline(__always)
    func settle(
        employees e1: Int, _ e2: Int, coverDelta: Int, days firstDay: Int, _ lastDay: Int, force: Bool = false,
        restore: () -> Void
    ) -> Bool {
        let (s1, h1) = evaluateRow(e1)
        var ds = s1 - rowSoft[e1]
        var dh = h1 - rowHard[e1]
        var s2 = 0, h2 = 0
        if e2 >= 0 {
            (s2, h2) = evaluateRow(e2)
            ds += s2 - rowSoft[e2]
            dh += h2 - rowHard[e2]
        }
        var dayDeltaSoft = 0, dayDeltaHard = 0
        if hasDayTerms {
            for d in firstDay...lastDay {
                let (s, h) = evaluateDayTerms(d)
                dayDeltaSoft += s - daySoft[d]
                dayDeltaHard += h - dayHard[d]
            }
        }
        let delta = ds + coverDelta + dayDeltaSoft + params.hardWeight * (dh + dayDeltaHard)
        guard force || accepts(delta) else {
            restore()
            return false
        }
        rowSoft[e1] = s1
        rowHard[e1] = h1
        if e2 >= 0 {
            rowSoft[e2] = s2
            rowHard[e2] = h2
        }
        softSum += ds
        hardSum += dh
        coverCost += coverDelta
        if hasDayTerms {
            for d in firstDay...lastDay {
                let (s, h) = evaluateDayTerms(d)
                daySoft[d] = s
                dayHard[d] = h
            }
            dayTermSoft += dayDeltaSoft
            dayTermHard += dayDeltaHard
        }
        return true
    }

    // MARK: - Moves (each returns whether it was applied)

    @inline(__always)
    func randomAllowed(_ e: Int) -> Int16 {
        let start = Int(allowedStart[e]), n = Int(allowedStart[e + 1]) - start
        return allowed[start + rng.below(n)]
    }

    /// Change one employee's assignment on one day.
    func changeMove(force: Bool = false) -> Bool {
        let e = rng.below(E), d = rng.below(H)
        let i = e * H + d
        let old = cells[i]
        var new = randomAllowed(e)
        if new == old { new = randomAllowed(e) }
        if new == old { return false }
        if new != 0 && fixedOff[i] != 0 { return false }
        var coverDelta = 0
        if old != 0 { coverDelta += removeDelta(d * V + Int(old)) }
        if new != 0 { coverDelta += addDelta(d * V + Int(new)) }
        cells[i] = new
        let cells = self.cells
        guard settle(employees: e, -1, coverDelta: coverDelta, days: d, d, force: force, restore: { cells[i] = old })
        else { return false }
        if old != 0 { count[d * V + Int(old)] -= 1 }
        if new != 0 { count[d * V + Int(new)] += 1 }
        return true
    }

    /// Exchange two employees' assignments on one day (cover unchanged).
    func swapMove(force: Bool = false) -> Bool {
        guard E > 1 else { return false }
        let d = rng.below(H), e1 = rng.below(E)
        var e2 = rng.below(E - 1)
        if e2 >= e1 { e2 += 1 }
        let i1 = e1 * H + d, i2 = e2 * H + d
        let a = cells[i1], b = cells[i2]
        if a == b { return false }
        cells[i1] = b
        cells[i2] = a
        let cells = self.cells
        return settle(
            employees: e1, e2, coverDelta: 0, days: d, d, force: force,
            restore: {
                cells[i1] = a
                cells[i2] = b
            })
    }

    /// Exchange a block of consecutive days between two employees (cover unchanged).
    func blockSwapMove(force: Bool = false) -> Bool {
        guard E > 1, H > 1 else { return false }
        let len = 2 + rng.below(max(1, min(params.maxBlockLength, H) - 1))
        let d0 = rng.below(H - len + 1), e1 = rng.below(E)
        var e2 = rng.below(E - 1)
        if e2 >= e1 { e2 += 1 }
        let r1 = cells + e1 * H, r2 = cells + e2 * H
        var differs = false
        for d in d0..<(d0 + len) {
            let t = r1[d]
            if t != r2[d] { differs = true }
            r1[d] = r2[d]
            r2[d] = t
        }
        if !differs { return false }
        return settle(
            employees: e1, e2, coverDelta: 0, days: d0, d0 + len - 1, force: force,
            restore: {
                for d in d0..<(d0 + len) {
                    let t = r1[d]
                    r1[d] = r2[d]
                    r2[d] = t
                }
            })
    }

    /// Set a block of consecutive days of one employee to one value (a shift or off).
    func blockChangeMove(force: Bool = false) -> Bool {
        guard H > 1 else { return false }
        let len = 2 + rng.below(max(1, min(params.maxBlockLength, H) - 1))
        let d0 = rng.below(H - len + 1), e = rng.below(E)
        let value = randomAllowed(e)
        let row = cells + e * H
        for k in 0..<len { candidate[k] = row[d0 + k] == value ? row[d0 + k] : value }
        return replaceDays(e, from: d0, count: len, force: force)
    }

    /// Re-optimise one employee's whole row by dynamic programming against the cover residuals.
    func rowOptimizeMove(force: Bool = false, noise: Double = 0) -> Bool {
        var e = rng.below(E)
        if rng.unit() < params.targetedRuinShare, let target = employeeForUndercover() { e = target }
        let reference: UnsafePointer<Int16>? = rowHard[e] == 0 ? UnsafePointer(cells + e * H) : nil
        // A row that breaks its own rules gets the robust search (and, failing that, the
        // closest row found).
        if !optimizer.optimize(
            search: self, employee: e, noise: tieNoise, reference: reference, robust: reference == nil)
        {
            guard reference == nil, let row = optimizer.fallback else { return false }
            for d in 0..<H { candidate[d] = row[d] }
            return replaceDays(e, from: 0, count: H, force: force)
        }
        for d in 0..<H { candidate[d] = optimizer.result[d] }
        return replaceDays(e, from: 0, count: H, force: force)
    }

    /// Applies `pending` cell changes (at most two employees, given as e1/e2) with
    /// running cover bookkeeping, then settles the move.
    func commitPending(_ n: Int, employees e1: Int, _ e2: Int, force: Bool) -> Bool {
        var coverDelta = 0
        var first = H, last = 0
        var applied = 0
        var ok = true
        while applied < n {
            let i = pendingIndex[applied]
            let d = i % H
            let old = cells[i], new = pendingValue[applied]
            pendingOld[applied] = old
            if new != 0 && fixedOff[i] != 0 {
                ok = false
                break
            }
            if old != new {
                if old != 0 {
                    coverDelta += removeDelta(d * V + Int(old))
                    count[d * V + Int(old)] -= 1
                }
                if new != 0 {
                    coverDelta += addDelta(d * V + Int(new))
                    count[d * V + Int(new)] += 1
                }
                cells[i] = new
                first = min(first, d)
                last = max(last, d)
            }
            applied += 1
        }
        let undo = { [self] in
            for k in stride(from: applied - 1, through: 0, by: -1) {
                let i = pendingIndex[k]
                let d = i % H
                let old = pendingOld[k], new = cells[i]
                if old == new { continue }
                if new != 0 { count[d * V + Int(new)] -= 1 }
                if old != 0 { count[d * V + Int(old)] += 1 }
                cells[i] = old
            }
        }
        if !ok || first > last {
            undo()
            return false
        }
        return settle(employees: e1, e2, coverDelta: coverDelta, days: first, last, force: force, restore: undo)
    }

    /// Exchange two days' assignments between two employees at once (cover unchanged;
    /// keeps both employees' shift counts when the days are complementary).
    func doubleSwapMove(force: Bool = false) -> Bool {
        guard E > 1, H > 1 else { return false }
        let e1 = rng.below(E)
        var e2 = rng.below(E - 1)
        if e2 >= e1 { e2 += 1 }
        let d1 = rng.below(H)
        var d2 = rng.below(H - 1)
        if d2 >= d1 { d2 += 1 }
        let a1 = e1 * H + d1, b1 = e2 * H + d1, a2 = e1 * H + d2, b2 = e2 * H + d2
        if cells[a1] == cells[b1] || cells[a2] == cells[b2] { return false }
        pendingIndex[0] = a1
        pendingValue[0] = cells[b1]
        pendingIndex[1] = b1
        pendingValue[1] = cells[a1]
        pendingIndex[2] = a2
        pendingValue[2] = cells[b2]
        pendingIndex[3] = b2
        pendingValue[3] = cells[a2]
        return commitPending(4, employees: e1, e2, force: force)
    }

    /// Exchange two days within one employee's row (keeps the employee's counts).
    func rowExchangeMove(force: Bool = false) -> Bool {
        guard H > 1 else { return false }
        let e = rng.below(E)
        let d1 = rng.below(H)
        var d2 = rng.below(H - 1)
        if d2 >= d1 { d2 += 1 }
        let a = e * H + d1, b = e * H + d2
        if cells[a] == cells[b] { return false }
        pendingIndex[0] = a
        pendingValue[0] = cells[b]
        pendingIndex[1] = b
        pendingValue[1] = cells[a]
        return commitPending(2, employees: e, -1, force: force)
    }

    /// Clears a few employees' rows, rebuilds them one by one by dynamic programming
    /// against the cover, and keeps the result if the annealing criterion accepts it.
    func ruinRecreateMove(force: Bool = false) -> Bool {
        let k = min(max(params.ruinSize, 1), E, 64)
        for i in 0..<k {
            let j = i + rng.below(E - i)
            order.swapAt(i, j)
        }
        if rng.unit() < params.targetedRuinShare, let target = employeeForUndercover() {
            // Put an employee who could fill an under-covered cell first in the ruined set.
            if let at = order.firstIndex(of: target) { order.swapAt(0, at) }
        }
        let before = penalised
        for i in 0..<k {
            let e = order[i]
            wasFeasible[i] = rowHard[e] == 0
            for d in 0..<H {
                ruinSaved[i * H + d] = cells[e * H + d]
                candidate[d] = 0
            }
            _ = replaceDays(e, from: 0, count: H, force: true)
        }
        var rebuilt = true
        for i in 0..<k {
            let e = order[i]
            let reference: UnsafePointer<Int16>? = wasFeasible[i] ? UnsafePointer(ruinSaved + i * H) : nil
            guard optimizer.optimize(search: self, employee: e, noise: tieNoise, reference: reference) else {
                rebuilt = false
                break
            }
            for d in 0..<H { candidate[d] = optimizer.result[d] }
            _ = replaceDays(e, from: 0, count: H, force: true)
        }
        if rebuilt && (force || accepts(penalised - before)) { return true }
        for i in 0..<k {
            for d in 0..<H { candidate[d] = ruinSaved[i * H + d] }
            _ = replaceDays(order[i], from: 0, count: H, force: true)
        }
        return false
    }

    /// A random employee who could work a randomly found under-covered (day, shift), if any.
    /// Re-builds the row of an employee who breaks their own rules, with the robust row
    /// search (or the closest row it found); kept if the annealing accepts it.
    func repairRowMove() -> Bool {
        let start = rng.below(E)
        for k in 0..<E {
            let e = (start + k) % E
            guard rowHard[e] > 0 else { continue }
            if optimizer.optimize(search: self, employee: e, noise: tieNoise, robust: true) {
                for d in 0..<H { candidate[d] = optimizer.result[d] }
            } else if let row = optimizer.fallback {
                for d in 0..<H { candidate[d] = row[d] }
            } else {
                return false
            }
            return replaceDays(e, from: 0, count: H, force: false)
        }
        return false
    }

    func employeeForUndercover() -> Int? {
        for _ in 0..<32 {
            let d = rng.below(H), v = 1 + rng.below(V - 1)
            let idx = d * V + v
            guard count[idx] < coverRequirement[idx] else { continue }
            for _ in 0..<16 {
                let e = rng.below(E)
                if cells[e * H + d] != Int16(v) && fixedOff[e * H + d] == 0 && maxShifts[e * V + v] > 0 { return e }
            }
        }
        return nil
    }

    /// Writes `candidate[0..<n]` into employee e's days `d0..<d0+n` and settles the move.
    func replaceDays(_ e: Int, from d0: Int, count n: Int, force: Bool) -> Bool {
        let row = cells + e * H
        var coverDelta = 0
        var changed = false
        var first = d0 + n, last = d0
        for k in 0..<n {
            let d = d0 + k
            let old = row[d], new = candidate[k]
            saved[k] = old
            if old == new { continue }
            if new != 0 && fixedOff[e * H + d] != 0 { return false }
            changed = true
            first = min(first, d)
            last = max(last, d)
            if old != 0 { coverDelta += removeDelta(d * V + Int(old)) }
            if new != 0 { coverDelta += addDelta(d * V + Int(new)) }
        }
        if !changed { return false }
        for k in 0..<n { row[d0 + k] = candidate[k] }
        let saved = self.saved
        guard
            settle(
                employees: e, -1, coverDelta: coverDelta, days: first, last, force: force,
                restore: { for k in 0..<n { row[d0 + k] = saved[k] } })
        else { return false }
        for k in 0..<n where saved[k] != candidate[k] {
            let d = d0 + k
            if saved[k] != 0 { count[d * V + Int(saved[k])] -= 1 }
            if candidate[k] != 0 { count[d * V + Int(candidate[k])] += 1 }
        }
        return true
    }

    func move(_ kind: MoveKind, force: Bool = false) -> Bool {
        switch kind {
        case .change: changeMove(force: force)
        case .swap: swapMove(force: force)
        case .blockSwap: blockSwapMove(force: force)
        case .blockChange: blockChangeMove(force: force)
        case .doubleSwap: doubleSwapMove(force: force)
        case .rowExchange: rowExchangeMove(force: force)
        case .rowOptimize: rowOptimizeMove(force: force)
        case .ruinRecreate: ruinRecreateMove(force: force)
        }
    }

    // MARK: - Construction

    /// Builds every row in a random order by dynamic programming against the cover
    /// left by the rows built before it.
    /// Stops early (leaving the remaining rows off) when `shouldStop` answers true.
    func construct(shouldStop: () -> Bool = { false }) {
        for i in 0..<(E * H) { cells[i] = 0 }
        recomputeAll()
        var order = Array(0..<E)
        order.shuffle(using: &rng)
        for e in order {
            if shouldStop() { break }
            if optimizer.optimize(search: self, employee: e, noise: 0, robust: true) {
                for d in 0..<H { candidate[d] = optimizer.result[d] }
                _ = replaceDays(e, from: 0, count: H, force: true)
            } else if let row = optimizer.fallback {
                // No row met every resource rule: start from the closest one found.
                for d in 0..<H { candidate[d] = row[d] }
                _ = replaceDays(e, from: 0, count: H, force: true)
            }
        }
    }
}

extension UnsafeMutablePointer {
    fileprivate static func copy(_ array: [Pointee]) -> UnsafeMutablePointer<Pointee> {
        let p = UnsafeMutablePointer<Pointee>.allocate(capacity: max(array.count, 1))
        p.initialize(from: array, count: array.count)
        return p
    }
}
