import InspectCalendar
import Testing

@testable import InspectConfig

private let file = "/etc/inspectd/inspectd.toml"

private func problems(_ text: String) -> [String] {
    switch DaemonConfiguration.parse(text, file: file) {
    case .success: []
    case .failure(let errors): errors.problems.map(\.description)
    }
}

private func parsed(_ text: String) throws -> DaemonConfiguration {
    try DaemonConfiguration.parse(text, file: file).get()
}

// MARK: - [roster] zones, coverage, publishing

@Test func rosterRuleDefaults() {
    let roster = DaemonConfiguration.default.roster
    #expect(roster.zones == [])
    #expect(
        roster.coverage == [
            CoverageSetting(zone: "*", period: "day", workday: 2, restday: 1, holiday: 1, rainExtra: 1),
            CoverageSetting(zone: "*", period: "evening", workday: 1, restday: 1, holiday: 1, rainExtra: 1),
            CoverageSetting(zone: "*", period: "night", workday: 1, restday: 1, holiday: 1, rainExtra: 0),
        ])
    #expect(roster.publishWeekday == 5)
    #expect(roster.publishMinute == 16 * 60)
}

@Test func zonesAndCoverageAreRead() throws {
    let configuration = try parsed(
        """
        [roster]
        zones = [
          { id = "north", name = "北片区", localities = ["baihe", "liulin"] },
          { id = "south", name = "南片区", localities = ["xinhua", "nangang.park"] },
        ]
        coverage = [
          { zone = "*", period = "day", workday = 3, restday = 2, holiday = 1, rain_extra = 2 },
          { zone = "*", period = "evening", workday = 1, restday = 1, holiday = 1, rain_extra = 0 },
          { zone = "*", period = "night", workday = 1, restday = 0, holiday = 0, rain_extra = 0 },
          { zone = "south", period = "night", workday = 2, restday = 2, holiday = 2, rain_extra = 1 },
        ]
        publish_weekday = 4
        publish_time = "09:30"
        """)
    let roster = configuration.roster
    #expect(
        roster.zones == [
            ZoneSetting(id: "north", name: "北片区", localities: ["baihe", "liulin"]),
            ZoneSetting(id: "south", name: "南片区", localities: ["xinhua", "nangang.park"]),
        ])
    #expect(roster.coverage.count == 4)
    #expect(roster.publishWeekday == 4)
    #expect(roster.publishMinute == 9 * 60 + 30)
    #expect(try parsed(configuration.rendered()) == configuration)
}

@Test func aZoneEntryOverridesTheStarEntry() throws {
    let roster = try parsed(
        """
        [roster]
        zones = [{ id = "north", name = "北", localities = ["a"] }, { id = "south", name = "南", localities = ["b"] }]
        coverage = [
          { zone = "south", period = "night", workday = 2, restday = 2, holiday = 2, rain_extra = 1 },
          { zone = "*", period = "night", workday = 1, restday = 0, holiday = 0, rain_extra = 0 },
          { zone = "*", period = "day", workday = 3, restday = 1, holiday = 1, rain_extra = 1 },
          { zone = "*", period = "evening", workday = 1, restday = 1, holiday = 1, rain_extra = 0 },
        ]
        """
    ).roster
    #expect(roster.coverage(forZone: "south", period: "night")?.workday == 2)
    #expect(roster.coverage(forZone: "north", period: "night")?.workday == 1)
    #expect(roster.coverage(forZone: "south", period: "day")?.workday == 3)
    #expect(roster.coverage(forZone: "south", period: "late") == nil)

    let south = try #require(roster.coverage(forZone: "south", period: "night"))
    #expect(south.teams(on: .workday, rain: false) == 2)
    #expect(south.teams(on: .makeupWorkday, rain: true) == 3)
    let day = try #require(roster.coverage(forZone: "north", period: "day"))
    #expect(day.teams(on: .restday, rain: false) == 1)
    #expect(day.teams(on: .holiday, rain: true) == 2)
    #expect(day.teams(on: .makeupWorkday, rain: false) == 3, "a makeup workday counts as a workday")
}

