import Testing

@testable import RosterEngine

@Suite struct RosterEvaluatorTests {
    /// A: e1 e1 - n2 e1 - -   B: n2 n2 n2 n2 n2 n2 -
    static func handRoster(_ p: RosterProblem) throws -> Roster {
        try CurtoisFormat.parseRoster("e1 e1 - n2 e1 - -\nn2 n2 n2 n2 n2 n2 -\n", for: p)
    }

    @Test func scoresAHandComputedRoster() throws {
        let p = try Fixture.smallProblem()
        let result = RosterEvaluator.evaluate(try Self.handRoster(p), for: p)
        // Off request A day 1 e1 (2); on request B day 0 n2 met (0).
        #expect(result.shiftOffRequests == 2)
        #expect(result.shiftOnRequests == 0)
        // Day 0 n2: 1 of 2 (100); day 6 e1: 0 of 1 (100).
        #expect(result.coverUnder == 200)
        // Day 3 n2: 2 of 0 at weight 5.
        #expect(result.coverOver == 10)
        #expect(result.objective == 212)
        #expect(
            Set(result.violations.map(\.kind))
                == [.shiftRotation, .minConsecutiveDaysOff, .maxConsecutiveShifts, .maxTotalMinutes])
        #expect(result.violations.count == 4)
        #expect(result.violations.contains { $0.message == "A: shift e1 on day 4 cannot follow n2 on day 3" })
    }

    @Test func borderBlocksAreExemptFromMinimumsButNotMaximums() throws {
        let p = try Fixture.smallProblem()
        // A: single shift on day 0 (touches the start), single off day 1 between work days.
        let r1 = try CurtoisFormat.parseRoster("e1 - - e1 e1 - -\n- - - - - - -\n", for: p)
        #expect(RosterEvaluator.evaluate(r1, for: p).violations.map(\.kind) == [])
        let r2 = try CurtoisFormat.parseRoster("- e1 - - e1 e1 -\n- - - - - - -\n", for: p)
        #expect(RosterEvaluator.evaluate(r2, for: p).violations.map(\.kind) == [.minConsecutiveShifts])
        // B: four shifts touching the end are fine, five are not.
        let r3 = try CurtoisFormat.parseRoster("e1 e1 - - - - -\n- - - n2 n2 n2 n2\n", for: p)
        #expect(RosterEvaluator.evaluate(r3, for: p).isFeasible)
        let r4 = try CurtoisFormat.parseRoster("e1 e1 - - - - -\nn2 n2 n2 n2 n2 - -\n", for: p)
        #expect(RosterEvaluator.evaluate(r4, for: p).violations.map(\.kind) == [.maxConsecutiveShifts])
    }

    @Test func countsWeekendsDaysOffAndTypeLimits() throws {
        let p = try Fixture.smallProblem()
        // A works day 6 (a fixed day off, and a weekend day) and three n2 shifts.
        let r = try CurtoisFormat.parseRoster("n2 n2 - n2 - e1 e1\n- - - - - - -\n", for: p)
        let kinds = RosterEvaluator.evaluate(r, for: p).violations.map(\.kind)
        #expect(kinds.contains(.dayOff))
        #expect(kinds.contains(.maxShifts))
        let weekends = try CurtoisFormat.parseRoster("e1 e1 - - - - -\n- - - - - n2 n2\n", for: p)
        #expect(RosterEvaluator.evaluate(weekends, for: p).isFeasible)
        #expect(RosterEvaluator.evaluate(weekends, for: p).coverUnder == 300)
    }

    @Test func extraTermsAreScored() throws {
        var p = try Fixture.smallProblem()
        p.rowTerms = [PinnedAssignment(employee: 1, day: 6, shift: 1)]
        let r = try CurtoisFormat.parseRoster("e1 e1 - - - - -\n- - - - - - -\n", for: p)
        #expect(RosterEvaluator.evaluate(r, for: p).violations.map(\.kind) == [.extraTerm])
    }
}
