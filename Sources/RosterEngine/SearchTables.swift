/// Flat lookup tables derived from a `RosterProblem` for the solver's inner loops.
/// Cell values: 0 = off, `s + 1` = shift type `s`; `V = shiftCount + 1` values per cell.
struct SearchTables: Sendable {
    let employees: Int
    let horizon: Int
    let values: Int
    let weekends: Int
    /// Minutes per value (0 for off).
    let length: [Int32]
    /// `forbidden[a * V + b] != 0` if value b may not follow value a on the next day.
    let forbidden: [UInt8]
    /// Soft request cost of value v for employee e on day d: `preference[(e * H + d) * V + v]`.
    let preference: [Int32]
    /// `fixedOff[e * H + d] != 0` if the day is a required day off.
    let fixedOff: [UInt8]
    /// `maxShifts[e * V + v]` (v >= 1).
    let maxShifts: [Int32]
    let maxMinutes: [Int32]
    let minMinutes: [Int32]
    let maxConsecutive: [Int32]
    let minConsecutive: [Int32]
    let minDaysOff: [Int32]
    let maxWeekends: [Int32]
    /// Values an employee may ever work (`maxShifts > 0`), off (0) first.
    let allowedValues: [[Int16]]
    /// Cover requirement and weights for (d, v): index `d * V + v`, v >= 1.
    let coverRequirement: [Int32]
    let underWeight: [Int32]
    let overWeight: [Int32]
    /// The minute amount that counts as one unit of minutes violation (shortest shift).
    let minuteUnit: Int32

    init(_ p: RosterProblem) {
        let e = p.employeeCount, h = p.horizon, v = p.shiftCount + 1
        employees = e
        horizon = h
        values = v
        weekends = p.weekendCount
        length = [0] + p.shifts.map { Int32($0.minutes) }
        var forbidden = [UInt8](repeating: 0, count: v * v)
        for (a, shift) in p.shifts.enumerated() {
            for b in shift.cannotFollow { forbidden[(a + 1) * v + b + 1] = 1 }
        }
        self.forbidden = forbidden
        var preference = [Int32](repeating: 0, count: e * h * v)
        for r in p.onRequests {
            for value in 0..<v where value != r.shift + 1 {
                preference[(r.employee * h + r.day) * v + value] += Int32(r.weight)
            }
        }
        for r in p.offRequests { preference[(r.employee * h + r.day) * v + r.shift + 1] += Int32(r.weight) }
        self.preference = preference
        var fixedOff = [UInt8](repeating: 0, count: e * h)
        for (i, days) in p.daysOff.enumerated() { for d in days { fixedOff[i * h + d] = 1 } }
        self.fixedOff = fixedOff
        var maxShifts = [Int32](repeating: 0, count: e * v)
        var allowed: [[Int16]] = []
        for (i, rules) in p.employees.enumerated() {
            var list: [Int16] = [0]
            for s in 0..<p.shiftCount {
                maxShifts[i * v + s + 1] = Int32(min(rules.maxShifts[s], h))
                if rules.maxShifts[s] > 0 { list.append(Int16(s + 1)) }
            }
            allowed.append(list)
        }
        self.maxShifts = maxShifts
        allowedValues = allowed
        maxMinutes = p.employees.map { Int32(clamping: $0.maxTotalMinutes) }
        minMinutes = p.employees.map { Int32(clamping: $0.minTotalMinutes) }
        maxConsecutive = p.employees.map { Int32(clamping: min($0.maxConsecutiveShifts, h)) }
        minConsecutive = p.employees.map { Int32(clamping: min($0.minConsecutiveShifts, h)) }
        minDaysOff = p.employees.map { Int32(clamping: min($0.minConsecutiveDaysOff, h)) }
        maxWeekends = p.employees.map { Int32(clamping: $0.maxWeekends) }
        var req = [Int32](repeating: 0, count: h * v)
        var under = [Int32](repeating: 0, count: h * v)
        var over = [Int32](repeating: 0, count: h * v)
        for c in p.cover {
            req[c.day * v + c.shift + 1] = Int32(c.requirement)
            under[c.day * v + c.shift + 1] = Int32(c.underWeight)
            over[c.day * v + c.shift + 1] = Int32(c.overWeight)
        }
        coverRequirement = req
        underWeight = under
        overWeight = over
        minuteUnit = max(1, p.shifts.map { Int32($0.minutes) }.min() ?? 1)
    }
}
