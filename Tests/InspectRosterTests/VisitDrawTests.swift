import Foundation
import InspectCalendar
import InspectCore
import Testing

@testable import InspectRoster

@Suite struct DeterminismTests {
    @Test func sameInputGivesIdenticalResult() {
        let first = VisitDraw.draw(mediumInput())
        let second = VisitDraw.draw(mediumInput())
        #expect(first == second)
        #expect(first.visits.count > 30)
        #expect(first.generator == "splitmix64-es2")
        #expect(first.seed == 20_260_302)
    }

    @Test func permutedInputGivesIdenticalResult() {
        let input = mediumInput()
        let shuffled = permuted(input)
        #expect(shuffled.sites != input.sites)
        #expect(shuffled.slots.map(\.id) != input.slots.map(\.id))
        #expect(VisitDraw.inputDigest(shuffled) == VisitDraw.inputDigest(input))
        #expect(VisitDraw.draw(shuffled) == VisitDraw.draw(input))
    }

    @Test func differentSeedsGiveDifferentVisits() {
        var seen: Set<[String]> = []
        for seed in UInt64(0)..<8 {
            seen.insert(VisitDraw.draw(mediumInput(seed: seed)).visits.map(\.siteID))
        }
        #expect(seen.count == 8)
    }

    @Test func slotsAreDrawnInCanonicalOrder() {
        let input = mediumInput()
        let slotOrder = VisitDraw.draw(input).visits.map(\.slotID).reduce(into: [String]()) { order, id in
            if order.last != id { order.append(id) }
        }
        let canonical = input.slots.sorted { ($0.date, $0.periodID, $0.id) < ($1.date, $1.periodID, $1.id) }.map(\.id)
        #expect(slotOrder == canonical.filter { slotOrder.contains($0) })
        #expect(slotOrder.first == "t0-am-1")
    }

    /// Pins algorithm splitmix64-es2 and format v1: a change here breaks replay of recorded draws.
    @Test func smallDrawIsPinned() {
        let input = DrawInput(
            sites: [site("a1", "x", .a), site("b1", "x", .b, rain: true), site("c1", "x", .c), site("c2", "x", .c, night: true)],
            history: [PastVisit(siteID: "b1", date: day(-7), periodID: "am")],
            slots: [
                slot("s1", day(0), "am", zone: ["x"], rain: true, visits: 2),
                slot("s2", day(1), "night", zone: ["x"], night: true, visits: 2),
            ],
            seed: 42)
        let result = VisitDraw.draw(input)
        #expect(result.inputDigest == pinnedDigest)
        #expect(result.visits.map { "\($0.slotID):\($0.siteID):\($0.weight):\($0.reason)" } == pinnedVisits)
    }

    private let pinnedDigest = "5901813a54acfb19815127c1c5a6b8187679470c02468f8f228fc34399a4a065"
    // Never visited, a1 is booked into s1's one discretionary place and c1 into s2's; c2 finds no
    // room and b1's deadline is after the last slot. c1 then wins s1's weighted place (its booking
    // in s2 lapses), and c2 (night-sensitive) and b1 win s2's two.
    private let pinnedVisits = [
        "s1:a1:16.0:cadence", "s1:c1:4.0:weighted", "s2:c2:8.0:weighted", "s2:b1:1.1428571428571428:weighted",
    ]
}

@Suite struct VerifyTests {
    @Test func acceptsAnUnchangedReplay() {
        let input = mediumInput()
        let recorded = VisitDraw.draw(input)
        #expect(throws: Never.self) { try VisitDraw.verify(input, recorded: recorded).get() }
        #expect(throws: Never.self) { try VisitDraw.verify(permuted(input), recorded: recorded).get() }
    }

    @Test func namesAChangedVisit() throws {
        let input = mediumInput()
        var recorded = VisitDraw.draw(input)
        let original = recorded.visits[3].siteID
        recorded.visits[3].siteID = "s47"
        let mismatch = try #require(failure(VisitDraw.verify(input, recorded: recorded)))
        #expect(mismatch.kind == .visits)
        #expect(mismatch.description.contains("visit #3"))
        #expect(mismatch.description.contains("site s47"))
        #expect(mismatch.description.contains("site \(original)"))
    }

