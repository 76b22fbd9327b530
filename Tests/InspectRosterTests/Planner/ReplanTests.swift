import InspectCalendar
import InspectCore
import Testing

@testable import InspectRoster

/// The hand-made district with room to repair: 60 inspectors, a week, two zones, a rain evening.
func replanBase() -> PlanningInput {
    var input = districtInput()
    input.inspectors = plannerInspectors(60)
    input.unavailable = []
    return input
}

func key(_ team: PlannedTeam) -> String { "\(team.date)/\(team.periodID)/\(team.zone)#\(team.index)" }

/// Whoever has the most teams on the given dates (ties: the smallest id).
func busiest(_ teams: [PlannedTeam], on dates: ClosedRange<CivilDate>) -> String {
    var count: [String: Int] = [:]
    for team in teams where dates.contains(team.date) { for id in team.memberIDs { count[id, default: 0] += 1 } }
    return count.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.first!.key
}

@Suite struct ReplanTests {
    @Test func unchangedInputKeepsEveryTeam() {
        var input = replanBase()
        let first = RosterPlanner.plan(input)
        input.previous = first.teams
        let again = RosterPlanner.plan(input)
        #expect(again.teams == first.teams)
        #expect(again.changedTeams == [])
        #expect(again.droppedTeams == [])
        #expect(first.changedTeams == first.teams)  // from scratch, every team is new
    }

    @Test func leaveChangesOnlyThatPersonsTeamsByOneMember() {
        var input = replanBase()
        let first = RosterPlanner.plan(input)
        let leave = plannerStart.adding(days: 2)...plannerStart.adding(days: 4)
        let person = busiest(first.teams, on: leave)
        let theirs = first.teams.filter { $0.memberIDs.contains(person) && leave.contains($0.date) }
        #expect(theirs.count >= 2)

        input.previous = first.teams
        input.unavailable = [Unavailability(inspectorID: person, from: leave.lowerBound, through: leave.upperBound, reason: "annual leave")]
        let clock = ContinuousClock()
        var replanned: Plan?
        let elapsed = clock.measure { replanned = RosterPlanner.plan(input) }
        let plan = replanned!
        #expect(elapsed < .seconds(1))
        #expect(PlanChecker(input: input).violations(plan) == [])
        #expect(plan.hardViolations == 0)
        #expect(plan.shortfalls == [])
        #expect(plan.droppedTeams == [])
        #expect(Set(plan.changedTeams.map(key)) == Set(theirs.map(key)))
        let before = teamsByKey(first.teams)
        for team in plan.teams {
            let previous = before[key(team)]!
            if theirs.contains(where: { key($0) == key(team) }) {
                #expect(Set(previous).subtracting(team.memberIDs) == [person], "only \(person) leaves \(key(team))")
                #expect(team.memberIDs.count == 3)
            } else {
                #expect(team.memberIDs == previous, "\(key(team)) is not that person's and must not change")
            }
        }
    }

    @Test func startedShiftsStayExactlyAsTheyWere() {
        var input = replanBase()
        let first = RosterPlanner.plan(input)
        let cut = plannerStart.adding(days: 3)
        let person = busiest(first.teams, on: plannerStart...plannerStart.adding(days: 6))
        #expect(first.teams.contains { $0.memberIDs.contains(person) && $0.date < cut })
        #expect(first.teams.contains { $0.memberIDs.contains(person) && $0.date >= cut })
        // One started team is missing from the roster now in force, as if it had been lost.
        let lost = first.teams.first { $0.date == plannerStart.adding(days: 1) && !$0.memberIDs.contains(person) }!

        input.previous = first.teams.filter { $0 != lost }
        input.frozenBefore = input.zone.startOfDay(cut)
        input.unavailable = [Unavailability(inspectorID: person, from: plannerStart, through: plannerStart.adding(days: 6), reason: "sick")]
        let plan = RosterPlanner.plan(input)
        let started = plan.teams.filter { $0.date < cut }
        #expect(started == input.previous.filter { $0.date < cut })  // kept though the person is now on leave
        #expect(plan.teams.filter { $0.date >= cut }.allSatisfy { !$0.memberIDs.contains(person) })
        #expect(plan.hardViolations == 0)
        #expect(PlanChecker(input: input).violations(plan).allSatisfy { $0.hasPrefix("\(person) on leave on") })
        // The lost slot stays empty and is reported, not filled after the fact.
        #expect(!plan.teams.contains { key($0) == key(lost) })
        let short = plan.shortfalls.first { $0.date == lost.date && $0.periodID == lost.periodID && $0.zone == lost.zone }
        #expect(short?.reason.contains("started before the re-plan") == true)
        #expect(plan.changedTeams.allSatisfy { $0.date >= cut })
    }

