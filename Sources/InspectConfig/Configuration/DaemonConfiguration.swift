/// The daemon's configuration, read from `/etc/inspectd/inspectd.toml`.
///
/// Every key, its type and its default is documented on the settings structs and in the
/// example config `deploy/inspectd.toml`. A missing key takes its default, so an empty file
/// is a valid configuration; unknown keys and tables are errors.
///
/// To add a table: write one struct conforming to `ConfigurationSection` (its keys listed
/// once, and any checks between keys in `checkAcrossKeys`), add a property here and one
/// entry to `sections`.
public struct DaemonConfiguration: Sendable, Equatable {
    /// `[district]`
    public var district: DistrictSettings
    /// `[daemon]`
    public var daemon: DaemonSettings
    /// `[access]`
    public var access: AccessSettings
    /// `[calendar]`
    public var calendar: CalendarSettings
    /// `[weather]`
    public var weather: WeatherSettings
    /// `[roster]`
    public var roster: RosterSettings
    /// `[teams]`
    public var teams: TeamSettings
    /// `[duty]`
    public var duty: DutySettings
    /// `[visits]`
    public var visits: VisitSettings
    /// `[verification]`
    public var verification: VerificationSettings
    /// `[contacts]`
    public var contacts: ContactSettings
    /// `[notices]`
    public var notices: NoticeSettings
    /// `[escalation]`
    public var escalation: EscalationSettings
    /// `[lagging]`
    public var lagging: LaggingSettings
    /// `[disclosure]`
    public var disclosure: DisclosureSettings

    public init(
        district: DistrictSettings = DistrictSettings(),
        daemon: DaemonSettings = DaemonSettings(),
        access: AccessSettings = AccessSettings(),
        calendar: CalendarSettings = CalendarSettings(),
        weather: WeatherSettings = WeatherSettings(),
        roster: RosterSettings = RosterSettings(),
        teams: TeamSettings = TeamSettings(),
        duty: DutySettings = DutySettings(),
        visits: VisitSettings = VisitSettings(),
        verification: VerificationSettings = VerificationSettings(),
        contacts: ContactSettings = ContactSettings(),
        notices: NoticeSettings = NoticeSettings(),
        escalation: EscalationSettings = EscalationSettings(),
        lagging: LaggingSettings = LaggingSettings(),
        disclosure: DisclosureSettings = DisclosureSettings()
    ) {
        self.district = district
        self.daemon = daemon
        self.access = access
        self.calendar = calendar
        self.weather = weather
        self.roster = roster
        self.teams = teams
        self.duty = duty
        self.visits = visits
        self.verification = verification
        self.contacts = contacts
        self.notices = notices
        self.escalation = escalation
        self.lagging = lagging
        self.disclosure = disclosure
    }

    /// Every key at its default.
    public static let `default` = DaemonConfiguration()

    /// The largest configuration file read, in bytes: 1 MiB. The example config with every
    /// key and its comments is under 30 KiB, so a real file stays far below; past it the
    /// file is refused before it is read or parsed (by the daemon at start and reload, and
    /// by `inspectd check-config`).
    public static let maximumFileBytes = 1024 * 1024

    /// The tables, in the order `rendered()` writes them.
    static var sections: [ConfigurationSectionEntry] {
        [
            ConfigurationSectionEntry(\.district),
            ConfigurationSectionEntry(\.daemon),
            ConfigurationSectionEntry(\.access),
            ConfigurationSectionEntry(\.calendar),
            ConfigurationSectionEntry(\.weather),
            ConfigurationSectionEntry(\.roster),
            ConfigurationSectionEntry(\.teams),
            ConfigurationSectionEntry(\.duty),
            ConfigurationSectionEntry(\.visits),
            ConfigurationSectionEntry(\.verification),
            ConfigurationSectionEntry(\.contacts),
            ConfigurationSectionEntry(\.notices),
            ConfigurationSectionEntry(\.escalation),
            ConfigurationSectionEntry(\.lagging),
            ConfigurationSectionEntry(\.disclosure),
        ]
    }

    /// Reads a configuration from TOML text, collecting every problem rather than stopping at
    /// the first (a TOML syntax error is the one exception: nothing after it can be trusted).
    /// - Parameter file: the name to put in problems; the text is not read from it.
    public static func parse(_ text: String, file: String) -> Result<DaemonConfiguration, ConfigurationErrors> {
        let document: TOMLDocument
        do {
            document = try TOMLDocument.parse(text, file: file)
        } catch {
            return .failure(
                ConfigurationErrors(problems: [
                    ConfigurationProblem(
                        code: .syntax, file: error.file, line: error.line, column: error.column, key: nil,
                        message: error.message)
                ]))
        }
        var configuration = DaemonConfiguration.default
        var problems = ProblemCollector(file: file)
        let sections = Self.sections
        for (name, value) in document.root.entries {
            if let section = sections.first(where: { $0.tableName == name }) {
                section.read(&configuration, value, &problems)
            } else {
                problems.reportUnknown(value, among: sections.map(\.tableName))
            }
        }
        // Keys that name other keys' entries (a coverage period, a zone) are checked once
        // everything is read, whatever order the file wrote them in.
        let written = WrittenKeys(root: document.root, problems: problems.problems)
        for section in sections {
            section.checkAcrossKeys(configuration, written, &problems)
        }
        guard problems.problems.isEmpty else {
            // File order; problems on one line keep the order they were found in.
            let ordered = problems.problems.enumerated().sorted {
                ($0.element.line, $0.offset) < ($1.element.line, $1.offset)
            }
            return .failure(ConfigurationErrors(problems: ordered.map(\.element)))
        }
        return .success(configuration)
    }

    /// The configuration as a TOML document with every key written out, which `parse` reads
    /// back to an equal configuration. `inspectd demo` writes its own config with this.
    public func rendered() -> String {
        var lines = [
            "# inspectd configuration (巡查调度守护进程配置).",
            "# Every key, its type and default is documented in the example configuration,",
            "# /etc/inspectd/inspectd.toml as installed (deploy/inspectd.toml in the source).",
        ]
        for section in Self.sections {
            lines.append("")
            lines.append("[\(section.tableName)]")
            for (key, literal) in section.render(self) {
                lines.append("\(key) = \(literal)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The keys (such as `daemon.socket_path`) whose values differ from `old` and that take
    /// effect only after a restart, so a reload can warn that it did not apply them.
    public func reloadableDifferences(from old: DaemonConfiguration) -> [String] {
        Self.sections.flatMap { section in
            zip(section.restartValues(self), section.restartValues(old))
                .filter { $0.literal != $1.literal }
                .map(\.0.key)
        }
    }
}
