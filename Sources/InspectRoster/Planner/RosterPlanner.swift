import InspectCalendar
import InspectCore

/// Plans joint inspection rosters (联合巡查排班).
///
/// 1. Greedy construction: shifts whose period requires departments (the police at night)
///    first, then the rest, each in order of start; each team takes the feasible inspectors
///    with the least duty of the shift's kinds (history + plan), then the fewest hours,
///    ties broken by a seeded shuffle. A team the hard rules make impossible is left
///    unfilled and reported as a ``Shortfall``.
/// 2. Local search: `iterations` seeded single-member replacements, kept when they keep
///    every hard rule and do not worsen the sum of squared duty counts and hours.
/// 3. The finished plan is re-checked rule by rule (``Plan/hardViolations``).
public enum RosterPlanner {
    public static func plan(_ input: PlanningInput) -> Plan {
        var engine = PlannerEngine(input)
        engine.construct()
        engine.improve(iterations: input.iterations)
        return engine.result()
    }
}

struct PlannerShift {
    var day: Int
    var period: Int
    var start: Int64
    var end: Int64
    var minutes: Int
    var week: Int
    /// night, restday, holiday, rain
    var kinds: [Bool]
}

struct PlannerSlot {
    var shift: Int
    var zone: String
    var zoneOrder: Int
    var index: Int
    var members: [Int]
}

struct PlannerEngine {
    static let kindNames = ["night", "restday", "holiday", "rain"]
    static let kindWeight = 64
    static let kindCount = 4

    let input: PlanningInput
    let people: [Inspector]
    let days: [CalendarDay]
    let periods: [PlanningPeriod]
    let shifts: [PlannerShift]
    let dayCount: Int
    let weekCount: Int
    let window: Int
    let restSeconds: Int64
    let consecutiveWithPrevious: [Bool]
    let unavailable: [Bool]
    let department: [String]
    let certified: [Bool]
    let scarceDepartment: [Bool]
    let tieBreak: [UInt64]
    var dayShift: [Int]
    var weekMinutes: [Int]
    /// history + plan, `kindCount` per person
    var duty: [Int]
    var hours: [Int]
    var slots: [PlannerSlot] = []
    var reasons: [Int: String] = [:]
    var random: SplitMix64

