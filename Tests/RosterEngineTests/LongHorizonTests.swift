import Testing

@testable import RosterEngine

/// The features that broke the construction on the benchmark's large instances
/// (Instances 20–24: up to a year, 32 shift types): total minutes that must fall in a
/// window of one long shift, tight limits on the long shift types, long cannot-follow
/// lists, employees who may work no weekend, and flat cover (every cell equally short, so
/// that a price on minutes makes a row work everything or nothing).
@Suite struct LongHorizonTests {
    /// A generated instance with those features: 12 weeks, 7 shift types, 12 employees.
    /// `equalLengths`: every shift lasts 480 minutes, so the minutes window is a window of
    /// 2 or 3 worked days that retyping cannot reach (as in Instance22).
    static func text(seed: UInt64, equalLengths: Bool = false) -> String {
        var rng = Xoshiro256(seed: seed)
        let horizon = 84
        let long = equalLengths ? 480 : 720, middle = equalLengths ? 480 : 600
        let shifts = [
            ("a1", 480, ""), ("a2", middle, ""), ("a3", long, "a1|a2|a3|d1|d2"), ("d1", 480, "a1|a2"),
            ("d2", long, "a1|a2|a3|d1|d2"), ("n1", 480, "a1|a2|a3|d1|d2"), ("n2", long, "a1|a2|a3|d1|d2|n2"),
        ]
        var lines = ["SECTION_HORIZON", "\(horizon)", "", "SECTION_SHIFTS"]
        lines += shifts.map { "\($0.0),\($0.1),\($0.2)" }
        lines += ["", "SECTION_STAFF"]
        var ids: [String] = []
        for e in 0..<12 {
            let id = "E\(e)"
            ids.append(id)
            let limits = shifts.map { shift -> String in
                let limit = shift.1 == 720 ? 6 + rng.below(6) : (rng.below(5) == 0 ? 0 : horizon)
                return "\(shift.0)=\(limit)"
            }
            // Between 34 and 52 shifts: a window of 720 minutes (equal lengths: 49 to 52 shifts).
            let maxMinutes = 24_960, minMinutes = equalLengths ? 23_520 : 24_240
            let weekends = e % 4 == 0 && !equalLengths ? 0 : 6
            let minRun = e % 3 == 0 ? 3 : 2
            lines.append("\(id),\(limits.joined(separator: "|")),\(maxMinutes),\(minMinutes),5,\(minRun),2,\(weekends)")
        }
        lines += ["", "SECTION_DAYS_OFF"]
        for id in ids {
            var days = Set<Int>()
            while days.count < 6 { days.insert(rng.below(horizon)) }
            lines.append(([id] + days.sorted().map(String.init)).joined(separator: ","))
        }
        lines += ["", "SECTION_SHIFT_ON_REQUESTS"]
        for (e, id) in ids.enumerated() where e % 2 == 0 {
            lines.append("\(id),\(rng.below(horizon)),\(shifts[rng.below(shifts.count)].0),\(1 + rng.below(3))")
        }
        lines += ["", "SECTION_SHIFT_OFF_REQUESTS"]
        for (e, id) in ids.enumerated() where e % 3 == 0 {
            lines.append("\(id),\(rng.below(horizon)),\(shifts[rng.below(shifts.count)].0),\(1 + rng.below(3))")
        }
        lines += ["", "SECTION_COVER"]
        for d in 0..<horizon {
            for shift in shifts { lines.append("\(d),\(shift.0),2,100,1") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: [1, 3] as [UInt64])
    func constructionMeetsEveryRowRule(seed: UInt64) throws {
        let p = try CurtoisFormat.parse(Self.text(seed: seed), name: "long\(seed)")
        #expect(p.horizon == 84 && p.shiftCount == 7 && p.employeeCount == 12)
        let search = LocalSearch(problem: p, tables: SearchTables(p), params: SearchParameters(), seed: seed)
        search.construct()
        let roster = Roster(employeeCount: p.employeeCount, horizon: p.horizon, cells: search.roster)
        let evaluation = RosterEvaluator.evaluate(roster, for: p)
        #expect(evaluation.isFeasible, "\(evaluation.violations.prefix(3))")
        #expect(search.hardUnits == 0)
        #expect(search.objective == evaluation.objective)
    }

    @Test(arguments: [2] as [UInt64])
    func equalLengthsNeedTheBandSearchAndStillMeetEveryRowRule(seed: UInt64) throws {
        let p = try CurtoisFormat.parse(Self.text(seed: seed, equalLengths: true), name: "equal\(seed)")
        let search = LocalSearch(problem: p, tables: SearchTables(p), params: SearchParameters(), seed: seed)
        search.construct()
        let roster = Roster(employeeCount: p.employeeCount, horizon: p.horizon, cells: search.roster)
        let evaluation = RosterEvaluator.evaluate(roster, for: p)
        #expect(evaluation.isFeasible, "\(evaluation.violations.prefix(3))")
    }

    @Test func repairMoveRebuildsBrokenRowsAndKeepsTheBookkeeping() throws {
        let p = try CurtoisFormat.parse(Self.text(seed: 2), name: "long2")
        let search = LocalSearch(problem: p, tables: SearchTables(p), params: SearchParameters(), seed: 3)
        search.load(Fixture.randomRoster(p, seed: 3).cells)
        let before = search.hardUnits
        #expect(before > 0)
        search.temperature = 0.001
        for step in 0..<40 {
            _ = search.repairRowMove()
            if step % 10 == 0 { RosterSolverTests.expectAgreement(search, p, "repair step \(step)") }
        }
        RosterSolverTests.expectAgreement(search, p, "after repairs")
        #expect(search.hardUnits < before)
    }

    @Test func plainPriceAdjustmentAloneFailsHereButTheRobustSearchSucceeds() throws {
        // Guards that the instance keeps testing the robust search: on the empty roster the
        // plain adjustment does not settle the row, the robust one does.
        let p = try CurtoisFormat.parse(Self.text(seed: 1), name: "long1")
        let search = LocalSearch(problem: p, tables: SearchTables(p), params: SearchParameters(), seed: 1)
        var plainFailures = 0
        for e in 0..<p.employeeCount {
            let plain = RowOptimizer(tables: SearchTables(p), seed: 9)
            if !plain.optimize(search: search, employee: e, noise: 0) { plainFailures += 1 }
            let robust = RowOptimizer(tables: SearchTables(p), seed: 9)
            #expect(robust.optimize(search: search, employee: e, noise: 0, robust: true), "employee \(e)")
            for d in 0..<p.horizon { search.candidate[d] = robust.result[d] }
            _ = search.replaceDays(e, from: 0, count: p.horizon, force: true)
            #expect(search.rowHard[e] == 0, "employee \(e)")
            for d in 0..<p.horizon { search.candidate[d] = 0 }
            _ = search.replaceDays(e, from: 0, count: p.horizon, force: true)
        }
        #expect(plainFailures > 0)
    }

    @Test func solverAnswerIsFeasibleAndAgreesWithTheEvaluator() throws {
        let p = try CurtoisFormat.parse(Self.text(seed: 4), name: "long4")
        let result = RosterSolver.solve(p, seed: 5, threads: 2, budget: SearchBudget(iterations: 5_000))
        #expect(result.evaluation.isFeasible)
        let again = RosterSolver.solve(p, seed: 5, threads: 2, budget: SearchBudget(iterations: 5_000))
        #expect(again.roster == result.roster)
    }
}