@Test func noZonesMeansOneZoneWithEveryLocality() throws {
    let roster = DaemonConfiguration.default.roster
    #expect(
        roster.zones(allLocalities: ["baihe", "liulin"])
            == [ZoneSetting(id: "district", name: "全区", localities: ["baihe", "liulin"])])
    #expect(roster.localitiesOutsideZones(allLocalities: ["baihe", "liulin"]) == [])
    #expect(roster.coverage(forZone: "district", period: "day")?.workday == 2)

    let zoned = try parsed(
        """
        [roster]
        zones = [{ id = "north", name = "北片区", localities = ["baihe", "gone"] }]
        """
    ).roster
    #expect(zoned.zones(allLocalities: ["baihe", "liulin"]) == zoned.zones)
    #expect(zoned.localitiesOutsideZones(allLocalities: ["baihe", "liulin", "xinhua"]) == ["liulin", "xinhua"])
    #expect(zoned.zoneLocalitiesMissing(fromDirectory: ["baihe", "liulin"]) == ["gone"])
    #expect(zoned.coverage(forZone: "north", period: "night")?.workday == 1)
}

@Test func coverageMayNameTheDefaultZone() throws {
    let roster = try parsed(
        """
        [roster]
        coverage = [
          { zone = "*", period = "day", workday = 2, restday = 1, holiday = 1, rain_extra = 1 },
          { zone = "*", period = "evening", workday = 1, restday = 1, holiday = 1, rain_extra = 1 },
          { zone = "district", period = "night", workday = 0, restday = 0, holiday = 0, rain_extra = 0 },
        ]
        """
    ).roster
    #expect(roster.coverage(forZone: "district", period: "night")?.workday == 0)
}

