/// A shift type: an identifier, its length, and the shift types that may not be
/// worked on the day after it.
public struct ShiftType: Sendable, Hashable {
    public var id: String
    public var minutes: Int
    /// Indices (into `RosterProblem.shifts`) of the shift types that may not follow this one.
    public var cannotFollow: [Int]

    public init(id: String, minutes: Int, cannotFollow: [Int]) {
        self.id = id
        self.minutes = minutes
        self.cannotFollow = cannotFollow
    }
}

/// The per-employee hard limits of the model.
public struct EmployeeRules: Sendable, Hashable {
    public var id: String
    /// Maximum number of shifts of each type (indexed like `RosterProblem.shifts`); 0 forbids the type.
    public var maxShifts: [Int]
    public var maxTotalMinutes: Int
    public var minTotalMinutes: Int
    public var maxConsecutiveShifts: Int
    /// Work blocks touching the horizon border are exempt.
    public var minConsecutiveShifts: Int
    /// Off blocks touching the horizon border are exempt.
    public var minConsecutiveDaysOff: Int
    /// A weekend (days 7k+5 and 7k+6) is worked if either day is worked.
    public var maxWeekends: Int

    public init(
        id: String, maxShifts: [Int], maxTotalMinutes: Int, minTotalMinutes: Int,
        maxConsecutiveShifts: Int, minConsecutiveShifts: Int, minConsecutiveDaysOff: Int, maxWeekends: Int
    ) {
        self.id = id
        self.maxShifts = maxShifts
        self.maxTotalMinutes = maxTotalMinutes
        self.minTotalMinutes = minTotalMinutes
        self.maxConsecutiveShifts = maxConsecutiveShifts
        self.minConsecutiveShifts = minConsecutiveShifts
        self.minConsecutiveDaysOff = minConsecutiveDaysOff
        self.maxWeekends = maxWeekends
    }
}

/// A weighted wish: to work (`SECTION_SHIFT_ON_REQUESTS`) or not to work
/// (`SECTION_SHIFT_OFF_REQUESTS`) a given shift on a given day.
public struct ShiftRequest: Sendable, Hashable {
    public var employee: Int
    public var day: Int
    public var shift: Int
    public var weight: Int

    public init(employee: Int, day: Int, shift: Int, weight: Int) {
        self.employee = employee
        self.day = day
        self.shift = shift
        self.weight = weight
    }
}

/// How many employees should work a shift on a day, and the price per missing or extra one.
public struct CoverRequirement: Sendable, Hashable {
    public var day: Int
    public var shift: Int
    public var requirement: Int
    public var underWeight: Int
    public var overWeight: Int

    public init(day: Int, shift: Int, requirement: Int, underWeight: Int, overWeight: Int) {
        self.day = day
        self.shift = shift
        self.requirement = requirement
        self.underWeight = underWeight
        self.overWeight = overWeight
    }
}

/// A staff-rostering problem: employees × days × shift types with the hard rules and
/// soft goals of the Curtois benchmark, plus optional extra terms (`RowConstraintTerm`,
/// `DayConstraintTerm`) for rules the benchmark does not have.
///
/// Day 0 is a Monday. A roster assigns each employee one shift type or a day off per day.
public struct RosterProblem: Sendable {
    public var name: String
    public var horizon: Int
    public var shifts: [ShiftType]
    public var employees: [EmployeeRules]
    /// Fixed days off per employee (hard).
    public var daysOff: [[Int]]
    public var onRequests: [ShiftRequest]
    public var offRequests: [ShiftRequest]
    public var cover: [CoverRequirement]
    /// Extra per-employee rules (e.g. minimum rest hours, pinned assignments, fairness).
    public var rowTerms: [any RowConstraintTerm]
    /// Extra per-day rules across employees (e.g. team composition).
    public var dayTerms: [any DayConstraintTerm]

    public init(
        name: String, horizon: Int, shifts: [ShiftType], employees: [EmployeeRules],
        daysOff: [[Int]], onRequests: [ShiftRequest], offRequests: [ShiftRequest],
        cover: [CoverRequirement], rowTerms: [any RowConstraintTerm] = [],
        dayTerms: [any DayConstraintTerm] = []
    ) {
        self.name = name
        self.horizon = horizon
        self.shifts = shifts
        self.employees = employees
        self.daysOff = daysOff
        self.onRequests = onRequests
        self.offRequests = offRequests
        self.cover = cover
        self.rowTerms = rowTerms
        self.dayTerms = dayTerms
    }

    public var employeeCount: Int { employees.count }
    public var shiftCount: Int { shifts.count }
    /// Number of whole weekends in the horizon (weekend k = days 7k+5, 7k+6).
    public var weekendCount: Int { horizon / 7 }
}

/// An assignment of one shift type or a day off to every employee on every day.
///
/// Stored flat, employee-major: `cells[e * horizon + d]` is 0 for a day off and
/// `s + 1` for shift type `s`.
public struct Roster: Sendable, Hashable {
    public let employeeCount: Int
    public let horizon: Int
    public var cells: [Int16]

    /// An all-off roster.
    public init(employeeCount: Int, horizon: Int) {
        self.employeeCount = employeeCount
        self.horizon = horizon
        self.cells = Array(repeating: 0, count: employeeCount * horizon)
    }

    public init(employeeCount: Int, horizon: Int, cells: [Int16]) {
        precondition(cells.count == employeeCount * horizon, "cells must be employeeCount × horizon")
        self.employeeCount = employeeCount
        self.horizon = horizon
        self.cells = cells
    }

    /// The shift type index worked by `employee` on `day`, or nil for a day off.
    public subscript(employee: Int, day: Int) -> Int? {
        get {
            let v = Int(cells[employee * horizon + day])
            return v == 0 ? nil : v - 1
        }
        set { cells[employee * horizon + day] = Int16((newValue ?? -1) + 1) }
    }

    /// One employee's row of raw cell values (0 = off, s + 1 = shift s).
    public func row(_ employee: Int) -> ArraySlice<Int16> {
        cells[(employee * horizon)..<((employee + 1) * horizon)]
    }
}
