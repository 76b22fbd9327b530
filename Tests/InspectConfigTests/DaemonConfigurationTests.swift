import Foundation
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

@Test func emptyFileGivesTheDefaults() throws {
    #expect(try parsed("") == .default)
    #expect(try parsed("# nothing here\n\n[district]\n[daemon]\n[access]\n") == .default)
}

@Test func defaultsAreTheDocumentedOnes() {
    let configuration = DaemonConfiguration.default
    #expect(configuration.district == DistrictSettings(name: "未命名区", timezone: "Asia/Shanghai"))
    #expect(configuration.daemon.stateDirectory == "/var/lib/inspectd")
    #expect(configuration.daemon.spoolDirectory == "/var/spool/inspectd")
    #expect(configuration.daemon.socketPath == "/run/inspectd/inspectd.sock")
    #expect(configuration.daemon.socketMode == 0o660)
    #expect(configuration.daemon.logLevel == .info)
    #expect(configuration.daemon.shutdownGraceSeconds == 20)
    #expect(configuration.daemon.watchdog)
    #expect(configuration.access.adminGroups == [.name("inspectd-admin")])
    #expect(configuration.access.supervisorGroups == [.name("inspectd")])
}

@Test func everyKeyIsRead() throws {
    let configuration = try parsed(
        """
        [district]
        name = "示范区"
        timezone = "America/Argentina/Buenos_Aires"

        [daemon]
        state_directory = "/srv/inspectd/state"
        spool_directory = "/srv/inspectd/spool"
        socket_path = "/srv/inspectd/api.sock"
        socket_mode = "660"
        log_level = "debug"
        shutdown_grace_seconds = 5
        watchdog = false

        [access]
        admin_groups = ["wheel", 1001, "2002", "machine$"]
        supervisor_groups = []
        """)
    #expect(configuration.district == DistrictSettings(name: "示范区", timezone: "America/Argentina/Buenos_Aires"))
    #expect(
        configuration.daemon
            == DaemonSettings(
                stateDirectory: "/srv/inspectd/state", spoolDirectory: "/srv/inspectd/spool",
                socketPath: "/srv/inspectd/api.sock", socketMode: 0o660, logLevel: .debug,
                shutdownGraceSeconds: 5, watchdog: false))
    #expect(configuration.access.adminGroups == [.name("wheel"), .gid(1001), .gid(2002), .name("machine$")])
    #expect(configuration.access.supervisorGroups == [])
}

@Test func missingKeysKeepTheirDefaults() throws {
    let configuration = try parsed("[daemon]\nlog_level = \"warning\"\n")
    var expected = DaemonConfiguration.default
    expected.daemon.logLevel = .warning
    #expect(configuration == expected)
}

@Test func dottedKeysAndInlineTablesWorkToo() throws {
    let configuration = try parsed("daemon.log_level = \"error\"\ndistrict = { name = \"东城区\" }\n")
    #expect(configuration.daemon.logLevel == .error)
    #expect(configuration.district.name == "东城区")
}

struct BadConfiguration: CustomTestStringConvertible, Sendable {
    var text: String
    var problems: [String]
    var testDescription: String { text.debugDescription }

    init(_ text: String, _ problems: [String]) {
        self.text = text
        self.problems = problems
    }
}

