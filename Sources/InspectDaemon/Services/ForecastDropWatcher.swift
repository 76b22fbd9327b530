import Foundation
import InspectCore
import InspectWeather
import Logging
import ServiceLifecycle

/// Watches the forecast drop directory: each file that has stopped changing is imported
/// once and moved to `done/` (imported) or `failed/` (rejected, with a `.error` file
/// saying why). Also keeps the rain outlook and the calendar warning current as time
/// passes (forecasts go stale, the horizon moves).
///
/// Files whose names start with `.` or end in `.tmp`, `.part` or `.partial` are left
/// alone, so a writer can write under such a name and rename the file in. A file whose
/// size or modification time changed since the previous scan is looked at again on the
/// next one, so a file being written in place is not read half-way.
///
/// Hostile input: a file over ``ForecastParser/maximumBytes`` is rejected (moved to
/// `failed/` with its `.error`) without being read, and a file whose name is not a plain
/// name (``isSafeName(_:)``) is left where it is, logged once, and never read or moved.
struct ForecastDropWatcher: Service {
    let state: DaemonState
    let logger: Logger
    var scanInterval: Duration = .seconds(1)
    var refreshInterval: Duration = .seconds(60)
    /// Forecasts are kept this long after the last hour they cover (rosters cite them).
    static let keepForecastsSeconds: Int64 = 90 * 86_400

    struct Seen: Equatable {
        var size: UInt64
        var modified: Date
    }

