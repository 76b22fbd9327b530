import InspectCalendar
import InspectCore

extension PlannerEngine {
    /// Loads a finished plan's teams, plus the started teams on dates outside it, without
    /// checking any rule.
    mutating func load(_ plan: Plan) {
        layOutSlots()
        for (team, shift) in sortedPrevious() where shifts[shift].frozen && !plannedDay[shifts[shift].day] {
            let slotIndex = slot(for: SlotKey(shift: shift, zone: team.zone, index: team.index))
            guard slots[slotIndex].fixedIDs == nil else { continue }
            slots[slotIndex].origin = .frozen
            slots[slotIndex].fixedIDs = team.memberIDs.sorted()
            place(uniqueKnown(team.memberIDs), in: slotIndex, movable: false)
        }
        for team in plan.teams { load(team) }
    }

    /// Puts `team` in its slot, replacing whatever the slot held; the slot index, or nil when
    /// the team's date or period is not planned.
    @discardableResult
    mutating func load(_ team: PlannedTeam) -> Int? {
        guard let shift = shiftIndex(date: team.date, periodID: team.periodID) else { return nil }
        let slotIndex = slot(for: SlotKey(shift: shift, zone: team.zone, index: team.index))
        if slots[slotIndex].fixedIDs == team.memberIDs.sorted() { return slotIndex }
        for member in slots[slotIndex].members { apply(member, shift, -1, slot: slotIndex) }
        slots[slotIndex].members = []
        slots[slotIndex].movable = []
        slots[slotIndex].origin = .kept
        slots[slotIndex].fixedIDs = team.memberIDs.sorted()
        place(uniqueKnown(team.memberIDs), in: slotIndex, movable: false)
        return slotIndex
    }