    @Test func catchesAWeightOffByOneUlp() throws {
        let input = mediumInput()
        var recorded = VisitDraw.draw(input)
        recorded.visits[5].weight = recorded.visits[5].weight.nextUp
        let mismatch = try #require(failure(VisitDraw.verify(input, recorded: recorded)))
        #expect(mismatch.kind == .visits)
        #expect(mismatch.description.contains("visit #5"))
    }

    @Test func namesAMissingVisit() throws {
        let input = mediumInput()
        var recorded = VisitDraw.draw(input)
        recorded.visits.removeLast()
        let mismatch = try #require(failure(VisitDraw.verify(input, recorded: recorded)))
        #expect(mismatch.kind == .visits)
        #expect(mismatch.description.contains("first extra"))
    }

    @Test func namesAChangedInput() throws {
        let input = mediumInput()
        let recorded = VisitDraw.draw(input)

        var riskChanged = input
        riskChanged.sites[11].risk = .a
        let mismatch = try #require(failure(VisitDraw.verify(riskChanged, recorded: recorded)))
        #expect(mismatch.kind == .inputDigest)
        #expect(mismatch.description.contains(recorded.inputDigest))

        var historyAdded = input
        historyAdded.history.append(PastVisit(siteID: "s1", date: day(-2), periodID: "am"))
        #expect(failure(VisitDraw.verify(historyAdded, recorded: recorded))?.kind == .inputDigest)

        var recusalChanged = input
        recusalChanged.slots[4].recusedLocalities.insert("nanhu")
        #expect(failure(VisitDraw.verify(recusalChanged, recorded: recorded))?.kind == .inputDigest)

        var cadenceChanged = input
        cadenceChanged.cadence.daysB = 15
        #expect(failure(VisitDraw.verify(cadenceChanged, recorded: recorded))?.kind == .inputDigest)
    }

    @Test func namesAChangedSeedOrGenerator() {
        let input = mediumInput()
        let recorded = VisitDraw.draw(input)
        var reseeded = input
        reseeded.seed += 1
        #expect(failure(VisitDraw.verify(reseeded, recorded: recorded))?.kind == .seed)
        var otherGenerator = recorded
        otherGenerator.generator = "pcg32-es1"
        let mismatch = failure(VisitDraw.verify(input, recorded: otherGenerator))
        #expect(mismatch?.kind == .generator)
        #expect(mismatch?.description.contains("pcg32-es1") == true)
    }

    @Test func survivesAJSONRoundTripOfTheRecord() throws {
        // The record is stored as JSON elsewhere; weights must come back bit for bit.
        let input = mediumInput()
        let recorded = VisitDraw.draw(input)
        let reloaded = try JSONDecoder().decode(DrawResult.self, from: JSONEncoder().encode(recorded))
        #expect(reloaded == recorded)
        #expect(throws: Never.self) { try VisitDraw.verify(input, recorded: reloaded).get() }
    }

    private func failure(_ result: Result<Void, DrawMismatch>) -> DrawMismatch? {
        if case .failure(let mismatch) = result { return mismatch }
        return nil
    }
}

@Suite struct InputDigestTests {
    @Test func isSHA256Hex() {
        let digest = VisitDraw.inputDigest(mediumInput())
        #expect(digest.count == 64)
        #expect(digest.allSatisfy { "0123456789abcdef".contains($0) })
    }

    @Test func ignoresTheSeed() {
        #expect(VisitDraw.inputDigest(mediumInput(seed: 1)) == VisitDraw.inputDigest(mediumInput(seed: 2)))
    }

    @Test func stringsAreLengthPrefixed() {
        let left = DrawInput(sites: [site("x1", "loc", name: "ab", kind: "c")], slots: [], seed: 0)
        let right = DrawInput(sites: [site("x1", "loc", name: "a", kind: "bc")], slots: [], seed: 0)
        #expect(VisitDraw.inputDigest(left) != VisitDraw.inputDigest(right))
        let zoneLeft = DrawInput(sites: [], slots: [slot("s", day(0), zone: ["ab"], recused: ["c"], visits: 1)], seed: 0)
        let zoneRight = DrawInput(sites: [], slots: [slot("s", day(0), zone: ["a"], recused: ["bc"], visits: 1)], seed: 0)
        #expect(VisitDraw.inputDigest(zoneLeft) != VisitDraw.inputDigest(zoneRight))
        let setLeft = DrawInput(sites: [], slots: [slot("s", day(0), zone: ["a", "b"], visits: 1)], seed: 0)
        let setRight = DrawInput(sites: [], slots: [slot("s", day(0), zone: ["a"], recused: ["b"], visits: 1)], seed: 0)
        #expect(VisitDraw.inputDigest(setLeft) != VisitDraw.inputDigest(setRight))
    }

