import InspectCalendar
import InspectCore
@testable import InspectRoster

/// 2026-03-02 is a Monday; `day(n)` is n days later.
func day(_ offset: Int) -> CivilDate {
    CivilDate(year: 2026, month: 3, day: 2)!.adding(days: offset)
}

func site(
    _ id: String, _ locality: String, _ risk: RiskClass = .b, rain: Bool = false, night: Bool = false,
    name: String? = nil, kind: String = "重点企业"
) -> Site {
    Site(id: id, name: name ?? "站点\(id)", locality: locality, kind: kind, risk: risk, rainSensitive: rain, nightSensitive: night)
}

func slot(
    _ id: String, _ date: CivilDate, _ period: String = "am", zone: Set<String>, recused: Set<String> = [],
    conflicted: Set<String> = [], night: Bool = false, rain: Bool = false, visits: Int
) -> VisitSlot {
    VisitSlot(
        id: id, date: date, periodID: period, isNight: night, isRain: rain, zoneLocalities: zone,
        recusedLocalities: recused, conflictedSites: conflicted, visits: visits)
}

/// A few dozen sites in four localities, some history, a week of mixed slots.
func mediumInput(seed: UInt64 = 20_260_302) -> DrawInput {
    let localities = ["baihe", "dongfeng", "xiguan", "nanhu"]
    var sites: [Site] = []
    for index in 0..<48 {
        let risk: RiskClass = index % 5 == 0 ? .a : (index % 3 == 0 ? .b : .c)
        sites.append(
            site(
                "s\(index)", localities[index % 4], risk, rain: index % 4 == 1, night: index % 6 == 2))
    }
    var history: [PastVisit] = []
    for index in stride(from: 0, to: 48, by: 3) {
        history.append(PastVisit(siteID: "s\(index)", date: day(-(index % 20) - 1), periodID: index % 2 == 0 ? "am" : "pm"))
        history.append(PastVisit(siteID: "s\(index)", date: day(-(index % 20) - 15), periodID: "night"))
    }
    var slots: [VisitSlot] = []
    for offset in 0..<7 {
        for (period, night) in [("am", false), ("pm", false), ("night", true)] {
            slots.append(
                slot(
                    "t\(offset)-\(period)-1", day(offset), period, zone: ["baihe", "dongfeng"], recused: ["dongfeng"],
                    conflicted: ["s0"], night: night, rain: offset % 3 == 0, visits: 2))
            slots.append(
                slot(
                    "t\(offset)-\(period)-2", day(offset), period, zone: ["xiguan", "nanhu", "dongfeng"],
                    conflicted: ["s7", "s11"], night: night, rain: offset % 3 == 0, visits: 3))
        }
    }
    return DrawInput(sites: sites, history: history, slots: slots, seed: seed)
}

/// The same content with every list in another order and every set built another way.
func permuted(_ input: DrawInput) -> DrawInput {
    var generator = SplitMix64(seed: 7)
    func rebuilt(_ set: Set<String>) -> Set<String> {
        var copy = Set<String>(minimumCapacity: 97)
        for element in set.sorted().reversed() { copy.insert(element) }
        return copy
    }
    var output = input
    output.sites = input.sites.shuffled(using: &generator)
    output.history = input.history.shuffled(using: &generator)
    output.slots = input.slots.shuffled(using: &generator).map { slot in
        var copy = slot
        copy.zoneLocalities = rebuilt(slot.zoneLocalities)
        copy.recusedLocalities = rebuilt(slot.recusedLocalities)
        copy.conflictedSites = rebuilt(slot.conflictedSites)
        return copy
    }
    return output
}

/// How often each site wins a one-visit slot, over `seeds` draws.
func winCounts(_ makeInput: (UInt64) -> DrawInput, seeds: Int) -> [String: Int] {
    var counts: [String: Int] = [:]
    for seed in 0..<UInt64(seeds) {
        for visit in VisitDraw.draw(makeInput(seed)).visits { counts[visit.siteID, default: 0] += 1 }
    }
    return counts
}