let badRosterRules: [BadConfiguration] = [
    .init(
        """
        [roster]
        coverage = [
          { zone = "*", period = "day", workday = 2, restday = 1, holiday = 1, rain_extra = 1 },
          { zone = "*", period = "evening", workday = 1, restday = 1, holiday = 1, rain_extra = 1 },
          { zone = "*", period = "nite", workday = 1, restday = 1, holiday = 1, rain_extra = 0 },
        ]
        """,
        [
            #"/etc/inspectd/inspectd.toml:5: key "roster.coverage.period": "nite" is not a period in roster.periods; use one of "day", "evening" and "night""#
        ]),
    // Periods are written after the coverage that names them.
    .init(
        """
        [roster]
        coverage = [
          { zone = "*", period = "early", workday = 1, restday = 1, holiday = 1, rain_extra = 0 },
          { zone = "*", period = "day", workday = 2, restday = 1, holiday = 1, rain_extra = 1 },
        ]
        periods = [
          { id = "early", name = "早班", start = "00:00", end = "12:00" },
          { id = "late", name = "晚班", start = "12:00", end = "24:00" },
        ]
        """,
        [
            #"/etc/inspectd/inspectd.toml:4: key "roster.coverage.period": "day" is not a period in roster.periods; use one of "early" and "late""#
        ]),
    .init(
        """
        [roster]
        zones = [{ id = "north", name = "北片区", localities = ["baihe"] }]
        coverage = [
          { zone = "*", period = "day", workday = 2, restday = 1, holiday = 1, rain_extra = 1 },
          { zone = "*", period = "evening", workday = 1, restday = 1, holiday = 1, rain_extra = 1 },
          { zone = "*", period = "night", workday = 1, restday = 1, holiday = 1, rain_extra = 0 },
          { zone = "nroth", period = "night", workday = 2, restday = 1, holiday = 1, rain_extra = 0 },
        ]
        """,
        [
            #"/etc/inspectd/inspectd.toml:7: key "roster.coverage.zone": "nroth" is not a zone in roster.zones; use one of "north", or "*" for every zone"#
        ]),
    .init(
        """
        [roster]
        coverage = [
          { zone = "*", period = "day", workday = 2, restday = 1, holiday = 1, rain_extra = 1 },
          { zone = "*", period = "evening", workday = 1, restday = 1, holiday = 1, rain_extra = 1 },
          { zone = "north", period = "night", workday = 1, restday = 1, holiday = 1, rain_extra = 0 },
        ]
        """,
        [
            #"/etc/inspectd/inspectd.toml:5: key "roster.coverage.zone": "north" is not a zone: roster.zones is empty, so the one zone is "district"; use "*", or define the zone in roster.zones"#
        ]),
    .init(
        """
        [roster]
        zones = [
          { id = "north", name = "北片区", localities = ["baihe", "liulin"] },
          { id = "north", name = "南片区", localities = ["xinhua"] },
        ]
        """,
        [
            #"/etc/inspectd/inspectd.toml:4: key "roster.zones.id": the zone id "north" is used twice; give each zone its own id"#
        ]),
    .init(
        """
        [roster]
        zones = [
          { id = "north", name = "北片区", localities = ["baihe", "liulin"] },
          { id = "south", name = "南片区", localities = ["xinhua", "liulin"] },
        ]
        """,
        [
            #"/etc/inspectd/inspectd.toml:4: key "roster.zones.localities": the locality "liulin" is already in zone "north"; a locality belongs to at most one zone, so remove it from one of them"#
        ]),
    .init(
        """
        [roster]
        zones = [
          { id = "North", name = " ", localities = [] },
          { id = "south", name = "南片区", localities = ["xinhua", "xinhua", "白河"], colour = "red" },
          { id = "east", localities = ["a"] },
          "west",
        ]
        """,
        [
            #"/etc/inspectd/inspectd.toml:3: key "roster.zones.id": "North" is not a zone id; use lowercase letters, digits, - and _, such as "north""#,
            #"/etc/inspectd/inspectd.toml:3: key "roster.zones.name": the zone name is empty; name it, such as "北片区""#,
            #"/etc/inspectd/inspectd.toml:3: key "roster.zones.localities": zone "North" has no localities; list the directory ids of its localities, such as ["baihe", "liulin"]"#,
            #"/etc/inspectd/inspectd.toml:4: key "roster.zones.colour": unknown key "colour" in a zone; a zone has id, name, localities"#,
            #"/etc/inspectd/inspectd.toml:4: key "roster.zones.localities": the locality "xinhua" is listed twice in zone "south"; list it once"#,
            #"/etc/inspectd/inspectd.toml:4: key "roster.zones.localities": "白河" is not a locality id; use the locality's id from the directory (1–64 letters, digits, '_', '.' or '-')"#,
            #"/etc/inspectd/inspectd.toml:5: key "roster.zones": a zone needs name, such as { id = "north", name = "北片区", localities = ["baihe", "liulin"] }"#,
            #"/etc/inspectd/inspectd.toml:6: key "roster.zones": expected a table such as { id = "north", name = "北片区", localities = ["baihe", "liulin"] }, found a string"#,
        ]),
    .init(
        """
        [roster]
        coverage = [
          { zone = "*", period = "day", workday = 2, restday = 1, holiday = 1, rain_extra = 1 },
          { zone = "*", period = "day", workday = 3, restday = 1, holiday = 1, rain_extra = 1 },
          { zone = "*", period = "evening", workday = 51, restday = -1, holiday = 1.5, rain_extra = 1 },
          { zone = "*", period = "Night", workday = 1, restday = 1, holiday = 1 },
          { zone = "all", period = "night", workday = 1, restday = 1, holiday = 1, rain_extra = 0 },
          { zone = "?", period = "night", workday = 1, restday = 1, holiday = 1, rain_extra = 0 },
        ]
        """,
        [
            #"/etc/inspectd/inspectd.toml:4: key "roster.coverage": zone "*" already has an entry for period "day" on line 3; write one entry per zone and period (an entry for a zone overrides "*" for that zone)"#,
            #"/etc/inspectd/inspectd.toml:5: key "roster.coverage.workday": 51 is out of range; use a whole number of teams from 0 to 50"#,
            #"/etc/inspectd/inspectd.toml:5: key "roster.coverage.restday": -1 is out of range; use a whole number of teams from 0 to 50"#,
            #"/etc/inspectd/inspectd.toml:5: key "roster.coverage.holiday": expected an integer, found a float"#,
            #"/etc/inspectd/inspectd.toml:6: key "roster.coverage": a coverage entry needs rain_extra, such as { zone = "*", period = "night", workday = 1, restday = 1, holiday = 1, rain_extra = 0 }"#,
            #"/etc/inspectd/inspectd.toml:6: key "roster.coverage.period": "Night" is not a period id; use a period's id from roster.periods, such as "night""#,
            #"/etc/inspectd/inspectd.toml:8: key "roster.coverage.zone": "?" is not a zone id; use a zone's id from roster.zones, or "*" for every zone"#,
        ]),
    // Every period needs coverage in every zone.
    .init(
        """
        [roster]
        zones = [{ id = "north", name = "北", localities = ["a"] }, { id = "south", name = "南", localities = ["b"] }]
        coverage = [
          { zone = "*", period = "day", workday = 2, restday = 1, holiday = 1, rain_extra = 1 },
          { zone = "*", period = "evening", workday = 1, restday = 1, holiday = 1, rain_extra = 1 },
          { zone = "north", period = "night", workday = 1, restday = 1, holiday = 1, rain_extra = 0 },
        ]
        """,
        [
            #"/etc/inspectd/inspectd.toml:3: key "roster.coverage": period "night" has no coverage in zone "south"; add an entry such as { zone = "*", period = "night", workday = 1, restday = 1, holiday = 1, rain_extra = 0 }, with 0 where no team is needed"#
        ]),
    .init(
        """
        [roster]
        zones = [{ id = "north", name = "北", localities = ["a"] }, { id = "south", name = "南", localities = ["b"] }]
        coverage = [{ zone = "*", period = "day", workday = 2, restday = 1, holiday = 1, rain_extra = 1 }]
        """,
        [
            #"/etc/inspectd/inspectd.toml:3: key "roster.coverage": period "evening" has no coverage in zones "north" and "south"; add an entry such as { zone = "*", period = "evening", workday = 1, restday = 1, holiday = 1, rain_extra = 0 }, with 0 where no team is needed"#,
            #"/etc/inspectd/inspectd.toml:3: key "roster.coverage": period "night" has no coverage in zones "north" and "south"; add an entry such as { zone = "*", period = "night", workday = 1, restday = 1, holiday = 1, rain_extra = 0 }, with 0 where no team is needed"#,
        ]),
    // Other periods without coverage: the default coverage names periods that are gone.
    .init(
        """
        [roster]
        periods = [
          { id = "day", name = "白班", start = "08:00", end = "20:00" },
          { id = "night", name = "夜班", start = "20:00", end = "08:00" },
        ]
        """,
        [
            #"/etc/inspectd/inspectd.toml:2: key "roster.periods": roster.coverage is left out, and its default is for the periods "day", "evening" and "night"; write roster.coverage with an entry for each of "day" and "night" (see deploy/inspectd.toml)"#
        ]),
    .init(
        """
        [roster]
        periods = [
          { id = "day", name = "白班", start = "08:00", end = "16:00" },
          { id = "evening", name = "晚班", start = "16:00", end = "24:00" },
          { id = "night", name = "夜班", start = "00:00", end = "06:00" },
          { id = "dawn", name = "早班", start = "06:00", end = "08:00" },
        ]
        """,
        [
            #"/etc/inspectd/inspectd.toml:2: key "roster.periods": roster.coverage is left out, and its default has no entry for period "dawn"; write roster.coverage with an entry for every period, such as { zone = "*", period = "dawn", workday = 1, restday = 1, holiday = 1, rain_extra = 0 }"#
        ]),
    // A mistake in periods is reported once, not again through coverage.
    .init(
        """
        [roster]
        periods = [{ id = "day", name = "白班", start = "08:00", end = "16:00" }]
        """,
        [
            #"/etc/inspectd/inspectd.toml:2: key "roster.periods": 00:00–08:00 is in no period; every minute of the day must belong to exactly one period"#,
            #"/etc/inspectd/inspectd.toml:2: key "roster.periods": 16:00–24:00 is in no period; every minute of the day must belong to exactly one period"#,
        ]),
    .init(
        "[roster]\npublish_weekday = 0\npublish_time = \"4pm\"\n",
        [
            #"/etc/inspectd/inspectd.toml:2: key "roster.publish_weekday": 0 is out of range; use a whole number of the ISO weekday (1 Monday … 7 Sunday) from 1 to 7"#,
            #"/etc/inspectd/inspectd.toml:3: key "roster.publish_time": "4pm" is not a time of day; write HH:MM, such as "16:00""#,
        ]),
    .init(
        "[roster]\nzones = \"north\"\ncoverage = {}\npublish_time = \"24:00\"\n",
        [
            #"/etc/inspectd/inspectd.toml:2: key "roster.zones": expected an array of zones such as [{ id = "north", name = "北片区", localities = ["baihe", "liulin"] }], found a string"#,
            #"/etc/inspectd/inspectd.toml:3: key "roster.coverage": expected an array of coverage entries such as [{ zone = "*", period = "night", workday = 1, restday = 1, holiday = 1, rain_extra = 0 }], found a table"#,
            #"/etc/inspectd/inspectd.toml:4: key "roster.publish_time": "24:00" is not a time of day; write HH:MM, such as "16:00""#,
        ]),
]

@Test("roster rules: each problem with file, line, key and what to do", arguments: badRosterRules)
func badRosterRule(_ configuration: BadConfiguration) {
    #expect(problems(configuration.text) == configuration.problems)
}
