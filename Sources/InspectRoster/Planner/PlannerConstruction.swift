import InspectCalendar
import InspectCore

extension PlannerEngine {
    /// Lays out the wanted slots, places started teams, pins and the previous roster, repairs
    /// what no longer fits, and builds the remaining teams greedily.
    mutating func construct() {
        layOutSlots()
        placeStartedTeams()
        placePins()
        keepPreviousTeams()
        repairKeptTeams()
        let empty = slots.indices.filter {
            slots[$0].wanted && slots[$0].origin == .planned && slots[$0].members.isEmpty
                && !shifts[slots[$0].shift].frozen && slots[$0].reason == nil
        }
        for slotIndex in empty.sorted(by: constructionOrder) {
            let outcome = buildTeam(slots[slotIndex].shift)
            if outcome.members.isEmpty {
                slots[slotIndex].reason = outcome.reason
            } else {
                place(outcome.members, in: slotIndex, movable: true)
            }
        }
    }

    /// Shifts whose period requires a department first (they compete for fewer people), then by start.
    func constructionOrder(_ left: Int, _ right: Int) -> Bool {
        let a = slots[left]
        let b = slots[right]
        let aRequired = required(a.shift).isEmpty ? 1 : 0
        let bRequired = required(b.shift).isEmpty ? 1 : 0
        return (aRequired, shifts[a.shift].start, a.shift, a.zoneOrder, a.index)
            < (bRequired, shifts[b.shift].start, b.shift, b.zoneOrder, b.index)
    }

    mutating func place(_ members: [Int], in slotIndex: Int, movable: Bool) {
        for member in members {
            apply(member, slots[slotIndex].shift, 1, slot: slotIndex)
            slots[slotIndex].members.append(member)
            slots[slotIndex].movable.append(movable)
        }
    }

    /// One slot per wanted team: per planned shift, per coverage rule of its period, numbered per zone.
    mutating func layOutSlots() {
        for (dayIndex, calendarDay) in days.enumerated() where plannedDay[dayIndex] {
            for (periodIndex, period) in periods.enumerated() {
                let shift = shiftIndex(day: dayIndex, period: periodIndex)
                let kind = calendarDay.kind
                var next: [String: Int] = [:]
                for (order, rule) in input.coverage.enumerated() where rule.periodID == period.id {
                    var count = rule.teamsByDayKind[kind] ?? (kind.countsAsWorkday ? rule.teamsByDayKind[.workday] ?? 0 : 0)
                    if shifts[shift].kinds[3] { count += rule.extraTeamsInRain }
                    for _ in 0..<max(0, count) {
                        let index = next[rule.zone, default: 0]
                        next[rule.zone] = index + 1
                        slotByKey[SlotKey(shift: shift, zone: rule.zone, index: index)] = slots.count
                        slots.append(
                            PlannerSlot(
                                shift: shift, zone: rule.zone, zoneOrder: order, index: index, wanted: true, output: true))
                    }
                }
            }
        }
    }

    /// The slot for a key, adding one outside the coverage when there is none.
    mutating func slot(for key: SlotKey) -> Int {
        if let existing = slotByKey[key] { return existing }
        let periodID = periods[shifts[key.shift].period].id
        let order =
            input.coverage.firstIndex { $0.zone == key.zone && $0.periodID == periodID }
            ?? input.coverage.firstIndex { $0.zone == key.zone } ?? input.coverage.count
        slotByKey[key] = slots.count
        slots.append(
            PlannerSlot(
                shift: key.shift, zone: key.zone, zoneOrder: order, index: key.index, wanted: false,
                output: plannedDay[shifts[key.shift].day]))
        return slots.count - 1
    }

    func sortedPrevious() -> [(team: PlannedTeam, shift: Int)] {
        input.previous.compactMap { team in shiftIndex(date: team.date, periodID: team.periodID).map { (team, $0) } }
            .sorted { ($0.shift, $0.team.zone, $0.team.index) < ($1.shift, $1.team.zone, $1.team.index) }
    }

