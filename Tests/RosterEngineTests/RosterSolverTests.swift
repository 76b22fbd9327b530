import Testing

@testable import RosterEngine

@Suite struct RosterSolverTests {
    static func problems() throws -> [RosterProblem] {
        var withTerms = try Fixture.smallProblem()
        withTerms.rowTerms = [PinnedAssignment(employee: 0, day: 3, shift: 1)]
        withTerms.dayTerms = [AtMostOneNight()]
        return [try Fixture.instance1(), try Fixture.smallProblem(), withTerms]
    }

    /// Check every cached cost of the search state against the evaluator.
    static func expectAgreement(_ search: LocalSearch, _ p: RosterProblem, _ context: String) {
        let roster = Roster(employeeCount: p.employeeCount, horizon: p.horizon, cells: search.roster)
        let evaluation = RosterEvaluator.evaluate(roster, for: p)
        #expect(search.objective == evaluation.objective, "\(context)")
        #expect((search.hardUnits == 0) == evaluation.isFeasible, "\(context)")
        let incremental = (search.objective, search.hardUnits, search.coverCost)
        search.recomputeAll()
        #expect(incremental == (search.objective, search.hardUnits, search.coverCost), "\(context)")
    }

    @Test func incrementalStateAgreesWithEvaluatorAfterEveryMove() throws {
        for p in try Self.problems() {
            let tables = SearchTables(p)
            for seed in 0..<3 as Range<UInt64> {
                let search = LocalSearch(problem: p, tables: tables, params: SearchParameters(), seed: seed)
                search.load(Fixture.randomRoster(p, seed: seed).cells)
                Self.expectAgreement(search, p, "\(p.name) load")
                for kind in MoveKind.allCases {
                    let steps = kind == .rowOptimize || kind == .ruinRecreate ? 40 : 200
                    for step in 0..<steps {
                        // Forced moves (always kept) and SA-decided moves (often undone) both.
                        _ = search.move(kind, force: step % 2 == 0)
                        if step % 25 == 0 { Self.expectAgreement(search, p, "\(p.name) \(kind) step \(step)") }
                    }
                    Self.expectAgreement(search, p, "\(p.name) after \(kind)")
                }
            }
        }
    }

    @Test func rowOptimizerRespectsEveryRowRule() throws {
        let p = try Fixture.instance1()
        let search = LocalSearch(problem: p, tables: SearchTables(p), params: SearchParameters(), seed: 7)
        search.construct()
        for e in 0..<p.employeeCount {
            #expect(search.optimizer.optimize(search: search, employee: e, noise: 0))
            for d in 0..<p.horizon { search.candidate[d] = search.optimizer.result[d] }
            _ = search.replaceDays(e, from: 0, count: p.horizon, force: true)
            #expect(search.rowHard[e] == 0)
        }
    }

    @Test func fixedSeedAndIterationBudgetIsDeterministic() throws {
        let p = try Fixture.instance1()
        let budget = SearchBudget(iterations: 20_000)
        let a = RosterSolver.solve(p, seed: 42, threads: 2, budget: budget)
        let b = RosterSolver.solve(p, seed: 42, threads: 2, budget: budget)
        #expect(a.roster == b.roster)
        #expect(a.iterations == b.iterations)
        let c = RosterSolver.solve(p, seed: 43, threads: 2, budget: budget)
        #expect(c.evaluation.isFeasible)
    }

    @Test func solvesInstance1ToItsOptimum() throws {
        let p = try Fixture.instance1()
        let result = RosterSolver.solve(p, seed: 1, threads: 2, budget: SearchBudget(iterations: 300_000))
        #expect(result.evaluation.isFeasible)
        #expect(result.evaluation.objective == 607)
    }

    @Test func cancellationReturnsAFeasibleAnswer() throws {
        let p = try Fixture.instance1()
        let result = RosterSolver.solve(
            p, seed: 3, threads: 1, budget: SearchBudget(iterations: 1_000_000_000, shouldStop: { true }))
        #expect(result.iterations <= 1)
        #expect(result.roster.cells.count == p.employeeCount * p.horizon)
    }
}

/// A day term for the tests: at most one employee on shift n2 per day (hard).
struct AtMostOneNight: DayConstraintTerm {
    var name: String { "at most one n2" }
    var isHard: Bool { true }

    func penalty(day: Int, cell: (Int) -> Int16, problem: RosterProblem) -> Int {
        let n = (0..<problem.employeeCount).filter { cell($0) == 2 }.count
        return max(0, n - 1)
    }
}
