import Foundation
import InspectCalendar
import InspectConfig
import InspectNotices

/// A configuration file that cannot be used, with every problem found in it.
public struct ConfigurationLoadError: Error, CustomStringConvertible, Sendable {
    /// One line per problem: `file:line: key "x": what is wrong and what to do`.
    public var problems: [String]
    public var description: String { problems.joined(separator: "\n") }
}

/// Reads and validates the configuration file, resolves its group names and the
/// district's time zone, and reads the holiday calendar it points at: all of it is put in
/// force together, or none of it.
public enum ConfigurationLoader {
    public struct Loaded: Sendable {
        public var configuration: DaemonConfiguration
        public var access: AccessPolicy
        public var zone: DistrictTimeZone
        public var calendar: HolidayCalendar
        public var templates: NoticeTemplateSet
    }

    /// Reads the file at `path` (at most ``DaemonConfiguration/maximumFileBytes``; a larger
    /// one is refused before it is read) and validates it like ``parse(_:path:)``.
    public static func load(path: String) -> Result<Loaded, ConfigurationLoadError> {
        let limit = DaemonConfiguration.maximumFileBytes
        // Checked before reading, so a huge file is never loaded.
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber, size.intValue > limit {
            return .failure(tooLarge(path: path, size: "\(size.intValue) bytes"))
        }
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            // At most one byte past the limit, in case the file grew since it was measured.
            data = try handle.read(upToCount: limit + 1) ?? Data()
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
            return .failure(
                ConfigurationLoadError(problems: [
                    "\(path): cannot read the configuration (\(reason)); pass --config PATH or install deploy/inspectd.toml there"
                ])
            )
        }
        guard data.count <= limit else {
            return .failure(tooLarge(path: path, size: "more than \(limit) bytes"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(ConfigurationLoadError(problems: ["\(path): the file is not UTF-8 text; save it as UTF-8"]))
        }
        return parse(text, path: path)
    }

    static func tooLarge(path: String, size: String) -> ConfigurationLoadError {
        ConfigurationLoadError(problems: [
            "\(path): the configuration file is \(size), more than the limit of \(DaemonConfiguration.maximumFileBytes) bytes (1 MiB); "
                + "it is not read: check that --config names the right file, and remove what does not belong in it"
        ])
    }

    public static func parse(_ text: String, path: String) -> Result<Loaded, ConfigurationLoadError> {
        let configuration: DaemonConfiguration
        switch DaemonConfiguration.parse(text, file: path) {
        case .success(let parsed): configuration = parsed
        case .failure(let errors):
            return .failure(ConfigurationLoadError(problems: errors.problems.map(\.description)))
        }
        let (access, unresolved) = AccessPolicy.resolve(
            adminGroups: configuration.access.adminGroups.map(\.description),
            supervisorGroups: configuration.access.supervisorGroups.map(\.description),
            unitGroups: configuration.access.unitGroups.map { ($0.group.description, $0.id) },
            inspectorGroups: configuration.access.inspectorGroups.map { ($0.group.description, $0.id) }
        )
        guard unresolved.isEmpty else {
            return .failure(
                ConfigurationLoadError(
                    problems: unresolved.map {
                        "\(path): group \"\($0)\" in [access] does not exist on this system; create it (groupadd) or remove it"
                    }
                )
            )
        }
        guard let zone = DistrictZone.resolve(configuration.district.timezone) else {
            return .failure(
                ConfigurationLoadError(problems: [
                    "\(path): district.timezone \"\(configuration.district.timezone)\" is not in this system's time zone database; use a zone such as \"Asia/Shanghai\" (install tzdata if none is known)"
                ]))
        }
        let calendar: HolidayCalendar
        switch CalendarLoader.load(directory: configuration.calendar.directory) {
        case .success(let loaded): calendar = loaded
        case .failure(let error): return .failure(error)
        }
        let templates: NoticeTemplateSet
        switch TemplateLoader.load(directory: configuration.notices.templatesDirectory) {
        case .success(let loaded): templates = loaded
        case .failure(let error): return .failure(error)
        }
        return .success(Loaded(configuration: configuration, access: access, zone: zone, calendar: calendar, templates: templates))
    }
}
