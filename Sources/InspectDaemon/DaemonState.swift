import Foundation
import InspectAPI
import InspectCalendar
import InspectConfig
import InspectNotices
import InspectWeather
import InspectStore
import InspectSystemd
import Synchronization

/// What the running daemon knows about itself: the configuration in force,
/// who may do what, and the status line it reports to systemd and the CLI.
public final class DaemonState: Sendable {
    struct Values {
        var configuration: DaemonConfiguration
        var access: AccessPolicy
        var statusText: String
        var lastReload: ReloadOutcome?
        var zone: DistrictTimeZone
        var calendar: HolidayCalendar
        /// The rain periods last computed, and the forecasts behind them.
        var outlook: RainOutlookResult = RainOutlookResult(rainPeriods: [], staleForecastIDs: [], usedForecastIDs: [])
        /// The calendar horizon warning in force, if any.
        var horizonWarning: CalendarHorizonWarning?
        /// Weather warnings in force (no current forecast, a rejected drop file).
        var weatherWarnings: [String] = []
        /// The last drop-directory file rejected since a forecast was last imported.
        var rejectedDrop: String?
        /// The notice templates in force.
        var templates: NoticeTemplateSet
        /// Why the outbox cannot be written, while it cannot; and how many notices wait.
        var outboxProblem: String?
        var outboxProblemKey: String?
        var noticeBacklog = 0
        /// Roster shortfalls in force, summarised.
        var rosterWarnings: [String] = []
        /// Why the periodic disclosure cannot be written, while it cannot.
        var disclosureProblem: String?
        /// Targeted tasks no team-shift fits.
        var taskWarnings: [String] = []
        /// Ended shifts (within `[visits] record_catch_up_days`) whose list was never
        /// released to the team, by team id: no reminder goes out for them.
        var unreleasedShifts: [String] = []
    }

    public let configPath: String
    public let store: InspectStore
    public let notifier: ServiceNotifier
    public let startedAt: Date
    let startedInstant: ContinuousClock.Instant
    let values: Mutex<Values>

    /// Rain periods added and removed, for the roster planner to react to. Only the
    /// newest changes are kept while nobody reads them.
    /// Serialises rain-outlook refreshes.
    let outlookLock = Mutex(())

    /// Rung when cases change or the configuration is reloaded: escalation looks again.
    let ledgerChanged = Doorbell()
    /// Rung when notices are decided: the dispatcher journals and writes them.
    let noticesDecided = Doorbell()
    /// Rung when a roster input changes (directory import, reload): the roster service re-plans.
    let rosterInputsChanged = Doorbell()
    /// Why the roster inputs changed since the roster service last planned.
    let rosterChangeReasons = Mutex<[String]>([])
    /// Record-reminder steps (`visit-record:<team>:<step>`) that fell due but had no one to
    /// tell (no department, inspectors gone): settled for this run, so they are not rebuilt
    /// every minute (see ``VisitReminderDesk``).
    let settledRecordSteps = Mutex<Set<String>>([])
    /// Serialises planning: one plan computed and saved at a time.
    let planLock = Mutex(())

    public let rainPeriodChanges: AsyncStream<RainPeriodChange>
    let rainPeriodChangesContinuation: AsyncStream<RainPeriodChange>.Continuation

    public init(
        configPath: String, loaded: ConfigurationLoader.Loaded, store: InspectStore, notifier: ServiceNotifier,
        startedAt: Date = Date()
    ) {
        self.configPath = configPath
        self.store = store
        self.notifier = notifier
        self.startedAt = startedAt
        self.startedInstant = .now
        self.values = Mutex(
            Values(
                configuration: loaded.configuration, access: loaded.access, statusText: "starting", lastReload: nil,
                zone: loaded.zone, calendar: loaded.calendar, templates: loaded.templates))
        (rainPeriodChanges, rainPeriodChangesContinuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(64))
    }

    public var configuration: DaemonConfiguration { values.withLock { $0.configuration } }
    public var access: AccessPolicy { values.withLock { $0.access } }
    public var statusText: String { values.withLock { $0.statusText } }
    public var lastReload: ReloadOutcome? { values.withLock { $0.lastReload } }
    public var zone: DistrictTimeZone { values.withLock { $0.zone } }
    public var calendar: HolidayCalendar { values.withLock { $0.calendar } }
    var outlook: RainOutlookResult { values.withLock { $0.outlook } }
    var horizonWarning: CalendarHorizonWarning? { values.withLock { $0.horizonWarning } }

    /// Everything that needs the operator's attention, most important first.
    public var warnings: [String] {
        values.withLock { values in
            var warnings = (values.horizonWarning.map { [$0.description] } ?? []) + values.rosterWarnings + values.taskWarnings
                + values.weatherWarnings
            if let problem = values.outboxProblem {
                warnings.append("\(values.noticeBacklog) notice\(values.noticeBacklog == 1 ? "" : "s") waiting: the outbox cannot be written (\(problem)); retrying")
            }
            if !values.unreleasedShifts.isEmpty {
                let count = values.unreleasedShifts.count
                warnings.append(
                    "visits: \(count) ended shift\(count == 1 ? " was" : "s were") never released to the team (\(values.unreleasedShifts.joined(separator: ", "))); "
                        + "no reminder of unrecorded visits goes out for \(count == 1 ? "it" : "them"): the HQ should check with the team\(count == 1 ? "" : "s")")
            }
            if let timing = values.configuration.disclosureTimingWarning { warnings.append(timing) }
            if let problem = values.disclosureProblem {
                warnings.append("disclosure: the public disclosure cannot be written (\(problem)); retrying every minute")
            }
            return warnings
        }
    }

