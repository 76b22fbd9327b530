/// A problem in a Curtois instance file: where (1-based line) and what.
public struct CurtoisFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based line number; 0 when the problem is about the file as a whole.
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String {
        line > 0 ? "line \(line): \(message)" : message
    }
}

/// Reads and writes the text formats of the Curtois "Employee Shift Scheduling
/// Benchmark" (schedulingbenchmarks.org, Instance1..24).
public enum CurtoisFormat {
    private enum Section: Int, CaseIterable {
        case horizon, shifts, staff, daysOff, onRequests, offRequests, cover

        var header: String {
            switch self {
            case .horizon: "SECTION_HORIZON"
            case .shifts: "SECTION_SHIFTS"
            case .staff: "SECTION_STAFF"
            case .daysOff: "SECTION_DAYS_OFF"
            case .onRequests: "SECTION_SHIFT_ON_REQUESTS"
            case .offRequests: "SECTION_SHIFT_OFF_REQUESTS"
            case .cover: "SECTION_COVER"
            }
        }
    }

    /// The longest horizon read: 3,660 days (ten years; the benchmark's longest is 364).
    /// Rosters are horizon × staff cells, so a huge horizon would exhaust memory.
    public static let maximumHorizon = 3_660

    /// Parses an instance from its text. `name` becomes `RosterProblem.name`.
    ///
    /// Sections must appear in the benchmark's order; `SECTION_HORIZON`, `SECTION_SHIFTS`
    /// and `SECTION_STAFF` are required, the others may be absent.
    public static func parse(_ text: String, name: String) throws(CurtoisFormatError) -> RosterProblem {
        var section: Section?
        var seen = Set<Section>()
        var horizon: Int?
        var shifts: [ShiftType] = []
        var shiftIndex: [String: Int] = [:]
        var pendingFollow: [(line: Int, shift: Int, ids: [String])] = []
        var employees: [EmployeeRules] = []
        var employeeIndex: [String: Int] = [:]
        var daysOff: [[Int]] = []
        var onRequests: [ShiftRequest] = []
        var offRequests: [ShiftRequest] = []
        var cover: [CoverRequirement] = []
        var coverSeen = Set<Int>()

        func resolveFollows() throws(CurtoisFormatError) {
            for pending in pendingFollow {
                var list: [Int] = []
                for id in pending.ids {
                    guard let s = shiftIndex[id] else {
                        throw CurtoisFormatError(
                            line: pending.line, message: "unknown shift '\(id)' in the cannot-follow list")
                    }
                    list.append(s)
                }
                shifts[pending.shift].cannotFollow = list
            }
            pendingFollow = []
        }

        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingSpaces()
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("SECTION_") {
                guard let next = Section.allCases.first(where: { $0.header == line }) else {
                    throw CurtoisFormatError(line: lineNumber, message: "unknown section '\(line)'")
                }
                if seen.contains(next) {
                    throw CurtoisFormatError(line: lineNumber, message: "section \(line) appears twice")
                }
                if let current = section, next.rawValue < current.rawValue {
                    throw CurtoisFormatError(
                        line: lineNumber, message: "section \(line) must come before \(current.header)")
                }
                if section == .horizon, horizon == nil {
                    throw CurtoisFormatError(line: lineNumber, message: "SECTION_HORIZON has no value; write the number of days")
                }
                if next.rawValue > Section.shifts.rawValue, section == .shifts { try resolveFollows() }
                for required in [Section.horizon, .shifts, .staff] where required.rawValue < next.rawValue {
                    if !seen.contains(required) {
                        throw CurtoisFormatError(
                            line: lineNumber, message: "\(required.header) must come before \(line)")
                    }
                }
                seen.insert(next)
                section = next
                continue
            }
            guard let section else {
                throw CurtoisFormatError(line: lineNumber, message: "data before the first SECTION_ header")
            }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map {
                String($0.trimmingSpaces())
            }

            func int(_ i: Int, _ what: String, min: Int = 0, max: Int = .max) throws(CurtoisFormatError) -> Int {
                guard i < fields.count, let v = Int(fields[i]) else {
                    let got = i < fields.count ? "'\(fields[i])'" : "nothing"
                    throw CurtoisFormatError(line: lineNumber, message: "\(what): expected an integer, found \(got)")
                }
                guard v >= min else {
                    throw CurtoisFormatError(line: lineNumber, message: "\(what): \(v) is below \(min)")
                }
                guard v <= max else {
                    throw CurtoisFormatError(line: lineNumber, message: "\(what): \(v) is above \(max)")
                }
                return v
            }
            func expectFields(_ n: Int, _ layout: String) throws(CurtoisFormatError) {
                guard fields.count == n else {
                    throw CurtoisFormatError(
                        line: lineNumber,
                        message: "\(section.header): expected \(n) fields (\(layout)), found \(fields.count)")
                }
            }
            func employee(_ id: String) throws(CurtoisFormatError) -> Int {
                guard let e = employeeIndex[id] else {
                    throw CurtoisFormatError(line: lineNumber, message: "unknown employee '\(id)'")
                }
                return e
            }
            func shift(_ id: String) throws(CurtoisFormatError) -> Int {
                guard let s = shiftIndex[id] else {
                    throw CurtoisFormatError(line: lineNumber, message: "unknown shift '\(id)'")
                }
                return s
            }
            func day(_ i: Int) throws(CurtoisFormatError) -> Int {
                let d = try int(i, "day")
                guard d < horizon! else {
                    throw CurtoisFormatError(
                        line: lineNumber, message: "day \(d) is outside the horizon 0..\(horizon! - 1)")
                }
                return d
            }

            switch section {
            case .horizon:
                guard horizon == nil else {
                    throw CurtoisFormatError(line: lineNumber, message: "SECTION_HORIZON has more than one value")
                }
                try expectFields(1, "number of days")
                horizon = try int(0, "horizon", min: 1, max: maximumHorizon)
            case .shifts:
                guard fields.count == 2 || fields.count == 3 else {
                    try expectFields(3, "ShiftID, length in minutes, shifts which cannot follow")
                    break
                }
                let id = fields[0]
                guard !id.isEmpty else { throw CurtoisFormatError(line: lineNumber, message: "empty shift ID") }
                guard shiftIndex[id] == nil else {
                    throw CurtoisFormatError(line: lineNumber, message: "shift '\(id)' is defined twice")
                }
                let minutes = try int(1, "shift length in minutes", min: 1)
                shiftIndex[id] = shifts.count
                let follow = fields.count > 2 ? fields[2].split(separator: "|").map { String($0.trimmingSpaces()) } : []
                pendingFollow.append((lineNumber, shifts.count, follow.filter { !$0.isEmpty }))
                shifts.append(ShiftType(id: id, minutes: minutes, cannotFollow: []))
            case .staff:
                try expectFields(
                    8,
                    "ID, MaxShifts, MaxTotalMinutes, MinTotalMinutes, MaxConsecutiveShifts, "
                        + "MinConsecutiveShifts, MinConsecutiveDaysOff, MaxWeekends")
                let id = fields[0]
                guard !id.isEmpty else { throw CurtoisFormatError(line: lineNumber, message: "empty employee ID") }
                guard employeeIndex[id] == nil else {
                    throw CurtoisFormatError(line: lineNumber, message: "employee '\(id)' is defined twice")
                }
                var maxShifts = Array(repeating: horizon!, count: shifts.count)
                for part in fields[1].split(separator: "|") {
                    let kv = part.split(separator: "=", omittingEmptySubsequences: false)
                    guard kv.count == 2, let limit = Int(kv[1].trimmingSpaces()), limit >= 0 else {
                        throw CurtoisFormatError(
                            line: lineNumber, message: "MaxShifts entry '\(part)' is not ShiftID=count")
                    }
                    maxShifts[try shift(String(kv[0].trimmingSpaces()))] = limit
                }
                employeeIndex[id] = employees.count
                employees.append(
                    EmployeeRules(
                        id: id, maxShifts: maxShifts,
                        maxTotalMinutes: try int(2, "MaxTotalMinutes"),
                        minTotalMinutes: try int(3, "MinTotalMinutes"),
                        maxConsecutiveShifts: try int(4, "MaxConsecutiveShifts"),
                        minConsecutiveShifts: try int(5, "MinConsecutiveShifts"),
                        minConsecutiveDaysOff: try int(6, "MinConsecutiveDaysOff"),
                        maxWeekends: try int(7, "MaxWeekends")))
                daysOff.append([])
            case .daysOff:
                guard fields.count >= 1 else { break }
                let e = try employee(fields[0])
                for i in 1..<fields.count where !fields[i].isEmpty {
                    daysOff[e].append(try day(i))
                }
            case .onRequests, .offRequests:
                try expectFields(4, "EmployeeID, Day, ShiftID, Weight")
                let request = ShiftRequest(
                    employee: try employee(fields[0]), day: try day(1), shift: try shift(fields[2]),
                    weight: try int(3, "weight"))
                if section == .onRequests { onRequests.append(request) } else { offRequests.append(request) }
            case .cover:
                try expectFields(5, "Day, ShiftID, Requirement, Weight for under, Weight for over")
                let requirement = CoverRequirement(
                    day: try day(0), shift: try shift(fields[1]), requirement: try int(2, "requirement"),
                    underWeight: try int(3, "weight for under"), overWeight: try int(4, "weight for over"))
                let key = requirement.day * shifts.count + requirement.shift
                guard coverSeen.insert(key).inserted else {
                    throw CurtoisFormatError(
                        line: lineNumber,
                        message: "second cover line for day \(requirement.day) shift '\(fields[1])'")
                }
                cover.append(requirement)
            }
        }
        if section == .shifts { try resolveFollows() }
        // What is missing at the end is reported at the last line, so every error has a line.
        let end = max(text.hasSuffix("\n") ? lineNumber - 1 : lineNumber, 1)
        for required in [Section.horizon, .shifts, .staff] where !seen.contains(required) {
            throw CurtoisFormatError(line: end, message: "missing \(required.header) by the end of the file")
        }
        guard let horizon else { throw CurtoisFormatError(line: end, message: "SECTION_HORIZON has no value") }
        guard !shifts.isEmpty else { throw CurtoisFormatError(line: end, message: "SECTION_SHIFTS is empty") }
        guard !employees.isEmpty else { throw CurtoisFormatError(line: end, message: "SECTION_STAFF is empty") }
        return RosterProblem(
            name: name, horizon: horizon, shifts: shifts, employees: employees, daysOff: daysOff,
            onRequests: onRequests, offRequests: offRequests, cover: cover)
    }

    /// The roster in the format `eval_curtois.py` reads: one line per employee in staff
    /// order, one token per day (the shift ID, or `-` for a day off).
    public static func write(_ roster: Roster, for problem: RosterProblem) -> String {
        var out = ""
        for e in 0..<roster.employeeCount {
            var tokens: [String] = []
            tokens.reserveCapacity(roster.horizon)
            for d in 0..<roster.horizon {
                tokens.append(roster[e, d].map { problem.shifts[$0].id } ?? "-")
            }
            out += tokens.joined(separator: " ") + "\n"
        }
        return out
    }

    /// Reads a roster in the format `write` produces (also accepts `.` for off and
    /// lines prefixed by the employee ID). Lines starting with `#` are ignored.
    public static func parseRoster(_ text: String, for problem: RosterProblem) throws(CurtoisFormatError) -> Roster {
        var roster = Roster(employeeCount: problem.employeeCount, horizon: problem.horizon)
        let ids = Dictionary(uniqueKeysWithValues: problem.shifts.enumerated().map { ($1.id, $0) })
        let staff = Dictionary(uniqueKeysWithValues: problem.employees.enumerated().map { ($1.id, $0) })
        var row = 0
        var lineNumber = 0
        var done = Set<Int>()
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var tokens = rawLine.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            if tokens.isEmpty || tokens[0].hasPrefix("#") { continue }
            var e = row
            if tokens.count == problem.horizon + 1 {
                let id = tokens.removeFirst()
                guard let found = staff[id.hasSuffix(":") ? String(id.dropLast()) : id] else {
                    throw CurtoisFormatError(line: lineNumber, message: "unknown employee '\(id)'")
                }
                e = found
            }
            guard tokens.count == problem.horizon else {
                throw CurtoisFormatError(
                    line: lineNumber, message: "expected \(problem.horizon) day tokens, found \(tokens.count)")
            }
            guard e < problem.employeeCount, done.insert(e).inserted else {
                throw CurtoisFormatError(line: lineNumber, message: "more employee lines than employees, or one twice")
            }
            for (d, token) in tokens.enumerated() {
                if token == "-" || token == "." { continue }
                guard let s = ids[token] else {
                    throw CurtoisFormatError(line: lineNumber, message: "unknown shift token '\(token)' on day \(d)")
                }
                roster[e, d] = s
            }
            row += 1
        }
        guard done.count == problem.employeeCount else {
            throw CurtoisFormatError(
                line: 0, message: "roster has \(done.count) employee lines, the instance has \(problem.employeeCount)")
        }
        return roster
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> Substring {
        var s = self[...]
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return s
    }
}