    /// Teams of started shifts, exactly as they were; nothing else goes on those shifts.
    mutating func placeStartedTeams() {
        for (team, shift) in sortedPrevious() where shifts[shift].frozen {
            let slotIndex = slot(for: SlotKey(shift: shift, zone: team.zone, index: team.index))
            guard slots[slotIndex].origin == .planned, slots[slotIndex].members.isEmpty else { continue }
            slots[slotIndex].origin = .frozen
            slots[slotIndex].fixedIDs = team.memberIDs.sorted()
            place(uniqueKnown(team.memberIDs), in: slotIndex, movable: false)
        }
    }

    func uniqueKnown(_ ids: [String]) -> [Int] {
        var seen = Set<Int>()
        return ids.compactMap { personIndex[$0] }.filter { seen.insert($0).inserted }
    }

    /// Pins, exactly as given; what they break is reported, not repaired.
    mutating func placePins() {
        let pins = input.pins.sorted { ($0.date, $0.periodID, $0.zone, $0.index) < ($1.date, $1.periodID, $1.zone, $1.index) }
        for pin in pins {
            let name = slotLabel(date: pin.date, periodID: pin.periodID, zone: pin.zone, index: pin.index)
            guard let day = dayIndex[pin.date], plannedDay[day] else {
                pinProblems.append("\(name): \(pin.date) is not a planned date; the pin is ignored")
                continue
            }
            guard let period = periodIndex[pin.periodID] else {
                pinProblems.append("\(name): there is no period \(pin.periodID); the pin is ignored")
                continue
            }
            let shift = shiftIndex(day: day, period: period)
            let key = SlotKey(shift: shift, zone: pin.zone, index: pin.index)
            if shifts[shift].frozen {
                let existing = slotByKey[key].flatMap { slots[$0].fixedIDs }
                if existing != pin.memberIDs.sorted() {
                    pinProblems.append("\(name): the shift started before the re-plan; the team on duty stays and the pin is ignored")
                }
                continue
            }
            let slotIndex = slot(for: key)
            guard slots[slotIndex].origin == .planned else {
                pinProblems.append("\(name): pinned twice; the first pin is kept")
                continue
            }
            if !slots[slotIndex].wanted {
                pinProblems.append("\(name): the coverage rules ask for no such team; it is kept as an extra team")
            }
            for id in pin.memberIDs where personIndex[id] == nil {
                pinProblems.append("\(name): \(id) is not in the directory")
            }
            let members = uniqueKnown(pin.memberIDs)
            for member in members {
                if let rule = obstacle(member, shift) {
                    pinProblems.append("\(name): \(people[member].id) breaks a hard rule: \(rule.summary) (\(rule.rawValue))")
                }
                apply(member, shift, 1, slot: slotIndex)
            }
            if let rule = compositionProblem(members, shift, size: pin.memberIDs.count) {
                pinProblems.append("\(name): the team breaks a hard rule: \(rule.summary) (\(rule.rawValue))")
            }
            slots[slotIndex].members = members
            slots[slotIndex].movable = members.map { _ in false }
            slots[slotIndex].origin = .pinned
            slots[slotIndex].fixedIDs = pin.memberIDs.sorted()
        }
    }

    /// Previous teams whose slot still exists keep every member who can still take the shift.
    mutating func keepPreviousTeams() {
        for (team, shift) in sortedPrevious() where !shifts[shift].frozen && plannedDay[shifts[shift].day] {
            guard let slotIndex = slotByKey[SlotKey(shift: shift, zone: team.zone, index: team.index)],
                slots[slotIndex].wanted, slots[slotIndex].origin == .planned, slots[slotIndex].members.isEmpty
            else { continue }
            slots[slotIndex].origin = .kept
            for member in uniqueKnown(team.memberIDs) where canTake(member, shift) {
                apply(member, shift, 1, slot: slotIndex)
                slots[slotIndex].members.append(member)
                slots[slotIndex].movable.append(false)
            }
            if slots[slotIndex].members.count != team.memberIDs.count {
                slots[slotIndex].origin = .repaired
            }
        }
    }

