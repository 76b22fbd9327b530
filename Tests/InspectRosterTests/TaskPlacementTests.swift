import InspectRoster
import Testing

/// Where a targeted task goes, as a table: the earliest fitting team-shift, each reason a
/// team is passed over, and a campaign's spread over the least-loaded teams.
@Suite struct TaskPlacementTests {
    static let hour: Int64 = 3600

    static func team(
        _ id: String, zone: String = "north", start: Int64, night: Bool = false, released: Bool = false, homes: [String: String?] = ["I1": "a"],
        conflicted: Set<String> = [], visits: Int = 4, workday: Bool = true
    ) -> TaskPlacement.Candidate {
        TaskPlacement.Candidate(
            teamID: id, zone: zone, startsAt: start * hour, endsAt: (start + 8) * hour, night: night, released: released, homes: homes,
            conflicted: conflicted, visits: visits, workday: workday)
    }

    static func request(from: Int64 = 0, by: Int64 = 100, night: Bool = false, preferred: String? = nil, workdaysOnly: Bool = false)
        -> TaskPlacement.Request
    {
        TaskPlacement.Request(
            siteID: "S1", locality: "b", zone: "north", from: from * hour, by: by * hour, night: night, preferredTeam: preferred,
            workdaysOnly: workdaysOnly)
    }

    @Test func theEarliestFittingShiftWinsThenTheTeamWithFewestVisits() {
        let teams = [
            Self.team("late", start: 40), Self.team("busy", start: 16, visits: 5), Self.team("light", start: 16, visits: 3),
            Self.team("other-zone", zone: "south", start: 8), Self.team("too-late", start: 95),
        ]
        #expect(TaskPlacement.place(Self.request(), among: teams, frozenUntil: 0) == .success("light"))
        #expect(TaskPlacement.place(Self.request(preferred: "late"), among: teams, frozenUntil: 0) == .success("late"))
        #expect(TaskPlacement.placeLeastLoaded(Self.request(), among: teams + [Self.team("empty", start: 60, visits: 0)], frozenUntil: 0) == .success("empty"))
    }

    @Test func everyReasonATeamIsPassedOverIsCounted() {
        let teams = [
            Self.team("started", start: 1), Self.team("released", start: 10, released: true), Self.team("night", start: 20, night: true),
            Self.team("home", start: 30, homes: ["I1": "a", "I2": "b"]), Self.team("conflict", start: 40, conflicted: ["I1"]),
            Self.team("restday", start: 50, workday: false),
        ]
        let refusal = TaskPlacement.Refusal(
            inWindow: 6, started: 1, released: 1, wrongPeriod: 1, homeLocality: 1, conflict: 1, notWorkday: 1)
        #expect(TaskPlacement.place(Self.request(workdaysOnly: true), among: teams, frozenUntil: 2 * Self.hour) == .failure(refusal))
        // Without the working-day rule the rest day fits.
        #expect(TaskPlacement.place(Self.request(), among: teams, frozenUntil: 2 * Self.hour) == .success("restday"))
        // A night task takes the night shift only.
        #expect(TaskPlacement.place(Self.request(night: true), among: teams, frozenUntil: 2 * Self.hour) == .success("night"))
        // No zone: nothing to look at.
        var lost = Self.request()
        lost.zone = nil
        #expect(TaskPlacement.place(lost, among: teams, frozenUntil: 0) == .failure(TaskPlacement.Refusal(noZone: true)))
        // A shift must lie wholly in the window.
        #expect(TaskPlacement.place(Self.request(from: 31, by: 48), among: teams, frozenUntil: 0) == .failure(TaskPlacement.Refusal(inWindow: 1, conflict: 1)))
    }
}
