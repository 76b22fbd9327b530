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

// MARK: - [teams], [duty], [visits]

@Test func teamDutyAndVisitDefaults() {
    let configuration = DaemonConfiguration.default
    #expect(configuration.teams == TeamSettings(size: 3, minDepartments: 2, minCertified: 2, requiredDepartments: []))
    #expect(configuration.teams.requiredDepartments(forPeriod: "night") == [])
    #expect(
        configuration.duty
            == DutySettings(
                minRestHours: 11, maxHoursPerWeek: 48, maxConsecutiveNights: 3, maxRestdayShiftsPerMonth: 8,
                maxHolidayShiftsPerMonth: 4, fairnessLookbackDays: 365, plannerIterations: 200_000))
    #expect(configuration.visits.perTeam == 4)
    #expect(configuration.visits.cadenceDays == CadenceDays(a: 7, b: 14, c: 30))
    #expect(configuration.visits.releaseLeadMinutes == 30)
}

@Test func aFullRosterConfigurationIsRead() throws {
    let configuration = try parsed(
        """
        [roster]
        horizon_days = 21
        periods = [
          { id = "day", name = "白班", start = "07:00", end = "19:00" },
          { id = "night", name = "夜班", start = "19:00", end = "07:00" },
        ]
        zones = [
          { id = "north", name = "北片区", localities = ["baihe", "liulin"] },
          { id = "south", name = "南片区", localities = ["xinhua"] },
        ]
        coverage = [
          { zone = "*", period = "day", workday = 2, restday = 1, holiday = 1, rain_extra = 1 },
          { zone = "*", period = "night", workday = 1, restday = 1, holiday = 1, rain_extra = 0 },
          { zone = "north", period = "night", workday = 2, restday = 1, holiday = 1, rain_extra = 1 },
        ]
        publish_weekday = 3
        publish_time = "10:00"

        [teams]
        size = 4
        min_departments = 3
        min_certified = 1
        required_departments = [
          { period = "night", departments = ["police", "env"] },
          { period = "day", departments = ["env"] },
        ]

        [duty]
        min_rest_hours = 12
        max_hours_per_week = 40
        max_consecutive_nights = 2
        max_restday_shifts_per_month = 6
        max_holiday_shifts_per_month = 2
        fairness_lookback_days = 730
        planner_iterations = 0

        [visits]
        per_team = 6
        cadence_days = { C = 60, A = 3, B = 3 }
        release_lead_minutes = 0
        """)
    #expect(configuration.roster.horizonDays == 21)
    #expect(configuration.roster.coverage(forZone: "north", period: "night")?.workday == 2)
    #expect(configuration.roster.coverage(forZone: "south", period: "night")?.workday == 1)
    #expect(
        configuration.teams
            == TeamSettings(
                size: 4, minDepartments: 3, minCertified: 1,
                requiredDepartments: [
                    RequiredDepartmentsSetting(period: "night", departments: ["police", "env"]),
                    RequiredDepartmentsSetting(period: "day", departments: ["env"]),
                ]))
    #expect(configuration.teams.requiredDepartments(forPeriod: "night") == ["police", "env"])
    #expect(
        configuration.duty
            == DutySettings(
                minRestHours: 12, maxHoursPerWeek: 40, maxConsecutiveNights: 2, maxRestdayShiftsPerMonth: 6,
                maxHolidayShiftsPerMonth: 2, fairnessLookbackDays: 730, plannerIterations: 0))
    #expect(configuration.visits == VisitSettings(perTeam: 6, cadenceDays: CadenceDays(a: 3, b: 3, c: 60), releaseLeadMinutes: 0))
    #expect(configuration.visits.cadenceDays[.c] == 60)
    #expect(try parsed(configuration.rendered()) == configuration)
}

