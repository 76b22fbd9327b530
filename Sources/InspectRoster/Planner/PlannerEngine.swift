import InspectCalendar
import InspectCore

/// One period on one date.
struct PlannerShift {
    var day: Int
    var period: Int
    var start: Int64
    var end: Int64
    var minutes: Int
    var week: Int
    /// The calendar month of the date, numbered from 0 in date order.
    var month: Int
    /// Counts towards the consecutive-nights rule.
    var night: Bool
    /// Fairness kinds (night, restday, holiday, rain); none on context dates.
    var kinds: [Bool]
    /// Started before ``PlanningInput/frozenBefore``.
    var frozen: Bool
}

/// A team position of a shift: wanted by the coverage rules, or brought by a pin or a started team.
struct PlannerSlot {
    enum Origin {
        /// Built in this run (or still empty).
        case planned
        /// Taken over from the previous roster, members unchanged so far.
        case kept
        /// Taken over from the previous roster with members replaced.
        case repaired
        case pinned
        /// On a started shift: exactly as in the previous roster.
        case frozen
    }

    var shift: Int
    var zone: String
    var zoneOrder: Int
    var index: Int
    var members: [Int] = []
    /// Per position: whether the local search may move it.
    var movable: [Bool] = []
    var origin: Origin = .planned
    /// The ids to report for a pinned or started team, which may name people no longer in the directory.
    var fixedIDs: [String]?
    /// Whether the coverage rules ask for this team.
    var wanted: Bool
    /// Whether the team is part of the returned plan (not for started teams outside the planned dates).
    var output: Bool
    /// Why the slot is empty, when it is.
    var reason: String?

    var isFixed: Bool { origin == .pinned || origin == .frozen }
}

struct SlotKey: Hashable {
    var shift: Int
    var zone: String
    var index: Int
}

/// The planner's state: who holds which shift, and the counts the rules and fairness need.
struct PlannerEngine {
    static let kindNames = ["night", "restday", "holiday", "rain"]
    static let kindCount = 4
    /// Weights of each kind's duty terms in the objective, against squared hours (weight 1):
    /// large enough that evening out a kind always beats evening out hours, nights first.
    static let kindWeights = [16384, 2048, 2048, 2048]
    /// How much more the objective weighs evenness within a fairness group than evenness
    /// over everyone (see ``score(_:)``).
    static let groupWeight = 4.0
    /// The same for evenness within a department group (certified and not together).
    static let departmentWeight = 1.0
    /// The kinds with a monthly cap, by cap: rest days, then holidays (indices into ``kindNames``).
    static let cappedKinds = [1, 2]
    /// The rule of each monthly cap, in the order of ``cappedKinds``.
    static let capRules: [HardRule] = [.restdayShiftsPerMonth, .holidayShiftsPerMonth]

    let input: PlanningInput
    let people: [Inspector]
    let personIndex: [String: Int]
    /// Planned dates plus context dates (started teams outside the planned dates), sorted.
    let days: [CalendarDay]
    let plannedDay: [Bool]
    let dayIndex: [CivilDate: Int]
    let periods: [PlanningPeriod]
    let periodIndex: [String: Int]
    /// `day * periods.count + period`.
    let shifts: [PlannerShift]
    let dayCount: Int
    let weekCount: Int
    let monthCount: Int
    /// Per capped kind (``cappedKinds``): the most shifts a month, `Int.max` for no limit.
    let monthlyCaps: [Int]
    let window: Int
    let restSeconds: Int64
    let consecutiveWithPrevious: [Bool]
    let unavailable: [Bool]
    let department: [String]
    let certified: [Bool]
    let scarceDepartment: [Bool]
    /// Fairness group per person: department group × certified; see ``Plan/fairnessSpread``.
    let group: [Int]
    let groupNames: [String]
    /// The required department of each fairness group, nil for everyone else.
    let groupDepartment: [String?]
    /// Per person: the required department's index, or the last index for everyone else.
    let departmentGroup: [Int]
    let departmentGroupNames: [String]
    /// Available on at least one planned date.
    let eligible: [Bool]
    let tieBreak: [UInt64]
    /// Shift held per person and date, -1 when none.
    var dayShift: [Int]
    /// Slot held per person and date, -1 when none.
    var daySlot: [Int]
    var weekMinutes: [Int]
    /// Shifts held per person, month and capped kind: `(person * monthCount + month) * 2 + cap`.
    /// Only planned dates count (``PlannerShift/kinds`` is empty on context dates).
    var monthShifts: [Int]
    /// ``monthShifts`` before any planned shift: what ``PlanningInput/monthToDate`` brings in.
    let monthBase: [Int]
    /// History + plan, `kindCount` per person.
    var duty: [Int]
    var hours: [Int]
    /// Duty per fairness group and kind, over the group's eligible inspectors.
    var groupTotal: [Int]
    /// Eligible inspectors per fairness group.
    let groupSize: [Int]
    /// Duty per department group and kind, over the group's eligible inspectors.
    var departmentTotal: [Int]
    /// Eligible inspectors per department group.
    let departmentSize: [Int]
    /// Eligible inspectors per group and kind by duty count: fairness groups first, then
    /// department groups; `(groupKey * kindCount + kind) * histogramWidth + count`.
    var histogram: [Int]
    let histogramWidth: Int
    var slots: [PlannerSlot] = []
    var slotByKey: [SlotKey: Int] = [:]
    var pinProblems: [String] = []
    /// Whether the greedy saves certified officers and required departments for the places
    /// that need them before it tries the fairest choice (see ``buildTeam(_:keeping:)``).
    var sparingFirst = false
    var random: SplitMix64