    @Test func startedTeamsBeforeTheHorizonStillCountForRest() {
        var input = replanBase()
        let first = RosterPlanner.plan(input)
        let evening = first.teams.first { $0.date == plannerStart.adding(days: 1) && $0.periodID == "evening" }!
        input.days = Array(plannerDays(7).dropFirst(2))
        input.previous = first.teams
        input.frozenBefore = input.zone.startOfDay(plannerStart.adding(days: 2))
        let engine = PlannerEngine(input)
        // Not a planned date, but its started evening still blocks the next night (0 h rest).
        #expect(engine.plannedDay.contains(false))
        let night = engine.shiftIndex(date: plannerStart.adding(days: 2), periodID: "night")!
        var placed = engine
        placed.layOutSlots()
        placed.placeStartedTeams()
        for id in evening.memberIDs { #expect(placed.obstacle(placed.personIndex[id]!, night) == .rest) }

        // Re-planned with everyone on leave who held that night: the new night team cannot
        // come from the evening before, which is outside the plan.
        let nightTeams = first.teams.filter { $0.date == plannerStart.adding(days: 2) && $0.periodID == "night" }
        input.unavailable = nightTeams.flatMap(\.memberIDs).map {
            Unavailability(inspectorID: $0, from: plannerStart.adding(days: 2), through: plannerStart.adding(days: 2), reason: "training")
        }
        let plan = RosterPlanner.plan(input)
        #expect(plan.teams.allSatisfy { $0.date >= plannerStart.adding(days: 2) })
        let together = Plan(teams: first.teams.filter { $0.date < plannerStart.adding(days: 2) } + plan.teams, shortfalls: [], hardViolations: 0, fairnessSpread: [:])
        #expect(PlanChecker(input: input).violations(together) == [])
    }

    @Test func pinsAreKeptAndTheRestMakesRoomForThem() {
        var input = replanBase()
        let first = RosterPlanner.plan(input)
        let date = plannerStart.adding(days: 4)
        let slot = first.teams.first { $0.date == date && $0.periodID == "night" && $0.zone == "north" }!
        // Three people who are on other teams that date: the pin takes them from there.
        let elsewhere = first.teams.filter { $0.date == date && $0.periodID != "night" }.flatMap(\.memberIDs)
        let byID = Dictionary(uniqueKeysWithValues: input.inspectors.map { ($0.id, $0) })
        let police = elsewhere.first { byID[$0]!.department == "police" && byID[$0]!.certified }!
        let certified = elsewhere.first { byID[$0]!.department != "police" && byID[$0]!.certified }!
        let third = elsewhere.first { $0 != police && $0 != certified }!
        let pin = TeamPin(date: date, periodID: "night", zone: "north", index: slot.index, memberIDs: [certified, police, third])

        input.previous = first.teams
        input.pins = [pin]
        let plan = RosterPlanner.plan(input)
        #expect(plan.pinProblems == [])
        #expect(PlanChecker(input: input).violations(plan) == [])
        #expect(teamsByKey(plan.teams)[key(slot)] == [certified, police, third].sorted())
        // Only the pinned team and the teams the three people had to leave changed.
        let left = Set(first.teams.filter { !Set($0.memberIDs).isDisjoint(with: pin.memberIDs) && abs($0.date.days(to: date)) <= 1 }.map(key))
        #expect(Set(plan.changedTeams.map(key)).isSubset(of: left.union([key(slot)])))
        #expect(plan.changedTeams.contains { key($0) == key(slot) })
    }

    @Test func aPinThatBreaksRulesIsKeptAndReported() {
        var input = replanBase()
        let date = plannerStart.adding(days: 2)
        let notPolice = input.inspectors.filter { $0.department != "police" && $0.certified }.prefix(3).map(\.id)
        input.unavailable = [Unavailability(inspectorID: notPolice[0], from: date, through: date, reason: "annual leave")]
        input.pins = [
            TeamPin(date: date, periodID: "night", zone: "south", index: 0, memberIDs: notPolice),
            TeamPin(date: date, periodID: "day", zone: "south", index: 5, memberIDs: ["nobody", notPolice[1]]),
            TeamPin(date: plannerStart.adding(days: 30), periodID: "day", zone: "south", index: 0, memberIDs: notPolice),
        ]
        let plan = RosterPlanner.plan(input)
        #expect(teamsByKey(plan.teams)["\(date)/night/south#0"] == notPolice.sorted())
        #expect(teamsByKey(plan.teams)["\(date)/day/south#5"] == ["nobody", notPolice[1]].sorted())
        let problems = plan.pinProblems.joined(separator: "\n")
        #expect(problems.contains("\(date)/night/south#0: \(notPolice[0]) breaks a hard rule: on leave"))
        #expect(problems.contains("\(date)/night/south#0: the team breaks a hard rule: missing a required department"))
        #expect(problems.contains("\(date)/day/south#5: the coverage rules ask for no such team"))
        #expect(problems.contains("\(date)/day/south#5: nobody is not in the directory"))
        #expect(problems.contains("\(date)/day/south#5: the team breaks a hard rule: team size"))
        // Two pins name the same person that date: the second one placed reports it.
        #expect(problems.contains(": \(notPolice[1]) breaks a hard rule: already on duty that date"))
        #expect(problems.contains("is not a planned date; the pin is ignored"))
        // What the pins break is theirs; everything the planner placed keeps every rule.
        #expect(plan.hardViolations == 0)
        let planned = Plan(
            teams: plan.teams.filter { !($0.date == date && $0.zone == "south" && ($0.periodID == "night" && $0.index == 0 || $0.index == 5)) },
            shortfalls: [], hardViolations: 0, fairnessSpread: [:])
        #expect(PlanChecker(input: input).violations(planned) == [])
    }

    @Test func rainArrivingAddsTeamsAndLeavesTheRestAlone() {
        var input = replanBase()
        input.rainPeriods = []
        let dry = RosterPlanner.plan(input)
        input.previous = dry.teams
        let wet = "\(plannerStart.adding(days: 3))/day"
        input.rainPeriods = [wet]
        let plan = RosterPlanner.plan(input)
        #expect(PlanChecker(input: input).violations(plan) == [])
        #expect(plan.droppedTeams == [])
        #expect(Set(plan.changedTeams.map(key)) == ["\(wet)/north#2", "\(wet)/south#2"])  // a holiday: 2 day teams, then the extra
        let kept = teamsByKey(plan.teams)
        #expect(dry.teams.allSatisfy { kept[key($0)] == $0.memberIDs })
    }

    @Test func rainWithdrawnDropsTheExtraTeamsOnly() {
        var input = replanBase()
        let wet = RosterPlanner.plan(input)
        input.previous = wet.teams
        input.rainPeriods = []
        let plan = RosterPlanner.plan(input)
        #expect(plan.changedTeams == [])
        #expect(Set(plan.droppedTeams.map(key)) == ["\(plannerRain)/north#1", "\(plannerRain)/south#1"])
        let kept = teamsByKey(plan.teams)
        #expect(wet.teams.filter { !plan.droppedTeams.contains($0) }.allSatisfy { kept[key($0)] == $0.memberIDs })
        #expect(plan.teams.count == wet.teams.count - 2)
    }
}