    func run() async throws {
        let desk = WeatherDesk(state: state, logger: logger)
        let directory = state.configuration.weather.dropDirectoryPath(stateDirectory: state.configuration.daemon.stateDirectory)
        prepare(directory)
        let clock = ContinuousClock()
        var lastRefresh = clock.now
        var seen: [String: Seen] = [:]
        var stuck: [String: Seen] = [:]
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            seen = scan(directory, previous: seen, stuck: &stuck, desk: desk)
            if clock.now - lastRefresh >= refreshInterval {
                lastRefresh = clock.now
                let now = Int64(Date().timeIntervalSince1970)
                desk.refreshCalendarWarning(now: now)
                do {
                    try desk.refresh(now: now, reason: "time passed")
                    _ = try state.store.pruneForecasts(coverageEndedBefore: now - Self.keepForecastsSeconds)
                } catch {
                    logger.warning("cannot update the rain outlook: \(error)", metadata: ["event": "outlook_failed"])
                }
            }
            do {
                try await Task.sleep(for: scanInterval)
            } catch {
                break
            }
        }
    }

    private func prepare(_ directory: String) {
        for path in [directory, directory + "/done", directory + "/failed"] {
            do {
                try FileManager.default.createDirectory(
                    atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
            } catch {
                logger.error(
                    "cannot create the forecast drop directory \(path): \(error); dropped forecasts are not picked up",
                    metadata: ["event": "drop_directory_unusable", "path": "\(path)"])
            }
        }
        logger.info("watching \(directory) for forecast files", metadata: ["event": "drop_directory_watched", "path": "\(directory)"])
    }

    /// Imports the files that were already there, unchanged, at the previous scan.
    /// `stuck` holds files handled but not moved away (the directory is not writable), so
    /// they are not imported again while they stay as they are.
    func scan(_ directory: String, previous: [String: Seen], stuck: inout [String: Seen], desk: WeatherDesk) -> [String: Seen] {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: directory) else { return [:] }
        var current: [String: Seen] = [:]
        for name in names.sorted() where Self.isCandidate(name) {
            guard Self.isSafeName(name) else {
                if stuck[name] == nil {
                    stuck[name] = Seen(size: 0, modified: .distantPast)
                    logger.error(
                        "ignoring the dropped file \(name.debugDescription): its name is not a plain file name of at most \(Self.maximumNameBytes) bytes; rename it",
                        metadata: ["event": "forecast_name_refused"])
                }
                continue
            }
            let path = directory + "/" + name
            guard let attributes = try? manager.attributesOfItem(atPath: path),
                attributes[.type] as? FileAttributeType == .typeRegular,
                let size = (attributes[.size] as? NSNumber)?.uint64Value,
                let modified = attributes[.modificationDate] as? Date
            else { continue }
            let now = Date()
            let seen = Seen(size: size, modified: modified)
            if stuck[name] == seen { continue }
            guard previous[name] == seen, now.timeIntervalSince(modified) >= 1 else {
                current[name] = seen
                continue
            }
            if !process(name: name, directory: directory, desk: desk, now: now) { stuck[name] = seen }
        }
        return current
    }

    /// The longest drop-file name handled: 200 bytes, so that `failed/<stamp>-<name>.error`
    /// stays under the 255-byte limit of a file name.
    static let maximumNameBytes = 200

    /// A name that is one plain path component: not empty, not `.` or `..`, no `/`, no NUL
    /// or other control character (they would garble logs and `.error` files), valid
    /// UTF-8 and at most ``maximumNameBytes`` bytes.
    static func isSafeName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && name.utf8.count <= maximumNameBytes
            && !name.unicodeScalars.contains { $0 == "/" || $0.properties.generalCategory == .control }
            && !name.unicodeScalars.contains("\u{FFFD}")
    }

    static func isCandidate(_ name: String) -> Bool {
        !name.hasPrefix(".") && !name.hasSuffix(".tmp") && !name.hasSuffix(".part") && !name.hasSuffix(".partial")
            && !name.hasSuffix(".error")
    }

    /// Returns false when the file was handled but could not be moved away.
    private func process(name: String, directory: String, desk: WeatherDesk, now: Date) -> Bool {
        let path = directory + "/" + name
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber,
            size.intValue > ForecastParser.maximumBytes
        {
            let failure = ImportFailure([
                ImportProblem(
                    file: name, line: 1,
                    message: "the file is \(size.intValue) bytes, more than the limit of \(ForecastParser.maximumBytes) bytes "
                        + "(\(ForecastParser.maximumBytes / 1024 / 1024) MiB); it was not read. A forecast is far smaller: fetch it again")
            ])
            return reject(name: name, path: path, failure: failure, directory: directory, desk: desk, stamp: Self.stamp(now))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            logger.error("cannot read the dropped forecast \(path); check its permissions", metadata: ["event": "forecast_unreadable", "file": "\(path)"])
            return false
        }
        let stamp = Self.stamp(now)
        let outcome: WeatherDesk.ImportOutcome
        do {
            outcome = try desk.importForecast(
                Array(data), file: name, format: ForecastFileFormat.guess(name), via: "drop", uid: getuid(),
                now: Int64(now.timeIntervalSince1970))
        } catch {
            // The store is unusable: leave the file where it is and try again later.
            logger.error("cannot store the dropped forecast \(name): \(error)", metadata: ["event": "forecast_store_failed", "file": "\(name)"])
            return true
        }
        switch outcome {
        case .imported:
            AuditTrail.recordSystemChange(
                state: state, logger: logger, action: "drop forecast", target: name, outcome: 201, detail: "imported from the drop directory")
            return move(path, to: directory + "/done/" + stamp + "-" + name)
        case .rejected(let failure):
            AuditTrail.recordSystemChange(
                state: state, logger: logger, action: "drop forecast", target: name, outcome: 422,
                detail: failure.lines.first ?? "rejected")
            return reject(name: name, path: path, failure: failure, directory: directory, desk: desk, stamp: stamp)
        }
    }

    /// Moves a rejected file to `failed/`, writes its `.error` beside it and logs why.
    private func reject(
        name: String, path: String, failure: ImportFailure, directory: String, desk: WeatherDesk, stamp: String
    ) -> Bool {
        let target = directory + "/failed/" + stamp + "-" + name
        let moved = move(path, to: target)
        let errorFile = target + ".error"
        let text = failure.lines.joined(separator: "\n") + "\n"
        _ = FileManager.default.createFile(atPath: errorFile, contents: Data(text.utf8), attributes: [.posixPermissions: 0o640])
        for line in failure.lines.prefix(20) {
            logger.error("\(line)", metadata: ["event": "forecast_rejected", "file": "\(name)"])
        }
        logger.error(
            "forecast file \(name) rejected; nothing from it is used and the previous forecast stays in force; moved to \(target)",
            metadata: ["event": "forecast_rejected", "file": "\(name)"])
        desk.recordRejectedDrop(name, failure, errorFile: errorFile)
        return moved
    }

    private func move(_ path: String, to target: String) -> Bool {
        guard rename(path, target) == 0 else {
            let reason = String(cString: strerror(errno))
            logger.error(
                "cannot move \(path) to \(target): \(reason); it will not be imported again while it stays unchanged",
                metadata: ["event": "drop_move_failed"])
            return false
        }
        return true
    }

    /// `20261129T084512` in UTC, so done/ and failed/ sort by arrival.
    static func stamp(_ date: Date) -> String {
        var time = time_t(date.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(
            format: "%04d%02d%02dT%02d%02d%02dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday, parts.tm_hour,
            parts.tm_min, parts.tm_sec)
    }
}
