import InspectCalendar
import InspectCore
import Testing

@testable import InspectRoster

/// Tuesday night's team p1, e1, e2 and, around it, one group of inspectors per rule that keeps
/// them off that night: w1 on leave, s* on the Tuesday day shift, w2/u* on the Monday evening
/// (0 h rest), n* on the Monday night (one night in a row at most), h* on Thursday and Friday
/// day shifts (16 h a week at most). p2 (police, not certified) and e3 (eco, certified) are free.
struct ExplainCase {
    static let inspectors = [
        officer("p1", "police"), officer("p2", "police", certified: false), officer("e1", "eco"),
        officer("e2", "eco", certified: false), officer("e3", "eco"), officer("w1", "water"), officer("w2", "water"),
        officer("u1", "urban", certified: false), officer("u2", "urban"), officer("s1", "market"), officer("s2", "market"),
        officer("s3", "market"), officer("n1", "housing"), officer("n2", "housing"), officer("n3", "housing"),
        officer("h1", "env"), officer("h2", "env"), officer("h3", "env"),
    ]

    static func team(_ offset: Int, _ period: String, _ members: [String]) -> PlannedTeam {
        PlannedTeam(date: day(offset), periodID: period, zone: "z", index: 0, memberIDs: members.sorted())
    }

    static let explained = team(1, "night", ["p1", "e1", "e2"])

    static let plan = Plan(
        teams: [
            team(0, "night", ["n1", "n2", "n3"]), team(0, "evening", ["w2", "u1", "u2"]), explained,
            team(1, "day", ["s1", "s2", "s3"]), team(3, "day", ["h1", "h2", "h3"]), team(4, "day", ["h1", "h2", "h3"]),
        ],
        shortfalls: [], hardViolations: 0, fairnessSpread: [:])

    static func input(pins: [TeamPin] = []) -> PlanningInput {
        PlanningInput(
            inspectors: inspectors, days: calendarDays(0..<5), coverage: [], team: nightNeedsPolice,
            people: PeopleRules(minRestHours: 11, maxHoursPerWeek: 16, maxConsecutiveNights: 1),
            unavailable: [Unavailability(inspectorID: "w1", from: day(1), through: day(1), reason: "annual leave")], pins: pins)
    }
}

@Suite struct ExplainTests {
    func blocked(_ member: MemberExplanation) -> [HardRule: Int] {
        Dictionary(uniqueKeysWithValues: member.blockedBy.map { ($0.rule, $0.inspectors) })
    }

    @Test func namesTheRulesThatBindTheTeam() {
        let explanation = RosterPlanner.explain(ExplainCase.input(), plan: ExplainCase.plan, team: ExplainCase.explained)
        #expect(explanation.kinds == ["night"])
        #expect(explanation.fixed == nil)
        #expect(explanation.requiredDepartments == [RequiredDepartmentCheck(department: "police", memberIDs: ["p1"])])
        #expect(explanation.certifiedMemberIDs == ["e1", "p1"])
        #expect(explanation.minCertified == 2)
        #expect(explanation.departments == ["eco", "police"])
        let text = explanation.sentences.joined(separator: " ")
        #expect(text.contains("The night period requires police: p1 is the only member from it."))
        #expect(text.contains("Certified officers: e1, p1, exactly the minimum of 2"))
        #expect(text.contains("Departments: eco, police, exactly the minimum of 2."))
    }

    @Test func countsWhoCouldReplaceEachMemberAndWhatStopsTheRest() {
        let explanation = RosterPlanner.explain(ExplainCase.input(), plan: ExplainCase.plan, team: ExplainCase.explained)
        let members = Dictionary(uniqueKeysWithValues: explanation.members.map { ($0.inspectorID, $0) })
        #expect(explanation.members.map(\.inspectorID).sorted() == ["e1", "e2", "p1"])
        let aroundTheNight: [HardRule: Int] = [.leave: 1, .sameDate: 3, .rest: 3, .weeklyHours: 3, .consecutiveNights: 3]

        // p1: the only police officer; p2 is police but not certified, e3 is certified but not police.
        let p1 = members["p1"]!
        #expect(p1.replacements == 0)
        #expect(blocked(p1) == aroundTheNight.merging([.certified: 1, .requiredDepartment: 1]) { $1 })
        #expect(p1.sentence.contains("Nobody else could take this place"))
        #expect(p1.sentence.contains("the only member from police, which the night period requires, with the team at its minimum of 2"))
        #expect(p1.duty == ["night": 1])
        #expect(p1.groupAverage == ["night": 1.0])  // the only certified police officer
        #expect(p1.fairnessGroup == "police, certified")

        // e1: e3 can take a certified place; p2 cannot.
        let e1 = members["e1"]!
        #expect(e1.replacements == 1)
        #expect(e1.replacementExamples == ["e3"])
        #expect(blocked(e1) == aroundTheNight.merging([.certified: 1]) { $1 })
        #expect(e1.sentence.contains("one of exactly 2 certified officers"))

        // e2 holds the free place: p2 and e3 both could.
        let e2 = members["e2"]!
        #expect(e2.replacements == 2)
        #expect(e2.replacementExamples == ["e3", "p2"])
        #expect(blocked(e2) == aroundTheNight)
        #expect(e2.sentence.contains("2 other inspectors could take this place"))
        #expect(explanation.sentences.contains(e2.sentence))
    }

    @Test func comparesDutyWithTheGroupAverage() {
        let explanation = RosterPlanner.explain(ExplainCase.input(), plan: ExplainCase.plan, team: ExplainCase.explained)
        let e1 = explanation.members.first { $0.inspectorID == "e1" }!
        // Certified non-police: e1 and the three n* have a night each, among 14 such inspectors.
        let certifiedOthers = ExplainCase.inspectors.filter { $0.certified && $0.department != "police" }
        #expect(e1.groupAverage["night"] == 4.0 / Double(certifiedOthers.count))
        #expect(e1.sentence.contains("1 night against an average of 0.3 in their group (others, certified)"))
    }

    @Test func aPinnedTeamSaysItWasPinned() {
        let pin = TeamPin(ExplainCase.explained)
        let explanation = RosterPlanner.explain(ExplainCase.input(pins: [pin]), plan: ExplainCase.plan, team: ExplainCase.explained)
        #expect(explanation.fixed == "pinned")
        #expect(explanation.sentences.contains { $0.contains("pinned by a manual edit") })
    }

    @Test func explainsAPlannedTeamConsistentlyWithThePlan() {
        let input = districtInput()
        let plan = RosterPlanner.plan(input)
        for team in plan.teams where team.periodID == "night" {
            let explanation = RosterPlanner.explain(input, plan: plan, team: team)
            #expect(explanation.members.count == 3)
            #expect(explanation.requiredDepartments.first?.memberIDs.isEmpty == false)
            // Everyone else is either a possible replacement or stopped by a rule.
            for member in explanation.members {
                #expect(member.replacements + member.blockedBy.reduce(0) { $0 + $1.inspectors } == input.inspectors.count - 3)
            }
        }
    }
}