    /// Completes kept teams that lost members or no longer meet the team rules: the missing
    /// members first, then a single swap, and only then a new team.
    mutating func repairKeptTeams() {
        let damaged = slots.indices.filter { index in
            let slot = slots[index]
            return (slot.origin == .kept || slot.origin == .repaired) && !teamValid(slot.members, slot.shift)
        }
        for slotIndex in damaged.sorted(by: constructionOrder) {
            slots[slotIndex].origin = .repaired
            let shift = slots[slotIndex].shift
            let kept = slots[slotIndex].members
            if kept.count < input.team.size {
                let outcome = buildTeam(shift, keeping: kept)
                if !outcome.members.isEmpty {
                    place(Array(outcome.members.dropFirst(kept.count)), in: slotIndex, movable: true)
                    continue
                }
            } else if kept.count == input.team.size, swapOne(slotIndex) {
                continue
            }
            for member in kept { apply(member, shift, -1, slot: slotIndex) }
            slots[slotIndex].members = []
            slots[slotIndex].movable = []
            let outcome = buildTeam(shift)
            if outcome.members.isEmpty {
                slots[slotIndex].reason = outcome.reason
            } else {
                place(outcome.members, in: slotIndex, movable: true)
            }
        }
    }

    /// Replaces one member so a complete team meets the team rules again; the cheapest such swap.
    mutating func swapOne(_ slotIndex: Int) -> Bool {
        let shift = slots[slotIndex].shift
        let members = slots[slotIndex].members
        let candidates = people.indices.filter { !members.contains($0) && canTake($0, shift) }
            .sorted { (marginalCost($0, shift), tieBreak[$0], $0) < (marginalCost($1, shift), tieBreak[$1], $1) }
        for position in members.indices {
            var trial = members
            for candidate in candidates {
                trial[position] = candidate
                guard teamValid(trial, shift) else { continue }
                apply(members[position], shift, -1, slot: slotIndex)
                apply(candidate, shift, 1, slot: slotIndex)
                slots[slotIndex].members[position] = candidate
                slots[slotIndex].movable[position] = true
                return true
            }
        }
        return false
    }

    /// A complete team for a shift, starting from `keeping`: the required departments, then
    /// certified officers, then departments, then anyone. Each place goes to the feasible
    /// inspector whose duty and hours grow the objective least among those who leave the team
    /// completable; when that fails, a second pass saves certified officers and required
    /// departments for the places that need them (the other way round with ``sparingFirst``). Empty with a reason when the hard rules make
    /// the team impossible.
    func buildTeam(_ shiftIndex: Int, keeping: [Int] = []) -> (members: [Int], reason: String) {
        let first = buildTeam(shiftIndex, keeping: keeping, sparing: sparingFirst)
        return first.members.isEmpty ? buildTeam(shiftIndex, keeping: keeping, sparing: !sparingFirst) : first
    }

    /// "after rest, leave, night-run and weekly-hour limits", plus the monthly cap of the
    /// shift's kind of day when it keeps anyone off whom no other limit does.
    func limitsText(_ shiftIndex: Int, keeping: [Int]) -> String {
        let text = "after rest, leave, night-run and weekly-hour limits"
        for (cap, kind) in Self.cappedKinds.enumerated() where shifts[shiftIndex].kinds[kind] && monthlyCaps[cap] < Int.max {
            let kept = people.indices.filter { !keeping.contains($0) && obstacle($0, shiftIndex) == Self.capRules[cap] }.count
            guard kept > 0 else { continue }
            let shiftsText = "\(monthlyCaps[cap]) \(cap == 0 ? "rest-day" : "holiday") shift\(monthlyCaps[cap] == 1 ? "" : "s")"
            return text + " and the monthly cap of \(shiftsText), which alone keeps \(kept) inspector\(kept == 1 ? "" : "s") off"
        }
        return text
    }

    /// Wanted teams of shifts not yet started that are still empty.
    var unfilledTeams: Int {
        slots.filter { $0.wanted && $0.members.isEmpty && $0.fixedIDs == nil && !shifts[$0.shift].frozen }.count
    }