    @Test func coversEveryField() {
        let base = DrawInput(
            sites: [site("x1", "loc", .b, rain: false, night: false)],
            history: [PastVisit(siteID: "x1", date: day(-3), periodID: "am")],
            slots: [slot("s", day(0), "am", zone: ["loc"], visits: 1)], seed: 0)
        var variants: [DrawInput] = []
        func variant(_ change: (inout DrawInput) -> Void) {
            var copy = base
            change(&copy)
            variants.append(copy)
        }
        variant { $0.sites[0].kind = "建筑工地" }
        variant { $0.sites[0].risk = .c }
        variant { $0.sites[0].rainSensitive = true }
        variant { $0.sites[0].nightSensitive = true }
        variant { $0.history[0].date = day(-4) }
        variant { $0.history[0].periodID = "pm" }
        variant { $0.slots[0].isNight = true }
        variant { $0.slots[0].isRain = true }
        variant { $0.slots[0].visits = 2 }
        variant { $0.slots[0].conflictedSites = ["x1"] }
        variant { $0.cadence.daysC = 31 }
        variant { $0.slots.append($0.slots[0]) }
        let digests = Set(([base] + variants).map(VisitDraw.inputDigest))
        #expect(digests.count == variants.count + 1)
    }
}

@Suite struct EligibilityTests {
    private let sites = [
        site("b1", "baihe"), site("b2", "baihe"), site("b3", "baihe"),
        site("d1", "dongfeng"), site("d2", "dongfeng"),
        site("x1", "xiguan"), site("x2", "xiguan"),
    ]

    @Test func drawsOnlyFromTheZone() {
        for seed in UInt64(0)..<30 {
            let input = DrawInput(sites: sites, slots: [slot("s", day(0), zone: ["baihe", "xiguan"], visits: 4)], seed: seed)
            let drawn = VisitDraw.draw(input).visits.map(\.siteID)
            #expect(drawn.count == 4)
            #expect(drawn.allSatisfy { $0.hasPrefix("b") || $0.hasPrefix("x") }, "\(drawn)")
        }
    }

    @Test func neverDrawsInARecusedLocality() {
        for seed in UInt64(0)..<30 {
            let input = DrawInput(
                sites: sites, slots: [slot("s", day(0), zone: ["baihe", "dongfeng"], recused: ["baihe", "xiguan"], visits: 2)],
                seed: seed)
            #expect(Set(VisitDraw.draw(input).visits.map(\.siteID)) == ["d1", "d2"])
        }
    }

    @Test func neverDrawsAConflictedSite() {
        for seed in UInt64(0)..<30 {
            let input = DrawInput(
                sites: sites, slots: [slot("s", day(0), zone: ["baihe"], conflicted: ["b2", "d1", "nosuch"], visits: 2)],
                seed: seed)
            #expect(Set(VisitDraw.draw(input).visits.map(\.siteID)) == ["b1", "b3"])
        }
    }

    @Test func visitsASiteAtMostOncePerDay() {
        for seed in UInt64(0)..<30 {
            let input = DrawInput(
                sites: sites,
                slots: [
                    slot("s1", day(0), "am", zone: ["baihe", "dongfeng"], visits: 2),
                    slot("s2", day(0), "pm", zone: ["baihe", "dongfeng"], visits: 2),
                    slot("s3", day(0), "night", zone: ["baihe", "dongfeng"], visits: 2),
                    slot("s4", day(1), "am", zone: ["baihe", "dongfeng"], visits: 5),
                ],
                seed: seed)
            let result = VisitDraw.draw(input)
            let dayZero = result.visits.filter { $0.slotID != "s4" }.map(\.siteID)
            #expect(dayZero.count == 5)
            #expect(Set(dayZero).count == 5)
            #expect(result.visits.filter { $0.slotID == "s4" }.count == 5, "a new day: every site again")
            // Periods order by their ids' bytes (am < night < pm), so the pm slot comes last and runs short.
            #expect(result.shortfalls.map(\.slotID) == ["s2"])
        }
    }