    init(_ input: PlanningInput) {
        self.input = input
        people = input.inspectors.sorted { $0.id < $1.id }
        var seen = Set<CivilDate>()
        days = input.days.sorted { $0.date < $1.date }.filter { seen.insert($0.date).inserted }
        periods = input.periods
        dayCount = days.count
        let personCount = people.count
        var weekIndex: [Int: Int] = [:]
        var shifts: [PlannerShift] = []
        for (dayIndex, calendarDay) in days.enumerated() {
            let monday = calendarDay.date.daysSinceEpoch - (calendarDay.date.isoWeekday - 1)
            let week = weekIndex[monday] ?? weekIndex.count
            weekIndex[monday] = week
            for (periodIndex, period) in periods.enumerated() {
                let interval = period.interval(on: calendarDay.date, in: input.zone)
                let night = period.crossesMidnight || period.startMinute < 6 * 60
                let rain = input.rainPeriods.contains("\(calendarDay.date)/\(period.id)")
                shifts.append(
                    PlannerShift(
                        day: dayIndex, period: periodIndex, start: interval.start, end: interval.end,
                        minutes: Int(interval.end - interval.start) / 60, week: week,
                        kinds: [night, calendarDay.kind == .restday, calendarDay.kind == .holiday, rain]))
            }
        }
        self.shifts = shifts
        weekCount = max(1, weekIndex.count)
        restSeconds = Int64(max(0, input.people.minRestHours)) * 3600
        let longest = shifts.map { Int64($0.end - $0.start) }.max() ?? 0
        window = Int((restSeconds + longest) / 86_400) + 2
        let sortedDays = days
        consecutiveWithPrevious = sortedDays.indices.map { $0 > 0 && sortedDays[$0 - 1].date.days(to: sortedDays[$0].date) == 1 }

        let personIndex = Dictionary(people.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var unavailable = [Bool](repeating: false, count: personCount * dayCount)
        for leave in input.unavailable {
            guard let person = personIndex[leave.inspectorID] else { continue }
            for (dayIndex, calendarDay) in days.enumerated()
            where calendarDay.date >= leave.from && calendarDay.date <= leave.through {
                unavailable[person * dayCount + dayIndex] = true
            }
        }
        self.unavailable = unavailable
        department = people.map(\.department)
        certified = people.map(\.certified)
        let required = input.team.requiredDepartmentsByPeriod.values.reduce(into: Set<String>()) { $0.formUnion($1) }
        scarceDepartment = people.map { required.contains($0.department) }
        var duty = [Int](repeating: 0, count: personCount * Self.kindCount)
        for past in input.history {
            guard let person = personIndex[past.inspectorID] else { continue }
            duty[person * Self.kindCount + 0] += past.nights
            duty[person * Self.kindCount + 1] += past.restdays
            duty[person * Self.kindCount + 2] += past.holidays
            duty[person * Self.kindCount + 3] += past.rain
        }
        self.duty = duty
        hours = [Int](repeating: 0, count: personCount)
        dayShift = [Int](repeating: -1, count: personCount * dayCount)
        weekMinutes = [Int](repeating: 0, count: personCount * weekCount)
        random = SplitMix64(seed: input.seed)
        var tieBreak: [UInt64] = []
        for _ in 0..<personCount { tieBreak.append(random.next()) }
        self.tieBreak = tieBreak
    }

    // MARK: hard rules for one person

    func canTake(_ person: Int, _ shiftIndex: Int) -> Bool {
        let shift = shifts[shiftIndex]
        let day = shift.day
        if unavailable[person * dayCount + day] { return false }
        let base = person * dayCount
        for other in max(0, day - window)...min(dayCount - 1, day + window) {
            let taken = dayShift[base + other]
            guard taken >= 0 else { continue }
            if other == day { return false }
            let held = shifts[taken]
            if held.end <= shift.start {
                if shift.start - held.end < restSeconds { return false }
            } else if shift.end <= held.start {
                if held.start - shift.end < restSeconds { return false }
            } else {
                return false
            }
        }
        if weekMinutes[person * weekCount + shift.week] + shift.minutes > input.people.maxHoursPerWeek * 60 {
            return false
        }
        if shift.kinds[0] {
            var run = 1
            var back = day
            while consecutiveWithPrevious[back], isNight(person, back - 1) {
                run += 1
                back -= 1
            }
            var forward = day + 1
            while forward < dayCount, consecutiveWithPrevious[forward], isNight(person, forward) {
                run += 1
                forward += 1
            }
            if run > input.people.maxConsecutiveNights { return false }
        }
        return true
    }

    func isNight(_ person: Int, _ day: Int) -> Bool {
        let taken = dayShift[person * dayCount + day]
        return taken >= 0 && shifts[taken].kinds[0]
    }

    mutating func apply(_ person: Int, _ shiftIndex: Int, _ sign: Int) {
        let shift = shifts[shiftIndex]
        dayShift[person * dayCount + shift.day] = sign > 0 ? shiftIndex : -1
        weekMinutes[person * weekCount + shift.week] += sign * shift.minutes
        hours[person] += sign * shift.minutes / 60
        for kind in 0..<Self.kindCount where shift.kinds[kind] {
            duty[person * Self.kindCount + kind] += sign
        }
    }

    func cost(_ person: Int, _ shift: PlannerShift) -> Int {
        var total = hours[person]
        for kind in 0..<Self.kindCount where shift.kinds[kind] {
            total += Self.kindWeight * duty[person * Self.kindCount + kind]
        }
        return total
    }

    func required(_ shift: PlannerShift) -> Set<String> {
        input.team.requiredDepartmentsByPeriod[periods[shift.period].id] ?? []
    }

    func teamValid(_ members: [Int], required: Set<String>) -> Bool {
        let rules = input.team
        guard members.count == rules.size, Set(members).count == members.count else { return false }
        let departments = Set(members.map { department[$0] })
        return departments.count >= rules.minDepartments
            && members.filter { certified[$0] }.count >= rules.minCertified
            && required.isSubset(of: departments)
    }

    // MARK: construction

    mutating func construct() {
        var order = Array(shifts.indices)
        let ranked = order.map { (required(shifts[$0]).isEmpty ? 1 : 0, shifts[$0].start, $0) }
        order = ranked.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }.map(\.2)
        for shiftIndex in order {
            let shift = shifts[shiftIndex]
            let periodID = periods[shift.period].id
            let kind = days[shift.day].kind
            let rain = shift.kinds[3]
            for (zoneOrder, rule) in input.coverage.enumerated() where rule.periodID == periodID {
                var count = rule.teamsByDayKind[kind] ?? (kind.countsAsWorkday ? rule.teamsByDayKind[.workday] ?? 0 : 0)
                if rain { count += rule.extraTeamsInRain }
                for index in 0..<max(0, count) {
                    let outcome = buildTeam(shiftIndex)
                    if outcome.members.isEmpty {
                        reasons[slots.count] = outcome.reason
                    } else {
                        for member in outcome.members { apply(member, shiftIndex, 1) }
                    }
                    slots.append(
                        PlannerSlot(shift: shiftIndex, zone: rule.zone, zoneOrder: zoneOrder, index: index, members: outcome.members))
                }
            }
        }
    }