let badTeamDutyAndVisits: [BadConfiguration] = [
    .init(
        "[teams]\nsize = 2\nmin_departments = 3\nmin_certified = 4\n",
        [
            #"/etc/inspectd/inspectd.toml:3: key "teams.min_departments": 3 is more than teams.size (2): a team of 2 has at most 2 departments; lower min_departments or raise size"#,
            #"/etc/inspectd/inspectd.toml:4: key "teams.min_certified": 4 is more than teams.size (2): a team of 2 has at most 2 certified officers; lower min_certified or raise size"#,
        ]),
    // The minimums left at their defaults (2 and 2) do not fit a team of 1.
    .init(
        "[teams]\nsize = 1\n",
        [
            #"/etc/inspectd/inspectd.toml:2: key "teams.size": a team of 1 cannot have the 2 departments that min_departments asks for by default; raise size to at least 2, or set min_departments lower"#,
            #"/etc/inspectd/inspectd.toml:2: key "teams.size": a team of 1 cannot have the 2 certified officers that min_certified asks for by default; raise size to at least 2, or set min_certified lower"#,
        ]),
    // Size is written after the minimums; out-of-range values are reported once.
    .init(
        "[teams]\nmin_departments = 0\nmin_certified = 13\nsize = 2\n",
        [
            #"/etc/inspectd/inspectd.toml:2: key "teams.min_departments": 0 is out of range; use a whole number of departments from 1 to 12"#,
            #"/etc/inspectd/inspectd.toml:3: key "teams.min_certified": 13 is out of range; use a whole number of certified officers from 0 to 12"#,
        ]),
    .init(
        """
        [teams]
        size = 2
        required_departments = [
          { period = "nite", departments = ["police"] },
          { period = "day", departments = ["police", "env", "water"] },
        ]
        """,
        [
            #"/etc/inspectd/inspectd.toml:4: key "teams.required_departments.period": "nite" is not a period in roster.periods; use one of "day", "evening" and "night""#,
            #"/etc/inspectd/inspectd.toml:5: key "teams.required_departments.departments": 3 departments are required in period "day", more than a team of 2 (teams.size) can hold; require fewer, or raise size"#,
        ]),
    // Periods are read from [roster] wherever it is in the file.
    .init(
        """
        [teams]
        required_departments = [{ period = "evening", departments = ["police"] }]

        [roster]
        periods = [
          { id = "day", name = "白班", start = "08:00", end = "20:00" },
          { id = "night", name = "夜班", start = "20:00", end = "08:00" },
        ]
        coverage = [
          { zone = "*", period = "day", workday = 2, restday = 1, holiday = 1, rain_extra = 1 },
          { zone = "*", period = "night", workday = 1, restday = 1, holiday = 1, rain_extra = 0 },
        ]
        """,
        [
            #"/etc/inspectd/inspectd.toml:2: key "teams.required_departments.period": "evening" is not a period in roster.periods; use one of "day" and "night""#
        ]),
    .init(
        """
        [teams]
        required_departments = [
          { period = "night", departments = [] },
          { period = "night", departments = ["police", "police", "公安"] },
          { period = "Day", departments = "police" },
          { period = "evening" },
        ]
        """,
        [
            #"/etc/inspectd/inspectd.toml:3: key "teams.required_departments.departments": no departments; name at least one department id, such as ["police"]"#,
            #"/etc/inspectd/inspectd.toml:4: key "teams.required_departments.period": period "night" already has required departments on line 3; list all of them in one entry"#,
            #"/etc/inspectd/inspectd.toml:4: key "teams.required_departments.departments": the department "police" is listed twice; list it once"#,
            #"/etc/inspectd/inspectd.toml:4: key "teams.required_departments.departments": "公安" is not a department id; use the department's id from the directory (1–64 letters, digits, '_', '.' or '-')"#,
            #"/etc/inspectd/inspectd.toml:5: key "teams.required_departments.departments": expected an array of strings, found a string"#,
            #"/etc/inspectd/inspectd.toml:5: key "teams.required_departments.period": "Day" is not a period id; use a period's id from roster.periods, such as "night""#,
            #"/etc/inspectd/inspectd.toml:6: key "teams.required_departments": a required-departments entry needs departments, such as { period = "night", departments = ["police"] }"#,
        ]),
    .init(
        """
        [duty]
        min_rest_hours = 49
        max_hours_per_week = 7
        max_consecutive_nights = 0
        max_restday_shifts_per_month = 32
        max_holiday_shifts_per_month = -1
        fairness_lookback_days = 6
        planner_iterations = 10000001
        """,
        [
            #"/etc/inspectd/inspectd.toml:2: key "duty.min_rest_hours": 49 is out of range; use a whole number of hours from 0 to 48"#,
            #"/etc/inspectd/inspectd.toml:3: key "duty.max_hours_per_week": 7 is out of range; use a whole number of hours from 8 to 84"#,
            #"/etc/inspectd/inspectd.toml:4: key "duty.max_consecutive_nights": 0 is out of range; use a whole number of nights from 1 to 14"#,
            #"/etc/inspectd/inspectd.toml:5: key "duty.max_restday_shifts_per_month": 32 is out of range; use a whole number of shifts from 0 to 31"#,
            #"/etc/inspectd/inspectd.toml:6: key "duty.max_holiday_shifts_per_month": -1 is out of range; use a whole number of shifts from 0 to 31"#,
            #"/etc/inspectd/inspectd.toml:7: key "duty.fairness_lookback_days": 6 is out of range; use a whole number of days from 7 to 730"#,
            #"/etc/inspectd/inspectd.toml:8: key "duty.planner_iterations": 10000001 is out of range; use a whole number of iterations from 0 to 10000000"#,
        ]),
    .init(
        """
        [visits]
        per_team = 51
        cadence_days = { A = 7, B = 0, D = 30 }
        release_lead_minutes = 1441
        """,
        [
            #"/etc/inspectd/inspectd.toml:2: key "visits.per_team": 51 is out of range; use a whole number of visits from 0 to 50"#,
            #"/etc/inspectd/inspectd.toml:3: key "visits.cadence_days.D": unknown key "D" in cadence_days; cadence_days has A, B, C"#,
            #"/etc/inspectd/inspectd.toml:3: key "visits.cadence_days.B": 0 is out of range; use a whole number of days from 1 to 366 between visits to a class B site"#,
            #"/etc/inspectd/inspectd.toml:3: key "visits.cadence_days": cadence_days needs C, such as { A = 7, B = 14, C = 30 }"#,
            #"/etc/inspectd/inspectd.toml:4: key "visits.release_lead_minutes": 1441 is out of range; use a whole number of minutes from 0 to 1440"#,
        ]),
    .init(
        "[verification]\nwithin_working_days = 0\n",
        [#"/etc/inspectd/inspectd.toml:2: key "verification.within_working_days": 0 is out of range; use a whole number of working days from 1 to 60"#]),
    .init(
        "[visits]\ncadence_days = 7\n",
        [#"/etc/inspectd/inspectd.toml:2: key "visits.cadence_days": expected a table such as { A = 7, B = 14, C = 30 }, found an integer"#]),
    .init(
        "[visits]\ncadence_days = { a = 7, B = 14, C = 367 }\n",
        [
            #"/etc/inspectd/inspectd.toml:2: key "visits.cadence_days.a": unknown key "a" in cadence_days; cadence_days has A, B, C"#,
            #"/etc/inspectd/inspectd.toml:2: key "visits.cadence_days": cadence_days needs A, such as { A = 7, B = 14, C = 30 }"#,
            #"/etc/inspectd/inspectd.toml:2: key "visits.cadence_days.C": 367 is out of range; use a whole number of days from 1 to 366 between visits to a class C site"#,
        ]),
    .init(
        "[teems]\nsize = 3\n[visits]\nper_teams = 4\n",
        [
            #"/etc/inspectd/inspectd.toml:1: key "teems": unknown table (did you mean "teams"?); see deploy/inspectd.toml for the keys"#,
            #"/etc/inspectd/inspectd.toml:4: key "visits.per_teams": unknown key (did you mean "per_team"?); see deploy/inspectd.toml for the keys"#,
        ]),
]

@Test("teams, duty and visits: each problem with file, line, key and what to do", arguments: badTeamDutyAndVisits)
func badTeamDutyOrVisits(_ configuration: BadConfiguration) {
    #expect(problems(configuration.text) == configuration.problems)
}

@Test func crossKeyProblemsAreInvalidValuesAtTheKeyToFix() throws {
    let result = DaemonConfiguration.parse(
        "[teams]\nsize = 2\n\nmin_departments = 3\n[roster]\ncoverage = [\n  { zone = \"x\", period = \"day\", workday = 1, restday = 1, holiday = 1, rain_extra = 0 },\n]\n",
        file: file)
    guard case .failure(let errors) = result else {
        Issue.record("expected problems")
        return
    }
    #expect(errors.problems.map(\.code) == [.invalidValue, .invalidValue])
    #expect(errors.problems.map(\.key) == ["teams.min_departments", "roster.coverage.zone"])
    #expect(errors.problems.map(\.line) == [4, 7])
}