    @Test func keepsTheFirstOfTwoSitesWithOneID() {
        let input = DrawInput(
            sites: [site("dup", "baihe", name: "B"), site("dup", "baihe", name: "A")],
            slots: [slot("s", day(0), zone: ["baihe"], visits: 2)], seed: 1)
        let result = VisitDraw.draw(input)
        #expect(result.visits.map(\.siteID) == ["dup"])
        #expect(result.shortfalls.count == 1)
    }
}

@Suite struct WeightTests {
    @Test func recordsTheWeightAsDrawn() {
        let sites = [
            site("a-fresh", "l1", .a, rain: true, night: true),  // never visited: 4 × 4 × 2 × 2
            site("c-half", "l2", .c),  // 15 of 30 days: 1 × 0.5
            site("b-old", "l3", .b),  // 100 days: 2 × 4 (clamped)
            site("a-recent", "l4", .a),  // 1 of 7 days: 4 × 0.25 (clamped)
            site("b-pattern", "l5", .b),  // 14 of 14 days, same weekday and period: 2 × 1 × 0.25
            site("b-weekday", "l6", .b),  // 14 days, same weekday, other period: 2 × 1
            site("b-rain-dry", "l7", .b, rain: true, night: true),  // never, dry day shift: 2 × 4
        ]
        let history = [
            PastVisit(siteID: "c-half", date: day(-15), periodID: "night"),
            PastVisit(siteID: "b-old", date: day(-100), periodID: "night"),
            PastVisit(siteID: "a-recent", date: day(-1), periodID: "night"),
            PastVisit(siteID: "b-pattern", date: day(-14), periodID: "night"),
            PastVisit(siteID: "b-pattern", date: day(-20), periodID: "am"),
            PastVisit(siteID: "b-weekday", date: day(-14), periodID: "am"),
        ]
        var slots = (1...6).map { slot("n\($0)", day(0), "night", zone: ["l\($0)"], night: true, rain: true, visits: 1) }
        slots.append(slot("d7", day(0), "am", zone: ["l7"], visits: 1))
        let result = VisitDraw.draw(DrawInput(sites: sites, history: history, slots: slots, seed: 3))
        let weights = Dictionary(uniqueKeysWithValues: result.visits.map { ($0.siteID, $0.weight) })
        #expect(weights["a-fresh"] == 64)
        #expect(weights["c-half"] == 0.5)
        #expect(weights["b-old"] == 8)
        #expect(weights["a-recent"] == 1)
        #expect(weights["b-pattern"] == 0.5)
        #expect(weights["b-weekday"] == 2)
        #expect(weights["b-rain-dry"] == 8)
    }

    @Test func visitsDrawnEarlierInTheDrawCountAsVisits() {
        let input = DrawInput(
            sites: [site("a1", "l", .a)],
            history: [PastVisit(siteID: "a1", date: day(-30), periodID: "am")],
            slots: [
                slot("first", day(0), "am", zone: ["l"], visits: 1),
                slot("second", day(3), "pm", zone: ["l"], visits: 1),
                slot("third", day(10), "pm", zone: ["l"], visits: 1),
            ],
            seed: 9)
        let weights = VisitDraw.draw(input).visits.map(\.weight)
        let expected: [Double] = [16, 4 * (3.0 / 7.0), 1]
        #expect(weights == expected)
    }

    @Test func highRiskSitesAreDrawnMarkedlyMoreOften() {
        // Five A and five C sites, none visited: weights 16 and 4, so A should win 80% (50% unweighted).
        let sites = (0..<5).map { site("a\($0)", "l", .a) } + (0..<5).map { site("c\($0)", "l", .c) }
        let counts = winCounts({ DrawInput(sites: sites, slots: [slot("s", day(0), zone: ["l"], visits: 1)], seed: $0) }, seeds: 1000)
        let aWins = counts.filter { $0.key.hasPrefix("a") }.values.reduce(0, +)
        print("A share of 1000 draws: \(aWins) (expected ~800)")
        #expect(aWins > 700 && aWins < 880)
    }