    /// Why `team` is made of its members; see ``RosterPlanner/explain(_:plan:team:)``.
    mutating func explain(_ team: PlannedTeam) -> TeamExplanation {
        let rules = input.team
        guard let slotIndex = load(team) else {
            return TeamExplanation(
                team: team, kinds: [], fixed: nil, requiredDepartments: [], certifiedMemberIDs: [], minCertified: rules.minCertified,
                departments: [], minDepartments: rules.minDepartments, members: [],
                sentences: ["\(team.date) \(team.periodID) is not a planned shift, so there is nothing to explain."])
        }
        let shift = slots[slotIndex].shift
        let members = slots[slotIndex].members
        let period = periods[shifts[shift].period]
        let kinds = Self.kindNames.indices.filter { shifts[shift].kinds[$0] }
        let kindNames = kinds.map { Self.kindNames[$0] }
        var fixed: String?
        if shifts[shift].frozen {
            fixed = "started"
        } else if input.pins.contains(where: {
            $0.date == team.date && $0.periodID == team.periodID && $0.zone == team.zone && $0.index == team.index
                && $0.memberIDs.sorted() == team.memberIDs.sorted()
        }) {
            fixed = "pinned"
        }
        let required = required(shift).sorted()
        let requiredChecks = required.map { needed in
            RequiredDepartmentCheck(department: needed, memberIDs: members.filter { department[$0] == needed }.map { people[$0].id }.sorted())
        }
        let certifiedIDs = members.filter { certified[$0] }.map { people[$0].id }.sorted()
        let departments = Set(members.map { department[$0] }).sorted()

        var sentences: [String] = []
        let kindText = kindNames.isEmpty ? "" : " (\(kindNames.joined(separator: ", ")))"
        sentences.append(
            "Team \(team.index + 1) of zone \(team.zone) on the \(period.id) shift of \(team.date)\(kindText): "
                + "\(team.memberIDs.joined(separator: ", ")).")
        if fixed == "started" {
            sentences.append("The shift had started before the plan was made, so the team is kept exactly as it was.")
        } else if fixed == "pinned" {
            sentences.append("The team is pinned by a manual edit and kept exactly; the planner did not choose it.")
        }
        if team.memberIDs.count != rules.size {
            sentences.append("The team has \(team.memberIDs.count) members where the rules ask for \(rules.size).")
        }
        for check in requiredChecks {
            switch check.memberIDs.count {
            case 0: sentences.append("The \(period.id) period requires \(check.department), but no member is from \(check.department).")
            case 1: sentences.append("The \(period.id) period requires \(check.department): \(check.memberIDs[0]) is the only member from it.")
            default:
                sentences.append(
                    "The \(period.id) period requires \(check.department): \(check.memberIDs.joined(separator: " and ")) are from it.")
            }
        }
        let certifiedList = certifiedIDs.isEmpty ? "none" : certifiedIDs.joined(separator: ", ")
        if certifiedIDs.count == rules.minCertified {
            sentences.append(
                "Certified officers: \(certifiedList), exactly the minimum of \(rules.minCertified); "
                    + "none of them can be swapped for an uncertified inspector.")
        } else {
            sentences.append("Certified officers: \(certifiedList) (\(certifiedIDs.count) against a minimum of \(rules.minCertified)).")
        }
        if departments.count == rules.minDepartments {
            sentences.append(
                "Departments: \(departments.joined(separator: ", ")), exactly the minimum of \(rules.minDepartments).")
        } else {
            sentences.append(
                "Departments: \(departments.joined(separator: ", ")) (\(departments.count) against a minimum of \(rules.minDepartments)).")
        }
        if !kinds.isEmpty && fixed == nil {
            sentences.append(
                "Fairness: each place goes to an inspector with little \(kindNames.joined(separator: " and ")) duty "
                    + "(history + plan) compared with the others of their group who could take it.")
        }

        var explained: [MemberExplanation] = []
        for (position, member) in members.enumerated() {
            var dutyCounts: [String: Int] = [:]
            var averages: [String: Double] = [:]
            let peers = people.indices.filter { group[$0] == group[member] && eligible[$0] }
            for kind in kinds {
                dutyCounts[Self.kindNames[kind]] = duty[member * Self.kindCount + kind]
                let total = peers.reduce(0) { $0 + duty[$1 * Self.kindCount + kind] }
                averages[Self.kindNames[kind]] = peers.isEmpty ? 0 : Double(total) / Double(peers.count)
            }
            apply(member, shift, -1, slot: slotIndex)
            var blocked: [HardRule: Int] = [:]
            var replacements: [Int] = []
            for candidate in people.indices where !members.contains(candidate) {
                if let rule = obstacle(candidate, shift) {
                    blocked[rule, default: 0] += 1
                    continue
                }
                var trial = members
                trial[position] = candidate
                if let rule = compositionProblem(trial, shift) {
                    blocked[rule, default: 0] += 1
                } else {
                    replacements.append(candidate)
                }
            }
            apply(member, shift, 1, slot: slotIndex)
            let blockers = HardRule.allCases.compactMap { rule in blocked[rule].map { RuleCount(rule: rule, inspectors: $0) } }

            var roles: [String] = []
            let alone = members.filter({ department[$0] == department[member] }).count == 1
            let keepsDepartments = alone && departments.count == rules.minDepartments
            let departmentsText = "the team at its minimum of \(rules.minDepartments) departments"
            if alone && required.contains(department[member]) {
                roles.append(
                    "the only member from \(department[member]), which the \(period.id) period requires"
                        + (keepsDepartments ? ", with \(departmentsText)" : ""))
            } else if keepsDepartments {
                roles.append("the only member from \(department[member]), with \(departmentsText)")
            }
            if certified[member] && certifiedIDs.count == rules.minCertified {
                roles.append("one of exactly \(rules.minCertified) certified officers")
            }
            let groupName = groupNames[group[member]]
            var sentence = "\(people[member].id) (\(department[member]), \(certified[member] ? "certified" : "not certified"))"
            sentence += roles.isEmpty ? " holds a place no single rule ties to them." : " is " + roles.joined(separator: "; ") + "."
            if !kinds.isEmpty {
                let counts = kinds.map { kind in
                    let name = Self.kindNames[kind]
                    return "\(dutyCounts[name] ?? 0) \(name) against an average of \(Self.decimal(averages[name] ?? 0))"
                }
                sentence += " Duty with this shift: " + counts.joined(separator: ", ") + " in their group (\(groupName))."
            }
            let stopped = blockers.map { "\($0.inspectors) \($0.rule.summary)" }.joined(separator: ", ")
            if replacements.isEmpty {
                sentence += " Nobody else could take this place without breaking a hard rule" + (stopped.isEmpty ? "." : ": \(stopped).")
            } else {
                sentence +=
                    " \(replacements.count) other inspector\(replacements.count == 1 ? "" : "s") could take this place "
                    + "without breaking a hard rule" + (stopped.isEmpty ? "." : "; the rest could not: \(stopped).")
            }
            sentences.append(sentence)
            explained.append(
                MemberExplanation(
                    inspectorID: people[member].id, department: department[member], certified: certified[member],
                    fairnessGroup: groupName, duty: dutyCounts, groupAverage: averages, replacements: replacements.count,
                    replacementExamples: replacements.map { people[$0].id }.sorted().prefix(10).map { $0 }, blockedBy: blockers,
                    sentence: sentence))
        }
        for id in team.memberIDs where personIndex[id] == nil {
            sentences.append("\(id) is not in the directory.")
        }
        return TeamExplanation(
            team: team, kinds: kindNames, fixed: fixed, requiredDepartments: requiredChecks, certifiedMemberIDs: certifiedIDs,
            minCertified: rules.minCertified, departments: departments, minDepartments: rules.minDepartments, members: explained,
            sentences: sentences)
    }

    /// One decimal, without Foundation.
    static func decimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }
}