    init(_ input: PlanningInput) {
        self.input = input
        people = input.inspectors.sorted { $0.id < $1.id }
        let personIndex = Dictionary(people.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.personIndex = personIndex
        periods = input.periods
        let periodIndex = Dictionary(periods.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.periodIndex = periodIndex

        var seen = Set<CivilDate>()
        let planned = input.days.sorted { $0.date < $1.date }.filter { seen.insert($0.date).inserted }
        // Started teams on dates outside the plan still count for rest, hours and night runs.
        var context: [CalendarDay] = []
        if let frozenBefore = input.frozenBefore {
            for team in input.previous where !seen.contains(team.date) {
                guard let period = periodIndex[team.periodID],
                    periods[period].interval(on: team.date, in: input.zone).start < frozenBefore
                else { continue }
                seen.insert(team.date)
                context.append(
                    CalendarDay(date: team.date, kind: .workday, name: nil, provisional: false, inLieu: false, source: "previous roster"))
            }
        }
        let plannedDates = Set(planned.map(\.date))
        days = (planned + context).sorted { $0.date < $1.date }
        plannedDay = days.map { plannedDates.contains($0.date) }
        dayIndex = Dictionary(days.enumerated().map { ($1.date, $0) }, uniquingKeysWith: { first, _ in first })
        dayCount = days.count
        let personCount = people.count

        var weekIndex: [Int: Int] = [:]
        var monthIndex: [Int: Int] = [:]
        var shifts: [PlannerShift] = []
        for (dayIndex, calendarDay) in days.enumerated() {
            let monday = calendarDay.date.daysSinceEpoch - (calendarDay.date.isoWeekday - 1)
            let week = weekIndex[monday] ?? weekIndex.count
            weekIndex[monday] = week
            let monthKey = calendarDay.date.year * 12 + calendarDay.date.month - 1
            let month = monthIndex[monthKey] ?? monthIndex.count
            monthIndex[monthKey] = month
            let counted = plannedDates.contains(calendarDay.date)
            for (periodIndex, period) in periods.enumerated() {
                let interval = period.interval(on: calendarDay.date, in: input.zone)
                let night = period.crossesMidnight || period.startMinute < 6 * 60
                let rain = input.rainPeriods.contains("\(calendarDay.date)/\(period.id)")
                let kinds = counted ? [night, calendarDay.kind == .restday, calendarDay.kind == .holiday, rain] : [false, false, false, false]
                shifts.append(
                    PlannerShift(
                        day: dayIndex, period: periodIndex, start: interval.start, end: interval.end,
                        minutes: Int(interval.end - interval.start) / 60, week: week, month: month, night: night, kinds: kinds,
                        frozen: input.frozenBefore.map { interval.start < $0 } ?? false))
            }
        }
        self.shifts = shifts
        weekCount = max(1, weekIndex.count)
        monthCount = max(1, monthIndex.count)
        monthlyCaps = [input.people.maxRestdayShiftsPerMonth ?? Int.max, input.people.maxHolidayShiftsPerMonth ?? Int.max]
        restSeconds = Int64(max(0, input.people.minRestHours)) * 3600
        let longest = shifts.map { Int64($0.end - $0.start) }.max() ?? 0
        window = Int((restSeconds + longest) / 86_400) + 2
        let sortedDays = days
        consecutiveWithPrevious = sortedDays.indices.map { $0 > 0 && sortedDays[$0 - 1].date.days(to: sortedDays[$0].date) == 1 }

        var unavailable = [Bool](repeating: false, count: personCount * dayCount)
        for leave in input.unavailable {
            guard let person = personIndex[leave.inspectorID] else { continue }
            for (dayIndex, calendarDay) in days.enumerated()
            where calendarDay.date >= leave.from && calendarDay.date <= leave.through {
                unavailable[person * dayCount + dayIndex] = true
            }
        }
        self.unavailable = unavailable
        let plannedDayFlags = plannedDay
        eligible = (0..<personCount).map { person in
            (0..<plannedDayFlags.count).contains { plannedDayFlags[$0] && !unavailable[person * plannedDayFlags.count + $0] }
        }
        department = people.map(\.department)
        certified = people.map(\.certified)
        let required = input.team.requiredDepartmentsByPeriod.values.reduce(into: Set<String>()) { $0.formUnion($1) }
        scarceDepartment = people.map { required.contains($0.department) }
        let requiredSorted = required.sorted()
        departmentGroupNames = requiredSorted + [required.isEmpty ? "everyone" : "others"]
        let groupOf = Dictionary(requiredSorted.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let departmentGroup = people.map { groupOf[$0.department] ?? requiredSorted.count }
        self.departmentGroup = departmentGroup
        groupNames = departmentGroupNames.flatMap { ["\($0), certified", "\($0), not certified"] }
        groupDepartment = (requiredSorted.map { Optional($0) } + [nil]).flatMap { [$0, $0] }
        group = zip(departmentGroup, people).map { $0 * 2 + ($1.certified ? 0 : 1) }

        var duty = [Int](repeating: 0, count: personCount * Self.kindCount)
        for past in input.history {
            guard let person = personIndex[past.inspectorID] else { continue }
            duty[person * Self.kindCount + 0] += past.nights
            duty[person * Self.kindCount + 1] += past.restdays
            duty[person * Self.kindCount + 2] += past.holidays
            duty[person * Self.kindCount + 3] += past.rain
        }
        self.duty = duty
        var groupTotal = [Int](repeating: 0, count: groupNames.count * Self.kindCount)
        var groupSize = [Int](repeating: 0, count: groupNames.count)
        for person in 0..<personCount where eligible[person] {
            groupSize[group[person]] += 1
            for kind in 0..<Self.kindCount { groupTotal[group[person] * Self.kindCount + kind] += duty[person * Self.kindCount + kind] }
        }
        self.groupTotal = groupTotal
        self.groupSize = groupSize
        var departmentTotal = [Int](repeating: 0, count: departmentGroupNames.count * Self.kindCount)
        var departmentSize = [Int](repeating: 0, count: departmentGroupNames.count)
        for person in 0..<personCount where eligible[person] {
            departmentSize[departmentGroup[person]] += 1
            for kind in 0..<Self.kindCount {
                departmentTotal[departmentGroup[person] * Self.kindCount + kind] += duty[person * Self.kindCount + kind]
            }
        }
        self.departmentTotal = departmentTotal
        self.departmentSize = departmentSize
        let width = (duty.max() ?? 0) + dayCount + 2
        histogramWidth = width
        var histogram = [Int](repeating: 0, count: (groupNames.count + departmentGroupNames.count) * Self.kindCount * width)
        for person in 0..<personCount where eligible[person] {
            for kind in 0..<Self.kindCount {
                let count = max(0, duty[person * Self.kindCount + kind])
                histogram[(group[person] * Self.kindCount + kind) * width + count] += 1
                histogram[((groupNames.count + departmentGroup[person]) * Self.kindCount + kind) * width + count] += 1
            }
        }
        self.histogram = histogram
        hours = [Int](repeating: 0, count: personCount)
        dayShift = [Int](repeating: -1, count: personCount * dayCount)
        daySlot = [Int](repeating: -1, count: personCount * dayCount)
        weekMinutes = [Int](repeating: 0, count: personCount * weekCount)
        // Shifts worked earlier in a planned month count against its caps from the start.
        var monthBase = [Int](repeating: 0, count: personCount * monthCount * Self.cappedKinds.count)
        let personOf = Dictionary(people.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        for worked in input.monthToDate {
            guard let person = personOf[worked.inspectorID], let month = monthIndex[worked.year * 12 + worked.month - 1] else { continue }
            let cell = (person * monthCount + month) * Self.cappedKinds.count
            monthBase[cell] += max(0, worked.restdays)
            monthBase[cell + 1] += max(0, worked.holidays)
        }
        self.monthBase = monthBase
        monthShifts = monthBase
        random = SplitMix64(seed: input.seed)
        var tieBreak: [UInt64] = []
        for _ in 0..<personCount { tieBreak.append(random.next()) }
        self.tieBreak = tieBreak
    }

    func shiftIndex(day: Int, period: Int) -> Int { day * periods.count + period }

    /// The shift a team names, when its date and period are known.
    func shiftIndex(date: CivilDate, periodID: String) -> Int? {
        guard let day = dayIndex[date], let period = periodIndex[periodID] else { return nil }
        return shiftIndex(day: day, period: period)
    }

    // MARK: hard rules for one person

    /// The first hard rule `person` would break by taking `shiftIndex` on top of what they hold, or nil.
    func obstacle(_ person: Int, _ shiftIndex: Int) -> HardRule? {
        let shift = shifts[shiftIndex]
        let day = shift.day
        let base = person * dayCount
        if unavailable[base + day] { return .leave }
        if dayShift[base + day] >= 0 { return .sameDate }
        for other in max(0, day - window)...min(dayCount - 1, day + window) where other != day {
            let taken = dayShift[base + other]
            guard taken >= 0 else { continue }
            let held = shifts[taken]
            if held.end <= shift.start {
                if shift.start - held.end < restSeconds { return .rest }
            } else if shift.end <= held.start {
                if held.start - shift.end < restSeconds { return .rest }
            } else {
                return .rest
            }
        }
        if weekMinutes[person * weekCount + shift.week] + shift.minutes > input.people.maxHoursPerWeek * 60 {
            return .weeklyHours
        }
        if shift.night {
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
            if run > input.people.maxConsecutiveNights { return .consecutiveNights }
        }
        for (cap, kind) in Self.cappedKinds.enumerated() where shift.kinds[kind] {
            if monthShifts[monthCell(person, shift.month, cap)] >= monthlyCaps[cap] {
                return Self.capRules[cap]
            }
        }
        return nil
    }

    /// Index into ``monthShifts``.
    func monthCell(_ person: Int, _ month: Int, _ cap: Int) -> Int {
        (person * monthCount + month) * Self.cappedKinds.count + cap
    }

    func canTake(_ person: Int, _ shiftIndex: Int) -> Bool {
        obstacle(person, shiftIndex) == nil
    }

    func isNight(_ person: Int, _ day: Int) -> Bool {
        let taken = dayShift[person * dayCount + day]
        return taken >= 0 && shifts[taken].night
    }

    mutating func apply(_ person: Int, _ shiftIndex: Int, _ sign: Int, slot: Int) {
        let shift = shifts[shiftIndex]
        let cell = person * dayCount + shift.day
        dayShift[cell] = sign > 0 ? shiftIndex : -1
        daySlot[cell] = sign > 0 ? slot : -1
        weekMinutes[person * weekCount + shift.week] += sign * shift.minutes
        hours[person] += sign * (shift.minutes / 60)
        for (cap, kind) in Self.cappedKinds.enumerated() where shift.kinds[kind] {
            monthShifts[monthCell(person, shift.month, cap)] += sign
        }
        for kind in 0..<Self.kindCount where shift.kinds[kind] {
            duty[person * Self.kindCount + kind] += sign
            if eligible[person] {
                groupTotal[group[person] * Self.kindCount + kind] += sign
                departmentTotal[departmentGroup[person] * Self.kindCount + kind] += sign
                let now = max(0, duty[person * Self.kindCount + kind])
                let before = max(0, now - sign)
                for key in [group[person], groupNames.count + departmentGroup[person]] {
                    let base = (key * Self.kindCount + kind) * histogramWidth
                    histogram[base + before] -= 1
                    histogram[base + now] += 1
                }
            }
        }
    }

    // MARK: team make-up

    func required(_ shiftIndex: Int) -> Set<String> {
        input.team.requiredDepartmentsByPeriod[periods[shifts[shiftIndex].period].id] ?? []
    }

    /// The first team rule `members` break on `shiftIndex`, or nil.
    func compositionProblem(_ members: [Int], _ shiftIndex: Int, size: Int? = nil) -> HardRule? {
        let rules = input.team
        if (size ?? members.count) != rules.size || Set(members).count != members.count { return .teamSize }
        let departments = Set(members.map { department[$0] })
        if !required(shiftIndex).isSubset(of: departments) { return .requiredDepartment }
        if members.filter({ certified[$0] }).count < rules.minCertified { return .certified }
        if departments.count < rules.minDepartments { return .departments }
        return nil
    }

    func teamValid(_ members: [Int], _ shiftIndex: Int) -> Bool {
        compositionProblem(members, shiftIndex) == nil
    }

    // MARK: objective

    /// The part of the objective that depends on `persons` (distinct) and their groups. For
    /// each kind, with weight `w`, over inspectors' duty `d`:
    /// `w · (Σ d² + A · Σ_g n_g · variance_g + B · Σ_h n_h · variance_h)` for fairness groups
    /// `g` and department groups `h`, computed as `(1 + A + B) · Σ d² − A · Σ_g T_g² / n_g −
    /// B · Σ_h T_h² / n_h` from the groups' totals `T` and sizes `n`: evenness within each
    /// fairness group first, then within each department group, then over everyone. Plus
    /// squared hours.
    func score(_ persons: [Int]) -> Double {
        var total = 0.0
        var groupsSeen: [Int] = []
        var departmentsSeen: [Int] = []
        let squares = 1 + Self.groupWeight + Self.departmentWeight
        for person in persons {
            total += Double(hours[person] * hours[person])
            for kind in 0..<Self.kindCount {
                let count = duty[person * Self.kindCount + kind]
                total += squares * Double(Self.kindWeights[kind] * count * count)
            }
            guard eligible[person] else { continue }
            if !groupsSeen.contains(group[person]) { groupsSeen.append(group[person]) }
            if !departmentsSeen.contains(departmentGroup[person]) { departmentsSeen.append(departmentGroup[person]) }
        }
        for index in groupsSeen where groupSize[index] > 0 {
            for kind in 0..<Self.kindCount {
                let sum = Double(groupTotal[index * Self.kindCount + kind])
                total -= Self.groupWeight * Double(Self.kindWeights[kind]) * sum * sum / Double(groupSize[index])
            }
        }
        for index in departmentsSeen where departmentSize[index] > 0 {
            for kind in 0..<Self.kindCount {
                let sum = Double(departmentTotal[index * Self.kindCount + kind])
                total -= Self.departmentWeight * Double(Self.kindWeights[kind]) * sum * sum / Double(departmentSize[index])
            }
        }
        return total
    }

    /// The group-and-kind cells (fairness and department groups) a move of `persons` between
    /// shifts with the given kinds can change.
    func spreadCells(_ persons: [Int], kinds: [Bool]) -> [Int] {
        var cells: [Int] = []
        for person in persons where eligible[person] {
            for kind in 0..<Self.kindCount where kinds[kind] {
                for key in [group[person], groupNames.count + departmentGroup[person]] {
                    let cell = key * Self.kindCount + kind
                    if !cells.contains(cell) { cells.append(cell) }
                }
            }
        }
        return cells
    }

    /// Max − min of a group-and-kind cell.
    func spread(_ cell: Int) -> Int {
        let base = cell * histogramWidth
        guard let low = (0..<histogramWidth).first(where: { histogram[base + $0] > 0 }),
            let high = (0..<histogramWidth).last(where: { histogram[base + $0] > 0 })
        else { return 0 }
        return high - low
    }

    /// Whether no cell's spread grew past both 1 and what it was: the search never widens a
    /// spread, even where the objective would allow it.
    func spreadsHold(_ cells: [Int], _ before: [Int]) -> Bool {
        zip(cells, before).allSatisfy { spread($0) <= max(1, $1) }
    }

    /// One person's weighted squared duty counts plus squared hours (an ordering key).
    func personCost(_ person: Int) -> Int {
        var total = hours[person] * hours[person]
        for kind in 0..<Self.kindCount {
            let count = duty[person * Self.kindCount + kind]
            total += Self.kindWeights[kind] * count * count
        }
        return total
    }

    /// How much the objective grows when `person` takes `shiftIndex`.
    func marginalCost(_ person: Int, _ shiftIndex: Int) -> Int {
        let shift = shifts[shiftIndex]
        let gain = shift.minutes / 60
        var total = 2 * gain * hours[person] + gain * gain
        for kind in 0..<Self.kindCount where shift.kinds[kind] {
            total += Self.kindWeights[kind] * (2 * duty[person * Self.kindCount + kind] + 1)
        }
        return total
    }

    // MARK: naming

    func label(_ shiftIndex: Int) -> String {
        "the \(periods[shifts[shiftIndex].period].id) shift of \(days[shifts[shiftIndex].day].date)"
    }

    func slotLabel(date: CivilDate, periodID: String, zone: String, index: Int) -> String {
        "\(date)/\(periodID)/\(zone)#\(index)"
    }
}