    func buildTeam(_ shiftIndex: Int) -> (members: [Int], reason: String) {
        let shift = shifts[shiftIndex]
        let rules = input.team
        let required = required(shift)
        let label = "the \(periods[shift.period].id) shift of \(days[shift.day].date)"
        let after = "after rest, leave, night-run and weekly-hour limits"
        if required.count > rules.size || rules.minCertified > rules.size || rules.minDepartments > rules.size || rules.size < 1 {
            return ([], "team rules cannot be met by a team of \(rules.size) for \(label)")
        }
        var candidates = people.indices.filter { canTake($0, shiftIndex) }
        let costs = candidates.map { cost($0, shift) }
        let ranks = zip(candidates, costs).sorted { ($0.1, tieBreak[$0.0], $0.0) < ($1.1, tieBreak[$1.0], $1.0) }
        candidates = ranks.map(\.0)
        var team: [Int] = []
        var departments = Set<String>()
        var certifiedCount = 0
        func take(_ person: Int) {
            team.append(person)
            departments.insert(department[person])
            if certified[person] { certifiedCount += 1 }
        }
        func pick(_ allowed: (Int) -> Bool, prefer: [(Int) -> Bool]) -> Int? {
            let open = candidates.filter { !team.contains($0) && allowed($0) }
            for preference in prefer {
                if let best = open.first(where: preference) { return best }
            }
            return open.first
        }
        let tooBig = "a team of \(rules.size) cannot combine \(rules.minCertified) certified officers, "
            + "\(rules.minDepartments) departments and \(required.sorted().joined(separator: ", ")) "
            + "from the \(candidates.count) inspectors available for \(label) \(after)"
        for needed in required.sorted() where !departments.contains(needed) {
            guard team.count < rules.size else { return ([], tooBig) }
            guard
                let person = pick(
                    { department[$0] == needed }, prefer: [{ certifiedCount < rules.minCertified && certified[$0] }])
            else {
                return ([], "no \(needed) officer available for \(label) \(after)")
            }
            take(person)
        }
        while certifiedCount < rules.minCertified {
            guard team.count < rules.size else { return ([], tooBig) }
            guard
                let person = pick(
                    { certified[$0] },
                    prefer: [{ departments.count < rules.minDepartments && !departments.contains(department[$0]) }])
            else {
                let total = candidates.filter { certified[$0] }.count
                return ([], "only \(total) certified officer\(total == 1 ? "" : "s") available for \(label) \(after); a team needs \(rules.minCertified)")
            }
            take(person)
        }
        while departments.count < rules.minDepartments {
            guard team.count < rules.size else { return ([], tooBig) }
            guard let person = pick({ !departments.contains(department[$0]) }, prefer: []) else {
                let total = Set(candidates.map { department[$0] }).count
                return ([], "only \(total) department\(total == 1 ? "" : "s") with an inspector available for \(label) \(after); a team needs \(rules.minDepartments)")
            }
            take(person)
        }
        while team.count < rules.size {
            guard
                let person = pick(
                    { _ in true },
                    prefer: [{ !certified[$0] && !scarceDepartment[$0] }, { !scarceDepartment[$0] }, { !certified[$0] }])
            else {
                return ([], "only \(candidates.count) inspector\(candidates.count == 1 ? "" : "s") available for \(label) \(after); a team needs \(rules.size)")
            }
            take(person)
        }
        return (team, "")
    }

    // MARK: local search