    @Test func rainSensitiveSitesArePreferredInRain() {
        let sites = [site("wet", "l", rain: true), site("dry", "l")]
        func share(rain: Bool) -> Int {
            winCounts({ DrawInput(sites: sites, slots: [slot("s", day(0), zone: ["l"], rain: rain, visits: 1)], seed: $0) }, seeds: 2000)[
                "wet", default: 0]
        }
        let inRain = share(rain: true)
        let inSun = share(rain: false)
        print("rain-sensitive wins of 2000: rain \(inRain) (~1333), sun \(inSun) (~1000)")
        #expect(inRain > 1200 && inRain < 1470)
        #expect(inSun > 880 && inSun < 1120)
    }

    @Test func nightSensitiveSitesArePreferredAtNight() {
        let sites = [site("owl", "l", night: true), site("lark", "l")]
        func share(night: Bool) -> Int {
            let shift = slot("s", day(0), night ? "night" : "am", zone: ["l"], night: night, visits: 1)
            return winCounts({ DrawInput(sites: sites, slots: [shift], seed: $0) }, seeds: 2000)["owl", default: 0]
        }
        let atNight = share(night: true)
        let byDay = share(night: false)
        print("night-sensitive wins of 2000: night \(atNight) (~1333), day \(byDay) (~1000)")
        #expect(atNight > 1200 && atNight < 1470)
        #expect(byDay > 880 && byDay < 1120)
    }

    @Test func aSameWeekdaySamePeriodPatternIsDownWeighted() {
        // Both last visited 7 days ago; "pattern" in the same period as the slot. Weights 0.25 and 1:
        // pattern should win 20% (50% without the factor), but not vanish.
        let sites = [site("pattern", "l", .b), site("other", "l", .b)]
        let history = [
            PastVisit(siteID: "pattern", date: day(-7), periodID: "am"),
            PastVisit(siteID: "other", date: day(-7), periodID: "pm"),
        ]
        let counts = winCounts(
            { DrawInput(sites: sites, history: history, slots: [slot("s", day(0), "am", zone: ["l"], visits: 1)], seed: $0) },
            seeds: 2000)
        let pattern = counts["pattern", default: 0]
        print("same weekday and period wins of 2000: \(pattern) (expected ~400)")
        #expect(pattern > 250 && pattern < 600)
    }

    @Test func overdueSitesArePreferred() {
        // Same risk; one visited 2 days ago (factor 0.25), one 28 days ago (factor 2): ~89% vs 50%.
        let sites = [site("recent", "l", .b), site("overdue", "l", .b)]
        let history = [
            PastVisit(siteID: "recent", date: day(-2), periodID: "pm"),
            PastVisit(siteID: "overdue", date: day(-29), periodID: "pm"),
        ]
        let counts = winCounts(
            { DrawInput(sites: sites, history: history, slots: [slot("s", day(0), "am", zone: ["l"], visits: 1)], seed: $0) },
            seeds: 1000)
        #expect(counts["overdue", default: 0] > 800)
    }
}

@Suite struct ShortfallTests {
    @Test func namesWhyTooFewSitesWereEligible() throws {
        let sites = [
            site("b1", "baihe"), site("b2", "baihe"), site("b3", "baihe"),
            site("d1", "dongfeng"), site("d2", "dongfeng"), site("x1", "xiguan"),
        ]
        let input = DrawInput(
            sites: sites,
            slots: [
                slot("early", day(0), "am", zone: ["baihe"], visits: 1),
                slot("late", day(0), "pm", zone: ["dongfeng", "baihe", "xiguan"], recused: ["xiguan"], conflicted: ["d1"], visits: 5),
            ],
            seed: 5)
        let result = VisitDraw.draw(input)
        let shortfall = try #require(result.shortfalls.first)
        #expect(result.shortfalls.count == 1)
        #expect(shortfall.slotID == "late")
        #expect(shortfall.wanted == 5)
        #expect(shortfall.drawn == 3)
        #expect(result.visits.filter { $0.slotID == "late" }.count == 3)
        #expect(
            shortfall.reason
                == "only 3 eligible sites in zone baihe,dongfeng,xiguan after recusal, conflicts and same-day visits "
                + "(6 in zone; 1 in recused localities, 1 conflicted, 1 already drawn that day)")
    }

    @Test func namesAnEmptyZone() {
        let input = DrawInput(sites: [site("b1", "baihe")], slots: [slot("s", day(0), zone: ["nowhere"], visits: 2)], seed: 5)
        #expect(VisitDraw.draw(input).shortfalls == [DrawShortfall(slotID: "s", wanted: 2, drawn: 0, reason: "no sites in zone nowhere")])
    }

    @Test func aSlotWantingNothingIsNoShortfall() {
        let input = DrawInput(sites: [site("b1", "baihe")], slots: [slot("s", day(0), zone: ["nowhere"], visits: 0)], seed: 5)
        let result = VisitDraw.draw(input)
        #expect(result.shortfalls.isEmpty)
        #expect(result.visits.isEmpty)
    }
}