    /// Replaces the rain outlook; returns the one it replaced.
    func replaceOutlook(_ outlook: RainOutlookResult) -> RainOutlookResult {
        values.withLock { values in
            let old = values.outlook
            values.outlook = outlook
            return old
        }
    }

    /// Sets the horizon warning; returns the one it replaced.
    func replaceHorizonWarning(_ warning: CalendarHorizonWarning?) -> CalendarHorizonWarning? {
        values.withLock { values in
            let old = values.horizonWarning
            values.horizonWarning = warning
            return old
        }
    }

    var rejectedDrop: String? { values.withLock { $0.rejectedDrop } }

    /// Sets the roster warnings; returns the ones they replaced.
    func replaceRosterWarnings(_ warnings: [String]) -> [String] {
        values.withLock { values in
            let old = values.rosterWarnings
            values.rosterWarnings = warnings
            return old
        }
    }

    /// Sets why the periodic disclosure cannot be written (nil: it can); returns the problem
    /// it replaced.
    func replaceDisclosureProblem(_ problem: String?) -> String? {
        values.withLock { values in
            let old = values.disclosureProblem
            values.disclosureProblem = problem
            return old
        }
    }

    /// Sets the ended shifts never released (team ids, sorted), and `STATUS=` when they
    /// changed; returns the ones it replaced.
    @discardableResult
    func replaceUnreleasedShifts(_ teams: [String]) -> [String] {
        let old = values.withLock { values in
            defer { values.unreleasedShifts = teams }
            return values.unreleasedShifts
        }
        if old != teams { setStatus(servingStatus()) }
        return old
    }

    /// Sets the warnings about unplaced tasks, and `STATUS=` when they changed.
    func replaceTaskWarnings(_ warnings: [String]) {
        let changed = values.withLock { values in
            defer { values.taskWarnings = warnings }
            return values.taskWarnings != warnings
        }
        if changed { setStatus(servingStatus()) }
    }

    /// Asks the roster service to re-plan, saying why.
    func requestReplan(because reason: String) {
        rosterChangeReasons.withLock { if !$0.contains(reason) { $0.append(reason) } }
        rosterInputsChanged.ring()
    }
    var templates: NoticeTemplateSet { values.withLock { $0.templates } }

    /// What one round of planning or escalation works from, read under one lock so a
    /// reload cannot mix old and new (a new ladder with the old calendar).
    struct Snapshot: Sendable {
        var configuration: DaemonConfiguration
        var zone: DistrictTimeZone
        var calendar: HolidayCalendar
        var templates: NoticeTemplateSet
    }

    var snapshot: Snapshot {
        values.withLock { Snapshot(configuration: $0.configuration, zone: $0.zone, calendar: $0.calendar, templates: $0.templates) }
    }

    /// Records the outbox's state; returns whether the problem changed (to say so once).
    /// `key` identifies the cause (an errno): a new message with the same key is no change.
    func setOutbox(problem: String?, key: String?, backlog: Int) -> (changed: Bool, previous: String?) {
        values.withLock { values in
            let previous = values.outboxProblem
            let changed = values.outboxProblemKey != key
            values.outboxProblem = problem
            values.outboxProblemKey = key
            values.noticeBacklog = backlog
            return (changed, previous)
        }
    }

    func setRejectedDrop(_ text: String?) {
        values.withLock { $0.rejectedDrop = text }
    }

    /// Sets the weather warnings; returns the ones they replaced.
    func replaceWeatherWarnings(_ warnings: [String]) -> [String] {
        values.withLock { values in
            let old = values.weatherWarnings
            values.weatherWarnings = warnings
            return old
        }
    }

    /// Sets the status line and tells systemd (`STATUS=`).
    public func setStatus(_ text: String) {
        values.withLock { $0.statusText = text }
        notifier.status(text)
    }

    /// Puts a reloaded configuration in force.
    func apply(_ loaded: ConfigurationLoader.Loaded, outcome: ReloadOutcome) {
        values.withLock {
            $0.configuration = loaded.configuration
            $0.access = loaded.access
            $0.zone = loaded.zone
            $0.calendar = loaded.calendar
            $0.templates = loaded.templates
            $0.lastReload = outcome
        }
    }

    func recordFailedReload(_ outcome: ReloadOutcome) {
        values.withLock { $0.lastReload = outcome }
    }

    /// The one-line summary used in `STATUS=` while serving.
    public func servingStatus() -> String {
        let district = configuration.district.name
        guard let counts = try? store.directoryCounts() else { return "Serving \(district); the database cannot be read" }
        var text = "Serving \(district): \(counts.units) units, \(counts.inspectors) inspectors, \(counts.sites) sites"
        if let reload = lastReload, !reload.succeeded {
            text += "; last reload failed: \(reload.messages.first ?? "see the journal")"
        }
        for warning in warnings { text += "; warning: \(warning)" }
        return text
    }

    var uptimeSeconds: Int {
        Int((ContinuousClock.now - startedInstant).components.seconds)
    }
}

/// Formats instants as RFC 3339 in UTC, the way the API and the store write them.
enum Timestamp {
    static func string(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
