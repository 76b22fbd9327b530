import InspectCalendar
import InspectCore
import Testing

@testable import InspectLedger

@Suite struct FiredKeysTests {
    static func key(_ caseID: String, _ step: String, _ anchor: String = "deadline", _ repeatIndex: Int = 0) -> FiringKey {
        FiringKey(caseID: caseID, stepID: step, anchor: anchor, repeatIndex: repeatIndex)
    }

    @Test func containsInsertAndUnion() {
        var keys = FiredKeys([Self.key("B", "overdue"), Self.key("A", "summons"), Self.key("A", "overdue"), Self.key("A", "overdue")])
        #expect(keys.count == 3)
        #expect(keys.keys.map(\.description) == ["A/overdue/deadline/0", "A/summons/deadline/0", "B/overdue/deadline/0"])
        #expect(keys.contains(Self.key("A", "summons")))
        #expect(!keys.contains(Self.key("A", "summons", "deadline", 1)))
        #expect(!keys.contains(Self.key("C", "overdue")))
        keys.insert(Self.key("AA", "reminder", "milestone:0"))
        keys.insert(Self.key("AA", "reminder", "milestone:0"))
        #expect(keys.count == 4)
        keys.formUnion([Self.key("0", "x"), Self.key("B", "overdue"), Self.key("Z", "x"), Self.key("B", "accountability", "deadline", 3)])
        #expect(keys.count == 7)
        #expect(keys.keys == keys.keys.sorted(by: FiredKeys.precedes))
        keys.removeKeys { $0 == "B" }
        #expect(keys.count == 5)
        #expect(!keys.contains(Self.key("B", "overdue")))
    }

    /// The cursor gives the same answers as a set, asked in any order.
    @Test func cursorAgreesWithASetInAnyOrder() {
        var random = SplitMix64(seed: 7)
        let ids = (0..<60).map { "C\($0)" }
        let steps = ["reminder", "overdue", "supervision"]
        var all: [FiringKey] = []
        for id in ids {
            for step in steps {
                for repeatIndex in 0..<2 { all.append(Self.key(id, step, "deadline", repeatIndex)) }
            }
        }
        let fired = all.filter { _ in random.next() % 3 == 0 }
        let set = Set(fired)
        let keys = FiredKeys(fired.shuffled(using: &random))
        var cursor = keys.cursor()
        for question in all + all.shuffled(using: &random) + all.reversed() {
            let answer = cursor.contains(question)
            #expect(answer == set.contains(question), "\(question)")
            #expect(keys.contains(question) == set.contains(question))
        }
        var empty = FiredKeys().cursor()
        let answer = empty.contains(Self.key("C1", "overdue"))
        #expect(!answer)
    }

    @Test func theLadderGivesTheSameAnswersWithFiredKeys() {
        let zone = DistrictTimeZone.chinaStandardTime
        let index = WorkdayIndex(calendar: .builtIn, years: 2026...2026)
        let cases = (0..<40).map { number in
            RectificationCase(
                id: "K\(number % 7)-\(number)", title: "t", source: number % 5 == 0 ? .centralInspection : .media, category: "c",
                site: nil, unit: "u", personName: "p", personPhone: "12345",
                milestones: [Milestone(name: "m", due: CivilDate(year: 2026, month: 9, day: 1)!.adding(days: number))],
                deadline: CivilDate(year: 2026, month: 9, day: 10)!.adding(days: number), status: .inProgress)
        }
        let yesterday = zone.startOfDay(CivilDate(year: 2026, month: 10, day: 11)!) + 10 * 3600
        let now = yesterday + 86_400
        let earlier = EscalationLadder.due(cases: cases, policy: .standard, calendar: index, zone: zone, now: yesterday) { _ in false }
        let set = Set(earlier.map(\.key))
        let viaSet = EscalationLadder.due(cases: cases, policy: .standard, calendar: index, zone: zone, now: now) { set.contains($0) }
        let firedKeys = FiredKeys(earlier.map(\.key))
        let viaKeys = EscalationLadder.due(cases: cases, policy: .standard, calendar: index, zone: zone, now: now, firedKeys: firedKeys)
        #expect(!viaSet.isEmpty)
        #expect(viaKeys == viaSet)
        #expect(
            EscalationLadder.nextDue(cases: cases, policy: .standard, calendar: index, zone: zone, now: now, firedKeys: firedKeys)
                == EscalationLadder.nextDue(cases: cases, policy: .standard, calendar: index, zone: zone, now: now) { set.contains($0) })
    }
}
