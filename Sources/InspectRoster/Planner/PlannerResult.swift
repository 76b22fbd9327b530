import InspectCalendar
import InspectCore

extension PlannerEngine {
    func memberIDs(_ slot: PlannerSlot) -> [String] {
        slot.fixedIDs ?? slot.members.map { people[$0].id }.sorted()
    }

    func plannedTeam(_ slot: PlannerSlot) -> PlannedTeam {
        let shift = shifts[slot.shift]
        return PlannedTeam(
            date: days[shift.day].date, periodID: periods[shift.period].id, zone: slot.zone, index: slot.index,
            memberIDs: memberIDs(slot))
    }

    func result() -> Plan {
        let ordered = slots.indices.filter { slots[$0].output }.sorted {
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
            if slot.members.isEmpty && slot.fixedIDs == nil {
                guard slot.wanted else { continue }
                let reason =
                    slot.reason
                    ?? (shifts[slot.shift].frozen
                        ? "\(label(slot.shift)) started before the re-plan without this team; started shifts do not change"
                        : "no team could be formed")
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
                teams.append(plannedTeam(slot))
            }
        }

        var previousByKey: [String: [String]] = [:]
        var previousOnPlannedDates: [PlannedTeam] = []
        for team in input.previous {
            let key = slotLabel(date: team.date, periodID: team.periodID, zone: team.zone, index: team.index)
            guard previousByKey[key] == nil else { continue }
            previousByKey[key] = team.memberIDs.sorted()
            if let day = dayIndex[team.date], plannedDay[day] { previousOnPlannedDates.append(team) }
        }
        var planned = Set<String>()
        var changed: [PlannedTeam] = []
        for team in teams {
            let key = slotLabel(date: team.date, periodID: team.periodID, zone: team.zone, index: team.index)
            planned.insert(key)
            if previousByKey[key] != team.memberIDs { changed.append(team) }
        }
        let dropped = previousOnPlannedDates.filter {
            !planned.contains(slotLabel(date: $0.date, periodID: $0.periodID, zone: $0.zone, index: $0.index))
        }

        let (spread, groups) = fairness()
        return Plan(
            teams: teams, shortfalls: shortfalls, hardViolations: recheck(), fairnessSpread: spread, fairnessGroups: groups,
            pinProblems: pinProblems, changedTeams: changed, droppedTeams: dropped)
    }

    /// Spreads within each fairness group, each department group and over everyone; see
    /// ``Plan/fairnessSpread``.
    func fairness() -> ([String: Int], [FairnessGroupSpread]) {
        var spread: [String: Int] = [:]
        var groups: [FairnessGroupSpread] = []
        let counted = people.indices.filter { eligible[$0] }
        func range(_ persons: [Int], _ kind: Int) -> (min: Int, max: Int)? {
            let values = persons.map { duty[$0 * Self.kindCount + kind] }
            guard let low = values.min(), let high = values.max() else { return nil }
            return (low, high)
        }
        for (kind, name) in Self.kindNames.enumerated() {
            spread[name + ":all"] = range(counted, kind).map { $0.max - $0.min } ?? 0
            var largest = 0
            for index in departmentGroupNames.indices {
                if let values = range(counted.filter { departmentGroup[$0] == index }, kind) {
                    largest = max(largest, values.max - values.min)
                }
            }
            spread[name + ":department"] = largest
            largest = 0
            for (index, groupName) in groupNames.enumerated() {
                let members = counted.filter { group[$0] == index }
                guard let values = range(members, kind) else { continue }
                largest = max(largest, values.max - values.min)
                groups.append(
                    FairnessGroupSpread(
                        group: groupName, department: groupDepartment[index], certified: index % 2 == 0, kind: name,
                        inspectors: members.count, min: values.min, max: values.max))
            }
            spread[name] = largest
        }
        return (spread, groups)
    }

    /// Re-checks the finished slots from scratch, without the incremental bookkeeping. A
    /// violation counts when a team the planner placed takes part in it; what pinned and
    /// started teams break among themselves is theirs.
    func recheck() -> Int {
        var violations = 0
        var held = [[(shift: Int, fixed: Bool)]](repeating: [], count: people.count)
        for slot in slots where !slot.members.isEmpty {
            if !slot.isFixed && !teamValid(slot.members, slot.shift) { violations += 1 }
            for member in slot.members { held[member].append((slot.shift, slot.isFixed)) }
        }
        for person in people.indices {
            let mine = held[person].sorted { (shifts[$0.shift].start, $0.shift) < (shifts[$1.shift].start, $1.shift) }
            var minutesByWeek = [Int](repeating: 0, count: weekCount)
            var freeInWeek = [Bool](repeating: false, count: weekCount)
            let caps = Self.cappedKinds.count
            var shiftsByMonth = Array(monthBase[(person * monthCount * caps)..<((person + 1) * monthCount * caps)])
            var freeInMonth = [Bool](repeating: false, count: monthCount * caps)
            var nightsInRow = 0
            var runHasFree = false
            var lastNightDay = -2
            for (offset, entry) in mine.enumerated() {
                let shift = shifts[entry.shift]
                if !entry.fixed && unavailable[person * dayCount + shift.day] { violations += 1 }
                if offset > 0 {
                    let previous = mine[offset - 1]
                    let before = shifts[previous.shift]
                    if (!entry.fixed || !previous.fixed) && (before.day == shift.day || shift.start - before.end < restSeconds) {
                        violations += 1
                    }
                }
                minutesByWeek[shift.week] += shift.minutes
                if !entry.fixed { freeInWeek[shift.week] = true }
                for (cap, kind) in Self.cappedKinds.enumerated() where shift.kinds[kind] {
                    shiftsByMonth[shift.month * caps + cap] += 1
                    if !entry.fixed { freeInMonth[shift.month * caps + cap] = true }
                }
                if shift.night {
                    let continues = lastNightDay == shift.day - 1 && consecutiveWithPrevious[shift.day]
                    nightsInRow = continues ? nightsInRow + 1 : 1
                    runHasFree = (continues && runHasFree) || !entry.fixed
                    lastNightDay = shift.day
                    if nightsInRow > input.people.maxConsecutiveNights && runHasFree { violations += 1 }
                }
            }
            for week in 0..<weekCount where freeInWeek[week] && minutesByWeek[week] > input.people.maxHoursPerWeek * 60 {
                violations += 1
            }
            for cell in shiftsByMonth.indices where freeInMonth[cell] && shiftsByMonth[cell] > monthlyCaps[cell % caps] {
                violations += 1
            }
        }
        return violations
    }
}
