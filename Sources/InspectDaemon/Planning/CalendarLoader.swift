import Foundation
import InspectCalendar
import InspectCore

/// Reads the operator's holiday schedules from the calendar directory and layers them
/// over the built-in ones.
///
/// Files named `*.tsv` (the built-in columns) and `*.ics` (iCalendar) are read in name
/// order, as UTF-8 (with or without BOM) or GB18030; other files are ignored. A missing
/// directory means no operator schedules. Any problem in any file rejects the whole
/// directory, so a half-corrected calendar never comes into force.
enum CalendarLoader {
    static func load(directory: String) -> Result<HolidayCalendar, ConfigurationLoadError> {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            return .success(.builtIn)
        }
        guard isDirectory.boolValue else {
            return .failure(ConfigurationLoadError(problems: ["\(directory): calendar.directory is not a directory; point it at a directory of *.tsv or *.ics files"]))
        }
        let names: [String]
        do {
            names = try manager.contentsOfDirectory(atPath: directory)
                .filter { ($0.hasSuffix(".tsv") || $0.hasSuffix(".ics")) && !$0.hasPrefix(".") }
                .sorted()
        } catch {
            return .failure(ConfigurationLoadError(problems: ["\(directory): cannot list the calendar directory (\(reason(error))); check its permissions"]))
        }
        var schedules: [HolidaySchedule] = []
        var problems: [String] = []
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            let bytes: [UInt8]
            do {
                bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            } catch {
                problems.append("\(path): cannot read the file (\(reason(error))); check its permissions")
                continue
            }
            let text: String
            do {
                text = try TextDecoding.decode(bytes).text
            } catch {
                problems.append("\(path):\(error.line): \(error.message)")
                continue
            }
            let parsed = name.hasSuffix(".ics")
                ? HolidayScheduleFile.parseICalendar(text, file: path)
                : HolidayScheduleFile.parseTSV(text, file: path)
            switch parsed {
            case .success(let schedule): schedules.append(schedule)
            case .failure(let failure): problems += failure.lines
            }
        }
        if !problems.isEmpty { return .failure(ConfigurationLoadError(problems: problems)) }
        switch HolidayCalendar.layering(builtIn: .builtIn, operatorSchedules: schedules) {
        case .success(let calendar): return .success(calendar)
        case .failure(let failure): return .failure(ConfigurationLoadError(problems: failure.lines))
        }
    }

    private static func reason(_ error: any Error) -> String {
        let error = error as NSError
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return error.localizedFailureReason ?? error.localizedDescription
    }
}

/// Resolves the district's IANA time zone from the system's time zone database.
enum DistrictZone {
    static func resolve(_ identifier: String) -> DistrictTimeZone? {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        return DistrictTimeZone(identifier: identifier) { utcSeconds in
            zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utcSeconds)))
        }
    }
}
