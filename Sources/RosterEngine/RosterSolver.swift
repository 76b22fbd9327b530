import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The answer of a solve: the best roster found, scored from scratch by `RosterEvaluator`.
public struct SolveResult: Sendable {
    public var roster: Roster
    /// The independent evaluation of `roster` (the feasibility claim comes from here).
    public var evaluation: RosterEvaluation
    /// Iterations run, summed over threads.
    public var iterations: Int
}

/// Solves a `RosterProblem`: per thread, a dynamic-programming construction followed by
/// simulated annealing over change, swap, block and row-re-optimisation moves with
/// incremental evaluation. Threads run independent seeds (a portfolio); the best
/// feasible roster wins, ties going to the lowest thread index, so a run with an
/// iteration budget is deterministic for a given seed and thread count.
public enum RosterSolver {
    public static func solve(
        _ problem: RosterProblem, seed: UInt64, threads: Int = 1, budget: SearchBudget,
        parameters: SearchParameters = SearchParameters(),
        onImprovement: (@Sendable (_ thread: Int, _ objective: Int) -> Void)? = nil
    ) -> SolveResult {
        let threads = max(1, threads)
        let tables = SearchTables(problem)
        let slots = ResultSlots(count: threads)
        DispatchQueue.concurrentPerform(iterations: threads) { index in
            var seeds = SplitMix64(seed: seed ^ 0xA076_1D64_78BD_642F)
            var threadSeed = seeds.next()
            for _ in 0..<index { threadSeed = seeds.next() }
            let outcome = runThread(
                problem: problem, tables: tables, parameters: parameters.forThread(index), seed: threadSeed,
                budget: budget,
                report: onImprovement.map { callback in { callback(index, $0) } })
            slots.store(outcome, at: index)
        }
        let outcomes = slots.take()
        var best: ThreadOutcome?
        var iterations = 0
        for outcome in outcomes {
            iterations += outcome.iterations
            guard let current = best else {
                best = outcome
                continue
            }
            if outcome.rank < current.rank { best = outcome }
        }
        let roster = Roster(employeeCount: problem.employeeCount, horizon: problem.horizon, cells: best!.cells)
        return SolveResult(
            roster: roster, evaluation: RosterEvaluator.evaluate(roster, for: problem), iterations: iterations)
    }

    struct ThreadOutcome: Sendable {
        var cells: [Int16]
        var hardUnits: Int
        var objective: Int
        var iterations: Int
        var rank: (Int, Int) { (hardUnits, objective) }
    }

    static func runThread(
        problem: RosterProblem, tables: SearchTables, parameters: SearchParameters, seed: UInt64,
        budget: SearchBudget, report: ((Int) -> Void)?
    ) -> ThreadOutcome {
        let search = LocalSearch(problem: problem, tables: tables, params: parameters, seed: seed)
        search.construct(shouldStop: {
            (budget.timeProgress?() ?? 0) >= 1 || budget.shouldStop?() == true
        })
        var bestCells = search.roster
        var bestHard = search.hardUnits
        var bestObjective = search.objective
        if bestHard == 0 { report?(bestObjective) }

        let p = parameters
        // A row re-optimisation costs about H * V * V steps: on large instances (a year,
        // dozens of shift types) it is thousands of times dearer than a cell move, so it is
        // drawn less often there; instances up to ~20 000 such steps keep the set weights.
        let rowWork = Double(tables.horizon * tables.values * tables.values)
        let dpScale = min(1, 20_000 / max(rowWork, 1))
        let weights = [
            p.changeWeight, p.swapWeight, p.blockSwapWeight, p.blockChangeWeight, p.doubleSwapWeight,
            p.rowExchangeWeight, p.rowOptimizeWeight * dpScale, p.ruinRecreateWeight * dpScale,
        ]
        let kinds: [MoveKind] = [
            .change, .swap, .blockSwap, .blockChange, .doubleSwap, .rowExchange, .rowOptimize, .ruinRecreate,
        ]
        // A table of 1024 slots, filled in proportion to the weights, picks the move kind.
        let total = weights.reduce(0, +)
        var table: [MoveKind] = []
        var acc = 0.0
        for (k, w) in weights.enumerated() {
            acc += w
            let upto = Int((acc / total * 1024).rounded())
            while table.count < upto { table.append(kinds[k]) }
        }
        while table.count < 1024 { table.append(kinds.last!) }
        // Very rare moves (below one slot) get drawn by a second draw.
        let rare = weights.enumerated().filter { $0.element > 0 && $0.element / total * 1024 < 1 }.map {
            (kinds[$0.offset], $0.element / total)
        }
        let logRatio = log(p.endTemperature / p.startTemperature)

        var iteration = 0
        var progress = 0.0
        var currentCycle = 0
        var cycleCount = 1
        var cyclesDecided = p.cycleIterationsPerCell <= 0
        let cells = tables.employees * tables.horizon * tables.values
        while true {
            if iteration & 1023 == 0 {
                if let limit = budget.iterations { progress = Double(iteration) / Double(max(limit, 1)) }
                if let clock = budget.timeProgress { progress = max(progress, clock()) }
                if progress >= 1 || budget.shouldStop?() == true { break }
                if !cyclesDecided && progress >= 0.02 {
                    cyclesDecided = true
                    let cycleLength = Double(p.cycleIterationsPerCell) * Double(cells)
                    let expected = Double(iteration) / progress
                    cycleCount = max(1, Int(expected / cycleLength))
                }
                let cycles = Double(cycleCount)
                let cycle = min(cycleCount - 1, Int(progress * cycles))
                if cycle != currentCycle {
                    currentCycle = cycle
                    search.construct(shouldStop: {
                        (budget.timeProgress?() ?? 0) >= 1 || budget.shouldStop?() == true
                    })
                }
                search.temperature = p.startTemperature * exp(logRatio * (progress * cycles - Double(cycle)))
            }
            iteration += 1
            if bestHard > 0 && iteration & 511 == 0 && search.hardUnits > 0 {
                // No feasible roster yet: rebuild a row that breaks its own rules now and then.
                if search.repairRowMove() {
                    let hard = search.hardUnits
                    if hard < bestHard || (hard == bestHard && search.objective < bestObjective) {
                        bestHard = hard
                        bestObjective = search.objective
                        bestCells = search.roster
                        if hard == 0 { report?(bestObjective) }
                    }
                }
                continue
            }
            var kind = table[search.rng.below(1024)]
            if !rare.isEmpty {
                let r = search.rng.unit()
                var accRare = 0.0
                for (k, probability) in rare {
                    accRare += probability
                    if r < accRare {
                        kind = k
                        break
                    }
                }
            }
            let applied = search.move(kind)
            guard applied else { continue }
            let hard = search.hardUnits
            if hard < bestHard || (hard == bestHard && search.objective < bestObjective) {
                bestHard = hard
                bestObjective = search.objective
                bestCells = search.roster
                if hard == 0 { report?(bestObjective) }
            }
        }
        return ThreadOutcome(cells: bestCells, hardUnits: bestHard, objective: bestObjective, iterations: iteration)
    }
}

/// One result slot per worker thread; each slot is written by exactly one thread and
/// read after `concurrentPerform` returned.
private final class ResultSlots: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<RosterSolver.ThreadOutcome?>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    func store(_ outcome: RosterSolver.ThreadOutcome, at index: Int) { slots[index] = outcome }

    func take() -> [RosterSolver.ThreadOutcome] { (0..<count).map { slots[$0]! } }
}
