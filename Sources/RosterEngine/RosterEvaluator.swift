/// One broken hard rule, with enough detail to act on it.
public struct HardViolation: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case shiftRotation, maxShifts, maxTotalMinutes, minTotalMinutes
        case maxConsecutiveShifts, minConsecutiveShifts, minConsecutiveDaysOff
        case maxWeekends, dayOff, extraTerm
    }

    public var kind: Kind
    public var employee: Int?
    public var day: Int?
    public var message: String

    public var description: String { message }
}

/// The score of a roster, computed from scratch.
public struct RosterEvaluation: Sendable, Hashable {
    public var shiftOnRequests = 0
    public var shiftOffRequests = 0
    public var coverUnder = 0
    public var coverOver = 0
    /// Penalties of soft extra terms.
    public var extraSoft = 0
    public var violations: [HardViolation] = []

    /// The objective to minimise: the sum of all soft penalties.
    public var objective: Int { shiftOnRequests + shiftOffRequests + coverUnder + coverOver + extraSoft }
    public var isFeasible: Bool { violations.isEmpty }
}

/// Scores any roster from scratch, rule by rule, straight from the problem's lists. It
/// shares no bookkeeping with the solver, so the two can check each other.
public enum RosterEvaluator {
    public static func evaluate(_ roster: Roster, for problem: RosterProblem) -> RosterEvaluation {
        precondition(roster.employeeCount == problem.employeeCount && roster.horizon == problem.horizon)
        var result = RosterEvaluation()
        let horizon = problem.horizon
        for (e, rules) in problem.employees.enumerated() {
            let id = rules.id
            func report(_ kind: HardViolation.Kind, _ day: Int?, _ message: String) {
                result.violations.append(HardViolation(kind: kind, employee: e, day: day, message: "\(id): \(message)"))
            }
            // Shift rotation (nothing is checked into day 0).
            for d in 1..<max(horizon, 1) {
                if let a = roster[e, d - 1], let b = roster[e, d], problem.shifts[a].cannotFollow.contains(b) {
                    report(
                        .shiftRotation, d,
                        "shift \(problem.shifts[b].id) on day \(d) cannot follow \(problem.shifts[a].id) on day \(d - 1)")
                }
            }
            // Maximum shifts per type, total minutes.
            var minutes = 0
            for (s, shift) in problem.shifts.enumerated() {
                let count = (0..<horizon).filter { roster[e, $0] == s }.count
                minutes += count * shift.minutes
                if count > rules.maxShifts[s] {
                    report(.maxShifts, nil, "\(count) shifts of type \(shift.id) > MaxShifts \(rules.maxShifts[s])")
                }
            }
            if minutes > rules.maxTotalMinutes {
                report(.maxTotalMinutes, nil, "\(minutes) minutes > MaxTotalMinutes \(rules.maxTotalMinutes)")
            }
            if minutes < rules.minTotalMinutes {
                report(.minTotalMinutes, nil, "\(minutes) minutes < MinTotalMinutes \(rules.minTotalMinutes)")
            }
            // Blocks of work and of days off.
            var start = 0
            while start < horizon {
                let working = roster[e, start] != nil
                var end = start
                while end + 1 < horizon, (roster[e, end + 1] != nil) == working { end += 1 }
                let length = end - start + 1
                let touchesBorder = start == 0 || end == horizon - 1
                if working {
                    if length > rules.maxConsecutiveShifts {
                        report(
                            .maxConsecutiveShifts, start,
                            "\(length) consecutive shifts from day \(start) > MaxConsecutiveShifts \(rules.maxConsecutiveShifts)"
                        )
                    }
                    if !touchesBorder, length < rules.minConsecutiveShifts {
                        report(
                            .minConsecutiveShifts, start,
                            "\(length) consecutive shifts from day \(start) < MinConsecutiveShifts \(rules.minConsecutiveShifts)"
                        )
                    }
                } else if !touchesBorder, length < rules.minConsecutiveDaysOff {
                    report(
                        .minConsecutiveDaysOff, start,
                        "\(length) consecutive days off from day \(start) < MinConsecutiveDaysOff \(rules.minConsecutiveDaysOff)"
                    )
                }
                start = end + 1
            }
            // Weekends.
            let weekends = (0..<problem.weekendCount).filter { roster[e, 7 * $0 + 5] != nil || roster[e, 7 * $0 + 6] != nil }
                .count
            if weekends > rules.maxWeekends {
                report(.maxWeekends, nil, "works \(weekends) weekends > MaxWeekends \(rules.maxWeekends)")
            }
            // Fixed days off.
            for d in problem.daysOff[e] where roster[e, d] != nil {
                report(.dayOff, d, "assigned \(problem.shifts[roster[e, d]!].id) on required day off \(d)")
            }
            // Extra per-employee terms.
            if !problem.rowTerms.isEmpty {
                let row = Array(roster.row(e))
                for term in problem.rowTerms {
                    let p = row.withUnsafeBufferPointer { term.penalty(employee: e, row: $0, problem: problem) }
                    if term.isHard, p > 0 {
                        report(.extraTerm, nil, "\(term.name) violated (penalty \(p))")
                    } else if !term.isHard {
                        result.extraSoft += p
                    }
                }
            }
        }
        for r in problem.onRequests where roster[r.employee, r.day] != r.shift { result.shiftOnRequests += r.weight }
        for r in problem.offRequests where roster[r.employee, r.day] == r.shift { result.shiftOffRequests += r.weight }
        for c in problem.cover {
            let z = (0..<problem.employeeCount).filter { roster[$0, c.day] == c.shift }.count
            if z < c.requirement {
                result.coverUnder += (c.requirement - z) * c.underWeight
            } else if z > c.requirement {
                result.coverOver += (z - c.requirement) * c.overWeight
            }
        }
        for term in problem.dayTerms {
            for d in 0..<horizon {
                let p = term.penalty(day: d, cell: { roster.cells[$0 * horizon + d] }, problem: problem)
                if term.isHard, p > 0 {
                    result.violations.append(
                        HardViolation(
                            kind: .extraTerm, employee: nil, day: d, message: "day \(d): \(term.name) violated (penalty \(p))"))
                } else if !term.isHard {
                    result.extraSoft += p
                }
            }
        }
        return result
    }
}