let badConfigurations: [BadConfiguration] = [
    .init(
        "[daemon]\n\n\n\n\n\nlog_level = \"loud\"\n",
        [
            #"/etc/inspectd/inspectd.toml:7: key "daemon.log_level": "loud" is not a log level; use one of trace, debug, info, notice, warning, error, critical"#
        ]),
    .init(
        "[daemon]\nsocket_path\n",
        [#"/etc/inspectd/inspectd.toml:2:12: expected '=' after key "socket_path", found the end of the line"#]),
    .init(
        "[daemon]\nsoket_path = \"/run/x.sock\"\ncolour = 1\n",
        [
            #"/etc/inspectd/inspectd.toml:2: key "daemon.soket_path": unknown key (did you mean "socket_path"?); see deploy/inspectd.toml for the keys"#,
            #"/etc/inspectd/inspectd.toml:3: key "daemon.colour": unknown key; see deploy/inspectd.toml for the keys"#,
        ]),
    .init(
        "[calender]\nholidays = []\n",
        [#"/etc/inspectd/inspectd.toml:1: key "calender": unknown table (did you mean "calendar"?); see deploy/inspectd.toml for the keys"#]),
    .init(
        "name = \"示范区\"\n",
        [#"/etc/inspectd/inspectd.toml:1: key "name": unknown key; see deploy/inspectd.toml for the keys"#]),
    .init(
        "[daemon.extra]\n",
        [#"/etc/inspectd/inspectd.toml:1: key "daemon.extra": unknown table; see deploy/inspectd.toml for the keys"#]),
    .init(
        "[[district]]\nname = \"x\"\n",
        [#"/etc/inspectd/inspectd.toml:1: key "district": expected a table ([district]), found an array"#]),
    .init(
        "[district]\nname = 12\ntimezone = \"Shanghai\"\n",
        [
            #"/etc/inspectd/inspectd.toml:2: key "district.name": expected a string, found an integer"#,
            #"/etc/inspectd/inspectd.toml:3: key "district.timezone": "Shanghai" is not an IANA time zone name; use Area/Location, such as "Asia/Shanghai""#,
        ]),
    .init(
        "[district]\nname = \"  \"\n",
        [
            #"/etc/inspectd/inspectd.toml:2: key "district.name": the district name is empty; write the district's name, such as "示范区""#
        ]),
    .init(
        "[district]\nname = \"示范区\\n二行\"\n",
        [
            #"/etc/inspectd/inspectd.toml:2: key "district.name": the district name contains a control character such as a line break; write it on one line"#
        ]),
    .init(
        """
        [daemon]
        state_directory = "var/lib/inspectd"
        spool_directory = ""
        socket_path = "/run/\(String(repeating: "x", count: 100)).sock"
        socket_mode = 660
        shutdown_grace_seconds = 0
        watchdog = "yes"
        """,
        [
            #"/etc/inspectd/inspectd.toml:2: key "daemon.state_directory": "var/lib/inspectd" is a relative path; use an absolute path such as "/var/lib/inspectd""#,
            #"/etc/inspectd/inspectd.toml:3: key "daemon.spool_directory": the path is empty; use an absolute path"#,
            #"/etc/inspectd/inspectd.toml:4: key "daemon.socket_path": "/run/\#(String(repeating: "x", count: 100)).sock" is 110 bytes long; a Unix socket path can be at most 107 bytes"#,
            #"/etc/inspectd/inspectd.toml:5: key "daemon.socket_mode": expected an octal string in quotes, such as "0660", found an integer"#,
            #"/etc/inspectd/inspectd.toml:6: key "daemon.shutdown_grace_seconds": 0 is out of range; use a whole number of seconds from 1 to 3600"#,
            #"/etc/inspectd/inspectd.toml:7: key "daemon.watchdog": expected a boolean (true or false, without quotes), found a string"#,
        ]),
    .init(
        "[daemon]\nsocket_mode = \"0968\"\nshutdown_grace_seconds = 2.5\nlog_level = \"INFO\"\n",
        [
            #"/etc/inspectd/inspectd.toml:2: key "daemon.socket_mode": "0968" is not a file mode; use 3 or 4 octal digits, such as "0660""#,
            #"/etc/inspectd/inspectd.toml:3: key "daemon.shutdown_grace_seconds": expected an integer, found a float"#,
            #"/etc/inspectd/inspectd.toml:4: key "daemon.log_level": "INFO" is not a log level; use one of trace, debug, info, notice, warning, error, critical"#,
        ]),
    .init(
        "[access]\nadmin_groups = \"wheel\"\nsupervisor_groups = [\n  \"ok\",\n  \"Bad Name\",\n  -1,\n  true,\n  \"\",\n]\n",
        [
            #"/etc/inspectd/inspectd.toml:2: key "access.admin_groups": expected an array of group names, such as ["inspectd"], found a string"#,
            #"/etc/inspectd/inspectd.toml:5: key "access.supervisor_groups": entry 2 "Bad Name" is not a group name; use a lowercase name such as "inspectd-admin" or a numeric gid"#,
            #"/etc/inspectd/inspectd.toml:6: key "access.supervisor_groups": entry 3 -1 is not a gid; use a number from 0 to 4294967294"#,
            #"/etc/inspectd/inspectd.toml:7: key "access.supervisor_groups": entry 4: expected a group name (string) or gid (integer), found a boolean"#,
            #"/etc/inspectd/inspectd.toml:8: key "access.supervisor_groups": entry 5 "" is not a group name; use a lowercase name such as "inspectd-admin" or a numeric gid"#,
        ]),
    .init(
        "[daemon]\nlog_level = \"info\"\n[daemon]\n",
        [#"/etc/inspectd/inspectd.toml:3:1: table [daemon] is defined twice; it was already defined at line 1"#]),
    // Problems come out in file order even when tables are read in another order.
    .init(
        "[access]\nadmin_groups = [\"X\"]\n[district]\nname = 1\n",
        [
            #"/etc/inspectd/inspectd.toml:2: key "access.admin_groups": entry 1 "X" is not a group name; use a lowercase name such as "inspectd-admin" or a numeric gid"#,
            #"/etc/inspectd/inspectd.toml:4: key "district.name": expected a string, found an integer"#,
        ]),
]

@Test("every problem is reported, each with file, line and key", arguments: badConfigurations)
func badConfiguration(_ configuration: BadConfiguration) {
    #expect(problems(configuration.text) == configuration.problems)
}

@Test func problemsHaveStableCodes() throws {
    let result = DaemonConfiguration.parse("[x]\n[daemon]\ny = 1\nlog_level = 1\nwatchdog = \"no\"\n", file: file)
    guard case .failure(let errors) = result else {
        Issue.record("expected problems")
        return
    }
    #expect(errors.problems.map(\.code) == [.unknownTable, .unknownKey, .wrongType, .wrongType])
    #expect(errors.problems.map(\.key) == ["x", "daemon.y", "daemon.log_level", "daemon.watchdog"])
    #expect(errors.problems.map(\.line) == [1, 3, 4, 5])
    #expect(errors.description.split(separator: "\n").count == 4)
    guard case .failure(let syntax) = DaemonConfiguration.parse("a = \n", file: file) else {
        Issue.record("expected a syntax problem")
        return
    }
    #expect(syntax.problems.map(\.code) == [.syntax])
    #expect(syntax.problems.first?.key == nil)
}

@Test func renderedRoundTrips() throws {
    #expect(try parsed(DaemonConfiguration.default.rendered()) == .default)

    var demo = DaemonConfiguration.default
    demo.district.name = "示范区 \"演示\" \\ 区"
    demo.district.timezone = "Etc/GMT-8"
    demo.daemon.stateDirectory = "/home/演示/inspectd-demo"
    demo.daemon.spoolDirectory = "/home/演示/inspectd-demo"
    demo.daemon.socketPath = "/home/演示/inspectd-demo/inspectd.sock"
    demo.daemon.socketMode = 0o600
    demo.daemon.logLevel = .trace
    demo.daemon.shutdownGraceSeconds = 3600
    demo.daemon.watchdog = false
    demo.access.adminGroups = [.name("staff"), .gid(0)]
    demo.access.supervisorGroups = []
    let rendered = demo.rendered()
    #expect(try parsed(rendered) == demo)
    #expect(rendered.contains("socket_mode = \"0600\"\n"))
    #expect(rendered.contains("admin_groups = [\"staff\", 0]\n"))
}

@Test func renderedIsReadableTOML() {
    // The ladders are long; their rendering is covered by renderedRoundTrips.
    let rendered = DaemonConfiguration.default.rendered()
    let head = rendered[..<rendered.range(of: "[escalation]")!.lowerBound]
    #expect(rendered.contains("\n[escalation]\nnotify_at = \"09:00\"\nsteps = [{ id = \"reminder\", anchor = \"milestone\", offset = -3,"))
    #expect(rendered.contains("[lagging]\noverdue_cases = 3\noverdue_days = 7\noverdue_ratio_percent = 20\nescalate_every_days = 7\nranking_weekday = 1\n"))
    #expect(rendered.hasSuffix("[disclosure]\ndirectory = \"disclosure\"\ncycle = \"weekly\"\nweekday = 3\nday_of_month = 3\ntime = \"09:00\"\n"))
    #expect(
        head.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(3)
            .joined(separator: "\n") == """

                [district]
                name = "未命名区"
                timezone = "Asia/Shanghai"

                [daemon]
                state_directory = "/var/lib/inspectd"
                spool_directory = "/var/spool/inspectd"
                socket_path = "/run/inspectd/inspectd.sock"
                socket_mode = "0660"
                log_level = "info"
                shutdown_grace_seconds = 20
                watchdog = true

                [access]
                admin_groups = ["inspectd-admin"]
                supervisor_groups = ["inspectd"]
                unit_groups = []
                inspector_groups = []

                [calendar]
                directory = "/etc/inspectd/calendar.d"

                [weather]
                rain_probability_percent = 60
                rain_precipitation_mm = 2.0
                max_forecast_age_hours = 24
                drop_directory = "weather-inbox"

                [roster]
                horizon_days = 28
                periods = [{ id = "day", name = "白班", start = "08:00", end = "16:00" }, { id = "evening", name = "晚班", start = "16:00", end = "24:00" }, { id = "night", name = "夜班", start = "00:00", end = "08:00" }]
                zones = []
                coverage = [{ zone = "*", period = "day", workday = 2, restday = 1, holiday = 1, rain_extra = 1 }, { zone = "*", period = "evening", workday = 1, restday = 1, holiday = 1, rain_extra = 1 }, { zone = "*", period = "night", workday = 1, restday = 1, holiday = 1, rain_extra = 0 }]
                publish_weekday = 5
                publish_time = "16:00"

                [teams]
                size = 3
                min_departments = 2
                min_certified = 2
                required_departments = []

                [duty]
                min_rest_hours = 11
                max_hours_per_week = 48
                max_consecutive_nights = 3
                max_restday_shifts_per_month = 8
                max_holiday_shifts_per_month = 4
                fairness_lookback_days = 365
                planner_iterations = 200000

                [visits]
                per_team = 4
                cadence_days = { A = 7, B = 14, C = 30 }
                release_lead_minutes = 30
                violation_deadline_days = 15
                violation_deadline_days_by_category = {}
                record_reminder_hours = 12
                record_escalate_hours = 48
                record_catch_up_days = 3

                [verification]
                within_working_days = 5

                [contacts]
                hq_office = { name = "区污染防治攻坚指挥部办公室", phone = "", email = "" }
                deputy_commander = { name = "副总指挥", phone = "", email = "" }
                commander = { name = "总指挥", phone = "", email = "" }

                [notices]
                outbox_directory = "outbox"
                templates_directory = "/etc/inspectd/templates"


                """)
}

@Test func periodsMustCoverTheDayExactlyOnce() {
    let gap = """
        [roster]
        periods = [
          { id = "day", name = "白班", start = "08:00", end = "16:00" },
          { id = "night", name = "夜班", start = "00:00", end = "08:00" },
        ]
        """
    #expect(
        problems(gap) == [
            #"/etc/inspectd/inspectd.toml:2: key "roster.periods": 16:00–24:00 is in no period; every minute of the day must belong to exactly one period"#
        ])
    let overlapAndTypos = """
        [roster]
        periods = [
          { id = "day", name = "白班", start = "08:00", end = "20:00" },
          { id = "night", name = "夜班", start = "18:00", end = "08:00" },
        ]
        """
    #expect(
        problems(overlapAndTypos) == [
            #"/etc/inspectd/inspectd.toml:2: key "roster.periods": 18:00–20:00 is in more than one period (day, night); periods must not overlap"#
        ])
    let bad = """
        [roster]
        periods = [
          { id = "Day", name = "白班", start = "8:00", end = "16:00", teams = 2 },
          { name = "夜班", start = "16:00", end = "08:00" },
        ]
        """
    #expect(problems(bad).count == 4)
    let crossing = """
        [roster]
        periods = [{ id = "day", name = "白班", start = "06:00", end = "22:00" }, { id = "night", name = "夜班", start = "22:00", end = "06:00" }]
        coverage = [
          { zone = "*", period = "day", workday = 2, restday = 1, holiday = 1, rain_extra = 1 },
          { zone = "*", period = "night", workday = 1, restday = 1, holiday = 1, rain_extra = 0 },
        ]
        """
    #expect(problems(crossing) == [])
}

@Test func restartOnlyKeysAreListed() {
    let old = DaemonConfiguration.default
    var new = old
    #expect(new.reloadableDifferences(from: old) == [])
    new.district.name = "示范区"
    new.daemon.logLevel = .debug
    new.daemon.shutdownGraceSeconds = 10
    new.access.adminGroups = [.name("wheel")]
    #expect(new.reloadableDifferences(from: old) == [])
    new.daemon.socketMode = 0o600
    new.daemon.stateDirectory = "/srv/state"
    #expect(new.reloadableDifferences(from: old) == ["daemon.state_directory", "daemon.socket_mode"])
    new.daemon.spoolDirectory = "/srv/spool"
    new.daemon.socketPath = "/srv/api.sock"
    #expect(
        new.reloadableDifferences(from: old)
            == ["daemon.state_directory", "daemon.spool_directory", "daemon.socket_path", "daemon.socket_mode"])
    // The disclosure's directory is resolved at start, under the spool, like the outbox.
    var moved = old
    moved.disclosure.directory = "/srv/public"
    #expect(moved.reloadableDifferences(from: old) == ["disclosure.directory"])
}

@Test func groupReferences() {
    #expect(GroupReference("inspectd-admin") == .name("inspectd-admin"))
    #expect(GroupReference("_svc") == .name("_svc"))
    #expect(GroupReference("host$") == .name("host$"))
    #expect(GroupReference("1001") == .gid(1001))
    #expect(GroupReference("0") == .gid(0))
    for bad in ["", "Admin", "9lives", "a b", "a$b", "$", "4294967295", "99999999999", "组"] {
        #expect(GroupReference(bad) == nil, "\(bad)")
    }
}

@Test func logLevelsInVerbosityOrder() {
    #expect(LogLevel.allCases.map(\.rawValue) == ["trace", "debug", "info", "notice", "warning", "error", "critical"])
}

/// The example config installed to /etc/inspectd/ must be valid and document the defaults.
@Test func exampleConfigInDeployIsValidAndEqualsTheDefaults() throws {
    let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // InspectConfigTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()
    let url = packageRoot.appendingPathComponent("deploy/inspectd.toml")
    let text = try String(contentsOf: url, encoding: .utf8)
    let result = DaemonConfiguration.parse(text, file: "deploy/inspectd.toml")
    if case .failure(let errors) = result { Issue.record("\(errors)") }
    #expect(try result.get() == .default)

    // Every key the schema knows is written out (and so documented) in the example.
    let document = try TOMLDocument.parse(text, file: "deploy/inspectd.toml")
    for section in DaemonConfiguration.sections {
        let table = try #require(document.root[section.tableName]?.table, "[\(section.tableName)] missing")
        #expect(table.keys == section.keyNames, "[\(section.tableName)]")
    }
    #expect(document.root.keys == DaemonConfiguration.sections.map(\.tableName))
}

@Test func escalationStepsAreCheckedFieldByField() throws {
    let custom = """
        [escalation]
        notify_at = "08:30"
        steps = [
          { id = "remind", anchor = "deadline", offset = -2, unit = "working_days", kind = "reminder", recipients = ["responsible_person"] },
          { id = "press", anchor = "deadline", offset = 2, unit = "calendar_days", kind = "supervision", recipients = ["unit_leader"], repeat_every = 3 },
        ]
        complaint_steps = [{ id = "fast", anchor = "deadline", offset = 1, unit = "calendar_days", kind = "summons", recipients = ["unit_leader", "deputy_commander"] }]
        """
    let configuration = try parsed(custom)
    let policy = configuration.escalation.policy
    #expect(policy.notifyAtMinute == 8 * 60 + 30)
    #expect(policy.ladder(for: .patrol).map(\.id) == ["remind", "press"])
    #expect(policy.ladder(for: .complaint).map(\.id) == ["fast"])
    #expect(policy.ladder(for: .patrol)[1].repeatEvery == 3)
    #expect(policy.ladder(for: .centralInspection).first?.offset == -5, "untouched sources keep the default")
    #expect(try parsed(configuration.rendered()) == configuration)

    let bad = """
        [escalation]
        notify_at = "9am"
        steps = [
          { id = "Remind", anchor = "due", offset = 400, unit = "weeks", kind = "nag", recipients = ["mayor"], colour = "red" },
          { anchor = "deadline", offset = 1, unit = "calendar_days", kind = "overdue", recipients = [] },
        ]
        """
    let found = problems(bad)
    #expect(found.first == #"/etc/inspectd/inspectd.toml:2: key "escalation.notify_at": "9am" is not a time of day; write HH:MM, such as "09:00""#)
    #expect(found.contains { $0.contains("unknown key \"colour\" in a step") })
    #expect(found.contains { $0.contains("\"due\" is not an anchor; use one of milestone, deadline") })
    #expect(found.contains { $0.contains("\"mayor\" is not a recipient role") })
    #expect(found.contains { $0.contains("a step needs id") })
    #expect(found.contains { $0.contains("no recipients") })
    #expect(found.contains { $0.contains("\"nag\" is not a notice kind a step can send; use one of reminder, overdue, supervision, summons, accountability, ranking, roster") })
    let visitKind = problems(
        "[escalation]\nsteps = [{ id = \"x\", anchor = \"deadline\", offset = 1, unit = \"calendar_days\", kind = \"visit_reminder\", recipients = [\"hq_office\"] }]\n")
    #expect(visitKind.count == 1 && visitKind[0].contains("\"visit_reminder\" is not a notice kind a step can send"), "\(visitKind)")
    #expect(problems("[contacts]\ncommander = { name = \"李总\", email = \"nope\" }\n") == [
        #"/etc/inspectd/inspectd.toml:2: key "contacts.commander.email": "nope" is not an e-mail address; write one such as office@example.gov.cn, or """#
    ])
}

@Test func recordRemindersAreReadAndCheckedAgainstEachOther() throws {
    let visits = try parsed("[visits]\nrecord_reminder_hours = 6\nrecord_escalate_hours = 30\nrecord_catch_up_days = 2\n").visits
    #expect(visits.recordReminderHours == 6 && visits.recordEscalateHours == 30 && visits.recordCatchUpDays == 2)
    #expect(
        problems("[visits]\nrecord_reminder_hours = 48\n")
            == [
                "\(file):2: key \"visits.record_reminder_hours\": record_escalate_hours (48) must be more than record_reminder_hours (48): the department leader is told after the team; raise record_escalate_hours or lower record_reminder_hours"
            ])
    #expect(
        problems("[visits]\nrecord_escalate_hours = 72\n")
            == [
                "\(file):2: key \"visits.record_escalate_hours\": record_catch_up_days (3 days) must be longer than record_escalate_hours (72 hours), or the department leader would never be told; raise record_catch_up_days to at least 4"
            ])
    #expect(problems("[visits]\nrecord_reminder_hours = 0\n").count == 1)
    #expect(problems("[visits]\nrecord_catch_up_days = 31\n").count == 1)
    // The ranges fit each other: the largest escalation the range takes passes the
    // cross-check with the largest catch-up, and one hour more is out of range.
    #expect(problems("[visits]\nrecord_reminder_hours = 718\nrecord_escalate_hours = 719\nrecord_catch_up_days = 30\n").isEmpty)
    let tooLate = problems("[visits]\nrecord_escalate_hours = 720\nrecord_catch_up_days = 30\n")
    #expect(tooLate.count == 1 && tooLate[0].contains("visits.record_escalate_hours") && tooLate[0].contains("719"), "\(tooLate)")
}

@Test func aDisclosureWrittenBeforeTheEscalationIsWarnedAbout() throws {
    #expect(DaemonConfiguration.default.disclosureTimingWarning == nil, "the defaults leave 57 hours for 48")
    var early = DaemonConfiguration.default
    early.disclosure.weekday = 2
    early.visits.recordEscalateHours = 48
    // Tuesday 09:00 is 33 hours after Sunday's end: 48 need Wednesday at 09:00.
    let warning = try #require(early.disclosureTimingWarning)
    #expect(warning.contains("33 hours") && warning.contains("record_escalate_hours (48)") && warning.contains("weekday to at least 3"), "\(warning)")
    var monthly = try parsed("[disclosure]\ncycle = \"monthly\"\nday_of_month = 1\ntime = \"23:00\"\n")
    #expect(monthly.disclosureTimingWarning?.contains("day_of_month to at least 3") == true, "\(monthly.disclosureTimingWarning ?? "")")
    monthly.visits.recordReminderHours = 1
    monthly.visits.recordEscalateHours = 23
    #expect(monthly.disclosureTimingWarning == nil)
}

@Test func disclosureIsReadAndChecked() throws {
    let disclosure = try parsed(
        "[disclosure]\ndirectory = \"/srv/public\"\ncycle = \"monthly\"\nweekday = 7\nday_of_month = 28\ntime = \"23:30\"\n").disclosure
    #expect(disclosure == DisclosureSettings(directory: "/srv/public", cycle: .monthly, weekday: 7, dayOfMonth: 28, minute: 23 * 60 + 30))
    #expect(DisclosureSettings().directoryPath(spoolDirectory: "/var/spool/inspectd") == "/var/spool/inspectd/disclosure")
    #expect(
        problems("[disclosure]\ncycle = \"daily\"\n")
            == ["\(file):2: key \"disclosure.cycle\": \"daily\" is not a disclosure cycle; use one of weekly, monthly"])
    #expect(problems("[disclosure]\nday_of_month = 31\n").count == 1)
    #expect(problems("[disclosure]\ntime = \"25:00\"\n").count == 1)
    #expect(problems("[disclosure]\ndirectory = \"../up\"\n").count == 1)
}

@Test func violationDeadlinesByCategoryKeepTheOldKeyAsTheDefault() throws {
    let visits = try parsed(
        "[visits]\nviolation_deadline_days = 20\nviolation_deadline_days_by_category = { \"散乱污企业\" = 7, \"水源地\" = 5 }\n").visits
    #expect(visits.violationDeadlineDaysByCategory == ["散乱污企业": 7, "水源地": 5])
    #expect(visits.violationDeadlineDays(category: "散乱污企业") == 7 && visits.violationDeadlineDays(category: "建筑工地") == 20)
    #expect(DaemonConfiguration.default.visits.violationDeadlineDays(category: "水源地") == 15)
    #expect(
        problems("[visits]\nviolation_deadline_days_by_category = { \"水源地\" = 0 }\n")
            == ["\(file):2: key \"visits.violation_deadline_days_by_category.\"水源地\"\": 0 is out of range; use a whole number of days from 1 to 365 for category \"水源地\""])
    #expect(problems("[visits]\nviolation_deadline_days_by_category = { \"水源地\" = \"five\" }\n").count == 1)
    #expect(problems("[visits]\nviolation_deadline_days_by_category = 7\n").count == 1)
    var configuration = DaemonConfiguration.default
    configuration.visits.violationDeadlineDaysByCategory = ["散乱污企业": 7, "水源地": 5]
    #expect(try DaemonConfiguration.parse(configuration.rendered(), file: file).get() == configuration)
}
