import InspectLedger

/// `[disclosure]`: the periodic public disclosure (一公开) of completed random inspections,
/// written as CSV and HTML to a publication directory.
public struct DisclosureSettings: Sendable, Equatable {
    /// `directory`, path, default `"disclosure"`: where the reports are written; a relative
    /// path is inside the spool directory (`/var/spool/inspectd/disclosure`, which
    /// tmpfiles.d makes readable by the gateway's group). The state directory is not used:
    /// it is the daemon's alone (0700). Resolved at start, like `[notices] outbox_directory`:
    /// a change takes effect after a restart.
    public var directory: String
    /// `cycle`, `"weekly"` or `"monthly"`, default `"weekly"`: each ISO week (Monday to
    /// Sunday) or each calendar month gets its report.
    public var cycle: DisclosureCycleKind
    /// `weekday`, integer 1 (Monday)...7 (Sunday), default 3 (Wednesday): a weekly report is
    /// written on this day of the following week. Visits recorded after that are not in it
    /// but in the next report's recorded-late part (补录), so the default leaves the week's last shifts `[visits] record_escalate_hours` (48) to
    /// be recorded.
    public var weekday: Int
    /// `day_of_month`, integer 1...28, default 3: a monthly report is written on this day of
    /// the following month.
    public var dayOfMonth: Int
    /// `time`, `"HH:MM"` local time, default `"09:00"`, held as minutes after midnight: when
    /// on that day.
    public var minute: Int

    public init(directory: String = "disclosure", cycle: DisclosureCycleKind = .weekly, weekday: Int = 3, dayOfMonth: Int = 3, minute: Int = 540) {
        self.directory = directory
        self.cycle = cycle
        self.weekday = weekday
        self.dayOfMonth = dayOfMonth
        self.minute = minute
    }

    /// The directory as an absolute path.
    public func directoryPath(spoolDirectory: String) -> String {
        ConfigurationPaths.resolve(directory, under: spoolDirectory)
    }

    /// When each period's report is written.
    public var schedule: DisclosureSchedule {
        DisclosureSchedule(kind: cycle, weekday: weekday, dayOfMonth: dayOfMonth, minute: minute)
    }
}

extension DisclosureSettings: ConfigurationSection {
    static let tableName = "disclosure"

    static var keys: [ConfigurationKey<Self>] {
        [
            .relativeOrAbsolutePath("directory", \.directory, requiresRestart: true, example: "disclosure"),
            .choice("cycle", \.cycle, describedAs: "a disclosure cycle"),
            .integer("weekday", \.weekday, in: 1...7, unit: "the ISO weekday (1 Monday … 7 Sunday)"),
            .integer("day_of_month", \.dayOfMonth, in: 1...28, unit: "the day of the month (at most 28, so every month has it)"),
            .timeOfDay("time", \.minute, example: "09:00"),
        ]
    }
}

extension DaemonConfiguration {
    /// A warning when `[disclosure]` writes a period's report sooner after the period ends
    /// than `[visits] record_escalate_hours`: the results of its last shifts would then
    /// mostly come in the next report's recorded-late part. Not an error (the results are
    /// still published, once); nil when the write time leaves the hours.
    public var disclosureTimingWarning: String? {
        let settings = disclosure
        let days = settings.cycle == .weekly ? settings.weekday - 1 : settings.dayOfMonth - 1
        let minutes = days * 1440 + settings.minute
        let escalate = visits.recordEscalateHours
        guard minutes < escalate * 60 else { return nil }
        let key = settings.cycle == .weekly ? "weekday" : "day_of_month"
        let needed = (escalate * 60 - settings.minute + 1439) / 1440 + 1
        return "disclosure: a \(settings.cycle.rawValue) report is written \(minutes / 60) hours after its period ends, "
            + "less than [visits] record_escalate_hours (\(escalate)): the results of its last shifts will come in the next report as recorded late; "
            + "set [disclosure] \(key) to at least \(needed) (at the same time) or lower record_escalate_hours"
    }
}