    mutating func improve(iterations: Int) {
        let filled = slots.indices.filter { !slots[$0].members.isEmpty }
        guard !filled.isEmpty, people.count > 1, iterations > 0 else { return }
        for _ in 0..<iterations {
            let slotIndex = filled[random.next(below: filled.count)]
            let position = random.next(below: input.team.size)
            let incoming = random.next(below: people.count)
            let slot = slots[slotIndex]
            let outgoing = slot.members[position]
            guard !slot.members.contains(incoming) else { continue }
            let shift = shifts[slot.shift]
            let hoursGain = shift.minutes / 60
            var delta = 2 * hoursGain * (hours[incoming] - hours[outgoing]) + 2 * hoursGain * hoursGain
            for kind in 0..<Self.kindCount where shift.kinds[kind] {
                delta += Self.kindWeight * (2 * (duty[incoming * Self.kindCount + kind] - duty[outgoing * Self.kindCount + kind]) + 2)
            }
            guard delta <= 0 else { continue }
            var members = slot.members
            members[position] = incoming
            guard teamValid(members, required: required(shift)) else { continue }
            apply(outgoing, slot.shift, -1)
            if canTake(incoming, slot.shift) {
                apply(incoming, slot.shift, 1)
                slots[slotIndex].members = members
            } else {
                apply(outgoing, slot.shift, 1)
            }
        }
    }

    // MARK: result

    func result() -> Plan {
        let ordered = slots.indices.sorted {
            let left = slots[$0]
            let right = slots[$1]
            return (shifts[left.shift].start, left.shift, left.zoneOrder, left.index)
                < (shifts[right.shift].start, right.shift, right.zoneOrder, right.index)
        }
        var teams: [PlannedTeam] = []
        var shortfalls: [Shortfall] = []
        for slotIndex in ordered {
            let slot = slots[slotIndex]
            let date = days[shifts[slot.shift].day].date
            let periodID = periods[shifts[slot.shift].period].id
            if slot.members.isEmpty {
                let reason = reasons[slotIndex] ?? "no team could be formed"
                if let last = shortfalls.last, last.date == date, last.periodID == periodID, last.zone == slot.zone {
                    shortfalls[shortfalls.count - 1].missingTeams += 1
                    shortfalls[shortfalls.count - 1].missingMembers += input.team.size
                    if !last.reason.contains(reason) { shortfalls[shortfalls.count - 1].reason += "; " + reason }
                } else {
                    shortfalls.append(
                        Shortfall(
                            date: date, periodID: periodID, zone: slot.zone, missingTeams: 1,
                            missingMembers: input.team.size, reason: reason))
                }
            } else {
                teams.append(
                    PlannedTeam(
                        date: date, periodID: periodID, zone: slot.zone, index: slot.index,
                        memberIDs: slot.members.map { people[$0].id }.sorted()))
            }
        }
        var spread: [String: Int] = [:]
        let eligible = people.indices.filter { person in (0..<dayCount).contains { !unavailable[person * dayCount + $0] } }
        for (kind, name) in Self.kindNames.enumerated() {
            let values = eligible.map { duty[$0 * Self.kindCount + kind] }
            spread[name] = (values.max() ?? 0) - (values.min() ?? 0)
        }
        return Plan(teams: teams, shortfalls: shortfalls, hardViolations: recheck(), fairnessSpread: spread)
    }

    /// Re-checks the finished slots from scratch, without the incremental bookkeeping.
    func recheck() -> Int {
        var violations = 0
        var held = [[Int]](repeating: [], count: people.count)
        for slot in slots where !slot.members.isEmpty {
            if !teamValid(slot.members, required: required(shifts[slot.shift])) { violations += 1 }
            for member in slot.members { held[member].append(slot.shift) }
        }
        for person in people.indices {
            let mine = held[person].sorted { shifts[$0].start < shifts[$1].start }
            var minutesByWeek = [Int](repeating: 0, count: weekCount)
            var nightsInRow = 0
            var lastNightDay = -2
            for (offset, shiftIndex) in mine.enumerated() {
                let shift = shifts[shiftIndex]
                if unavailable[person * dayCount + shift.day] { violations += 1 }
                if offset > 0 {
                    let previous = shifts[mine[offset - 1]]
                    if previous.day == shift.day || shift.start - previous.end < restSeconds { violations += 1 }
                }
                minutesByWeek[shift.week] += shift.minutes
                if shift.kinds[0] {
                    nightsInRow = lastNightDay == shift.day - 1 && consecutiveWithPrevious[shift.day] ? nightsInRow + 1 : 1
                    lastNightDay = shift.day
                    if nightsInRow > input.people.maxConsecutiveNights { violations += 1 }
                }
            }
            violations += minutesByWeek.filter { $0 > input.people.maxHoursPerWeek * 60 }.count
        }
        return violations
    }
}
