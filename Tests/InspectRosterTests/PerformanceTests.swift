import InspectCalendar
import InspectCore
import Testing

@testable import InspectRoster

@Suite struct PerformanceTests {
    /// 3,000 sites in 30 localities; 28 days × 3 periods × 30 team-shifts, 4 visits each.
    /// Prints the time; asserts only that the draw is complete and replays.
    @Test func drawsAFourWeekDistrictRoster() {
        let localityCount = 30
        let localities = (0..<localityCount).map { "loc\($0)" }
        var sites: [Site] = []
        var history: [PastVisit] = []
        for index in 0..<3000 {
            let risk: RiskClass = index % 10 == 0 ? .a : (index % 10 < 4 ? .b : .c)
            sites.append(site("site\(index)", localities[index % localityCount], risk, rain: index % 3 == 0, night: index % 5 == 0))
            history.append(PastVisit(siteID: "site\(index)", date: day(-(index % 29) - 1), periodID: ["am", "pm", "night"][index % 3]))
            if index % 2 == 0 {
                history.append(PastVisit(siteID: "site\(index)", date: day(-(index % 41) - 30), periodID: "am"))
            }
        }
        var slots: [VisitSlot] = []
        for offset in 0..<28 {
            for (period, night) in [("am", false), ("pm", false), ("night", true)] {
                for team in 0..<30 {
                    let home = (team + offset) % localityCount
                    slots.append(
                        slot(
                            "d\(offset)-\(period)-team\(team)", day(offset), period,
                            zone: [localities[home], localities[(home + 1) % localityCount], localities[(home + 2) % localityCount]],
                            recused: team % 4 == 0 ? [localities[(home + 2) % localityCount]] : [],
                            conflicted: ["site\(team * 7)", "site\(team * 11 + offset)"], night: night, rain: offset % 5 == 1,
                            visits: 4))
                }
            }
        }
        let input = DrawInput(sites: sites, history: history, slots: slots, seed: 0xD15_7121C7)

        let clock = ContinuousClock()
        let digestStart = clock.now
        let digest = VisitDraw.inputDigest(input)
        let digestTime = clock.now - digestStart
        let start = clock.now
        let result = VisitDraw.draw(input)
        let drawTime = clock.now - start
        print(
            "VisitDraw perf: \(sites.count) sites, \(history.count) past visits, \(slots.count) slots -> "
                + "\(result.visits.count) visits, \(result.shortfalls.count) shortfalls, \(result.cadenceGaps.count) gaps; "
                + "draw (incl. digest) \(drawTime), digest alone \(digestTime)")

        #expect(result.inputDigest == digest)
        #expect(result.visits.count == slots.count * 4)
        #expect(result.shortfalls.isEmpty)
        let perDay = Dictionary(grouping: result.visits) { $0.slotID.prefix { $0 != "-" } }
        #expect(perDay.values.allSatisfy { Set($0.map(\.siteID)).count == $0.count })
    }
}
