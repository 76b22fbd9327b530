import Foundation
import InspectCalendar
import InspectConfig
import InspectCore
@testable import InspectDaemon
import InspectLedger
import InspectRoster
import InspectStore
import InspectSystemd
import Logging
import Testing

/// The demo's seeded history (演示历史) on a real database with the demo district and the
/// demo's configuration: the whole inspection cycle, a draw that replays, a reminder due,
/// the same history for the same day, none on a resumed demo, and the live roster's first
/// plan still staffing the shifts running now.
@Suite struct DemoHistoryTests {
    let logger = Logger(label: "test")

    func freshDemo() throws -> DaemonState {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("inspectd-demo-history-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let loaded = ConfigurationLoader.Loaded(
            configuration: DemoSetup.configuration(directory: directory), access: AccessPolicy(adminGroups: [1001], supervisorGroups: []),
            zone: .chinaStandardTime, calendar: .builtIn, templates: .builtIn)
        let store = try InspectStore.open(inDirectory: directory)
        try DemoSetup.fillIfEmpty(store, logger: logger)
        return DaemonState(configPath: directory + "/inspectd.toml", loaded: loaded, store: store, notifier: ServiceNotifier())
    }

    @Test func theHistoryRunsTheWholeCycleAndItsDrawReplays() throws {
        let state = try freshDemo()
        let store = state.store
        let now = Int64(Date().timeIntervalSince1970)
        let today = state.zone.date(atUTC: now)
        let summary = try #require(try DemoHistory.seedIfFresh(state, logger: logger, now: now))

        let plan = try #require(try store.rosterPlan(1))
        #expect(plan.reason.hasPrefix("demo history"))
        #expect(plan.firstDate <= today.adding(days: -7) && plan.firstDate >= today.adding(days: -DemoHistory.days))
        let input = try JSONDecoder().decode(DrawInput.self, from: Data(plan.drawInput))
        let recorded = try JSONDecoder().decode(DrawResult.self, from: Data(plan.drawResult))
        #expect(VisitDraw.inputDigest(input) == plan.drawDigest)
        if case .failure(let mismatch) = VisitDraw.verify(input, recorded: recorded) { Issue.record("the draw does not replay: \(mismatch)") }

        let teams = try store.rosterTeams(from: plan.firstDate, through: today)
        #expect(teams.count == summary.teams && teams.count > 50)
        #expect(teams.allSatisfy { $0.endsAt <= now && $0.releasedAt != nil && !$0.memberIDs.isEmpty })
        #expect(try store.rosterMeta("planned_through") == nil, "the live roster's first plan is still to come")
        #expect(summary.violations >= 2 && summary.visits > 100)

        let verified = try #require(summary.verifiedCase)
        #expect(try store.findCase(verified)?.status == .closed)
        #expect(try store.caseHistory(verified).map(\.action) == ["add", "update", "verify", "update"])
        let reopened = try #require(summary.reopenedCase)
        #expect(try store.findCase(reopened)?.status == .inProgress)
        #expect(try store.caseHistory(reopened).map(\.action) == ["add", "update", "reopen"])
        let done = try store.tasks(status: "done")
        #expect(Set(done.compactMap(\.caseID)) == [verified, reopened])

        let unrecorded = try store.teamsWithUnrecordedVisits(endedAfter: 0, endedBy: now)
        #expect(unrecorded.count == 1 && unrecorded.first?.unrecorded.count == 1, "\(unrecorded.map(\.team.id))")
        #expect(unrecorded.first.map { APIRouter.visitID(teamID: $0.team.id, position: $0.unrecorded[0]) } == summary.unrecordedVisit)

        // A resumed demo gets no history; the live roster's first plan staffs the running shifts.
        #expect(try DemoHistory.seedIfFresh(state, logger: logger, now: now) == nil)
        _ = try RosterDesk(state: state, logger: logger).replan(reason: "initial plan", uid: 0, now: now)
        #expect(Set(try store.rosterTeams(onDutyAt: now).map(\.zone)) == ["north", "central", "south"])
        #expect(try store.rosterMeta("published_through") != nil)
    }

    @Test func theSameDayGivesTheSameHistory() throws {
        let now = Int64(Date().timeIntervalSince1970)
        func history() throws -> [String] {
            let state = try freshDemo()
            _ = try DemoHistory.seedIfFresh(state, logger: logger, now: now)
            let today = state.zone.date(atUTC: now)
            let results = try state.store.visitResults(from: today.adding(days: -DemoHistory.days), through: today)
            return try state.store.rosterTeams(from: today.adding(days: -DemoHistory.days), through: today).map { team in
                "\(team.id) \(team.memberIDs) "
                    + team.visits.indices.map { "\(team.visits[$0].siteID)=\(results[team.id]?[$0]?.outcome.rawValue ?? "-")" }.joined(separator: ",")
            }
        }
        let first = try history()
        #expect(!first.isEmpty)
        #expect(first == (try history()))
    }
}