@Suite struct CadenceGapTests {
    @Test func listsSitesOutOfCadenceByTheLastSlotDate() {
        let sites = [
            site("a-late", "l", .a),  // last day(-3): due day(4), before day(6)
            site("a-ok", "l", .a),  // last day(0): due day(7)
            site("b-late", "l", .b),  // last day(-10): due day(4)
            site("c-never", "l", .c),
            site("c-edge", "l", .c),  // last day(-24): due day(6), not before it
            site("b-drawn", "drawn", .b),  // last day(-20) but drawn on day(2): due day(16)
            site("a-never", "m", .a),
            site("a-later", "l", .a),  // last day(-5): due day(2)
        ]
        let history = [
            PastVisit(siteID: "a-late", date: day(-3), periodID: "am"),
            PastVisit(siteID: "a-ok", date: day(0), periodID: "am"),
            PastVisit(siteID: "b-late", date: day(-10), periodID: "am"),
            PastVisit(siteID: "b-late", date: day(-30), periodID: "am"),
            PastVisit(siteID: "c-edge", date: day(-24), periodID: "am"),
            PastVisit(siteID: "b-drawn", date: day(-20), periodID: "am"),
            PastVisit(siteID: "a-later", date: day(-5), periodID: "am"),
        ]
        let slots = [
            slot("s1", day(2), zone: ["drawn"], visits: 1),
            slot("s2", day(6), zone: ["none"], visits: 0),
        ]
        let gaps = VisitDraw.draw(DrawInput(sites: sites, history: history, slots: slots, seed: 1)).cadenceGaps
        #expect(
            gaps == [
                CadenceGap(siteID: "a-later", risk: "A", lastVisit: day(-5), dueBy: day(2)),
                CadenceGap(siteID: "a-never", risk: "A", lastVisit: nil, dueBy: day(2)),
                CadenceGap(siteID: "a-late", risk: "A", lastVisit: day(-3), dueBy: day(4)),
                CadenceGap(siteID: "b-late", risk: "B", lastVisit: day(-10), dueBy: day(4)),
                CadenceGap(siteID: "c-never", risk: "C", lastVisit: nil, dueBy: day(2)),
            ])
    }

    @Test func noSlotsNoGaps() {
        #expect(VisitDraw.draw(DrawInput(sites: [site("a", "l", .a)], slots: [], seed: 1)).cadenceGaps.isEmpty)
    }
}

@Suite struct DrawMathTests {
    @Test func logIsAccurate() {
        var generator = SplitMix64(seed: 11)
        for _ in 0..<2000 {
            let u = DrawMath.openUnit(generator.next())
            #expect(u > 0 && u < 1)
            let reference = Foundation.log(u)
            #expect(abs(DrawMath.log(u) - reference) <= 4 * reference.magnitude.ulp, "\(u)")
        }
        #expect(DrawMath.log(1) == 0)
        #expect(abs(DrawMath.log(0x1p-53) - -53 * 0.693_147_180_559_945_3) < 1e-12)
    }

    @Test func openUnitNeverReachesTheEnds() {
        #expect(DrawMath.openUnit(0) == 0x1p-53)
        #expect(DrawMath.openUnit(.max) == 1 - 0x1p-53)
    }
}