    /// One pass of ``buildTeam(_:keeping:)``; `sparing` prefers certified officers where they
    /// also add a department and keeps certified officers and required departments out of places
    /// anyone can take.
    func buildTeam(_ shiftIndex: Int, keeping: [Int], sparing: Bool) -> (members: [Int], reason: String) {
        let rules = input.team
        let required = required(shiftIndex)
        let label = label(shiftIndex)
        if required.count > rules.size || rules.minCertified > rules.size || rules.minDepartments > rules.size || rules.size < 1 {
            return ([], "team rules cannot be met by a team of \(rules.size) for \(label)")
        }
        var candidates = people.indices.filter { !keeping.contains($0) && canTake($0, shiftIndex) }
        let costs = candidates.map { marginalCost($0, shiftIndex) }
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
        for member in keeping { take(member) }
        /// Whether the places left after taking `person` can still meet the team rules.
        func completable(with person: Int) -> Bool {
            let left = rules.size - team.count - 1
            var withPerson = departments
            withPerson.insert(department[person])
            let certifiedNeeded = rules.minCertified - certifiedCount - (certified[person] ? 1 : 0)
            let departmentsNeeded = rules.minDepartments - withPerson.count
            return certifiedNeeded <= left && departmentsNeeded <= left && required.subtracting(withPerson).count <= left
        }
        func pick(_ allowed: (Int) -> Bool, prefer: [(Int) -> Bool]) -> Int? {
            let open = candidates.filter { !team.contains($0) && allowed($0) }
            guard sparing else { return open.first(where: completable) }
            for preference in prefer {
                if let best = open.first(where: preference) { return best }
            }
            return open.first
        }
        /// The limits that keep people off, for a reason; computed only when a team fails.
        func after() -> String { limitsText(shiftIndex, keeping: keeping) }
        func tooBig() -> String {
            "a team of \(rules.size) cannot combine \(rules.minCertified) certified officers, "
                + "\(rules.minDepartments) departments and \(required.sorted().joined(separator: ", ")) "
                + "from the \(candidates.count) inspectors available for \(label) \(after())"
        }
        for needed in required.sorted() where !departments.contains(needed) {
            guard team.count < rules.size else { return ([], tooBig()) }
            guard
                let person = pick(
                    { department[$0] == needed }, prefer: [{ certifiedCount < rules.minCertified && certified[$0] }])
            else {
                return ([], "no \(needed) officer available for \(label) \(after())")
            }
            take(person)
        }
        while certifiedCount < rules.minCertified {
            guard team.count < rules.size else { return ([], tooBig()) }
            guard
                let person = pick(
                    { certified[$0] },
                    prefer: [{ departments.count < rules.minDepartments && !departments.contains(department[$0]) }])
            else {
                let total = candidates.filter { certified[$0] }.count + keeping.filter { certified[$0] }.count
                return (
                    [],
                    "only \(total) certified officer\(total == 1 ? "" : "s") available for \(label) \(after()); a team needs \(rules.minCertified)"
                )
            }
            take(person)
        }
        while departments.count < rules.minDepartments {
            guard team.count < rules.size else { return ([], tooBig()) }
            guard let person = pick({ !departments.contains(department[$0]) }, prefer: []) else {
                let total = Set((candidates + keeping).map { department[$0] }).count
                return (
                    [],
                    "only \(total) department\(total == 1 ? "" : "s") with an inspector available for \(label) \(after()); a team needs \(rules.minDepartments)"
                )
            }
            take(person)
        }
        while team.count < rules.size {
            guard
                let person = pick(
                    { _ in true },
                    prefer: [{ !certified[$0] && !scarceDepartment[$0] }, { !scarceDepartment[$0] }, { !certified[$0] }])
            else {
                let total = candidates.count + keeping.count
                return ([], "only \(total) inspector\(total == 1 ? "" : "s") available for \(label) \(after()); a team needs \(rules.size)")
            }
            take(person)
        }
        return (team, "")
    }
}
