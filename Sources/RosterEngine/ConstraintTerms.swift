/// An extra rule that depends on one employee's row only (minimum rest hours across
/// days, pinned assignments, per-person fairness of night or holiday duty, ...).
///
/// The solver re-evaluates the term for every row a move touches, so `penalty` should
/// be O(horizon). Cell values: 0 = day off, `s + 1` = shift type `s`.
public protocol RowConstraintTerm: Sendable {
    /// A short stable name, used in violation messages.
    var name: String { get }
    /// Hard terms make a roster infeasible when their penalty is positive; the solver
    /// never returns such a roster as feasible. Soft terms add their penalty to the objective.
    var isHard: Bool { get }
    /// The penalty of `row` (length `horizon`) for `employee`; 0 when satisfied.
    func penalty(employee: Int, row: UnsafeBufferPointer<Int16>, problem: RosterProblem) -> Int
}

/// An extra rule over all employees on one day (team composition, a qualified lead per
/// shift, ...). The solver re-evaluates it for every day a move touches.
public protocol DayConstraintTerm: Sendable {
    var name: String { get }
    var isHard: Bool { get }
    /// The penalty of `day`, given a column accessor `cell(employee)` (0 = off, `s + 1` = shift `s`).
    func penalty(day: Int, cell: (Int) -> Int16, problem: RosterProblem) -> Int
}

/// Pins an employee to a shift (or a day off) on one day — a hard row term.
public struct PinnedAssignment: RowConstraintTerm {
    public var employee: Int
    public var day: Int
    /// The shift type index, or nil for a day off.
    public var shift: Int?

    public init(employee: Int, day: Int, shift: Int?) {
        self.employee = employee
        self.day = day
        self.shift = shift
    }

    public var name: String { "pinned" }
    public var isHard: Bool { true }

    public func penalty(employee: Int, row: UnsafeBufferPointer<Int16>, problem: RosterProblem) -> Int {
        guard employee == self.employee else { return 0 }
        return Int(row[day]) == (shift.map { $0 + 1 } ?? 0) ? 0 : 1
    }
}
