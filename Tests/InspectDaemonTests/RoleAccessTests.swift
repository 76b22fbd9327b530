import Foundation
import InspectAPI
import InspectCalendar
import InspectConfig
import InspectCore
@testable import InspectDaemon
import InspectLedger
@testable import InspectStore
import InspectSystemd
import Logging
import Testing

/// The role mapping, and what each role gets from the router: a real in-memory store with
/// the demo district and its ledger, callers told apart by fake peer credentials.
@Suite struct RoleMappingTests {
    let policy = AccessPolicy(
        adminGroups: [10], supervisorGroups: [20], unitGroups: [30: ["env"], 31: ["water"], 32: ["l1"]], inspectorGroups: [40: ["I017"], 41: ["I018"]])

    @Test(arguments: [
        // (uid, gid, groups, role, units, inspectors)
        (UInt32(0), UInt32(999), [UInt32](), Role?.some(.admin), [String](), [String]()),
        (500, 10, [], .admin, [], []),
        (500, 999, [40, 30, 20, 10], .admin, [], []),
        (500, 999, [40, 30, 20], .supervisor, [], []),
        (500, 40, [30], .unit, ["env"], []),
        (500, 31, [30, 41], .unit, ["env", "water"], []),
        (500, 999, [40], .inspector, [], ["I017"]),
        (500, 41, [40], .inspector, [], ["I017", "I018"]),
        (500, 999, [998], nil, [], []),
    ])
    func theHighestRoleWinsWithItsBindings(uid: UInt32, gid: UInt32, groups: [UInt32], role: Role?, units: [String], inspectors: [String]) {
        let grant = policy.grant(uid: uid, gid: gid, groups: groups)
        #expect(grant?.role == role)
        #expect((grant?.units ?? []) == units)
        #expect((grant?.inspectors ?? []) == inspectors)
    }

    @Test func rolesAreOrdered() {
        #expect(Role.allCases.sorted() == [.inspector, .unit, .supervisor, .admin])
    }

    @Test func bindingsResolveGroupNamesAndGids() {
        let (resolved, unresolved) = AccessPolicy.resolve(
            adminGroups: ["0"], supervisorGroups: [], unitGroups: [("2107", "env"), ("no-such-group-here", "l1")],
            inspectorGroups: [("2108", "I017"), ("2108", "I018")])
        #expect(unresolved == ["no-such-group-here"])
        #expect(resolved.unitGroups == [2107: ["env"]])
        #expect(resolved.inspectorGroups == [2108: ["I017", "I018"]])
    }
}

@Suite struct RoleAccessTests {
    let state: DaemonState
    let router: APIRouter
    let desk: RosterDesk
    let district = DemoDistrict.generate()
    let department: String
    let locality: String

    static let adminGID: UInt32 = 1001
    static let supervisorGID: UInt32 = 1002
    static let departmentGID: UInt32 = 1003
    static let localityGID: UInt32 = 1004
    /// Inspector `n` of the directory (sorted by id) is gid 2000 + n.
    static let firstInspectorGID: UInt32 = 2000

    init() throws {
        department = try #require(district.units.first { $0.kind == .department }?.id)
        locality = try #require(district.units.first { $0.kind == .locality }?.id)
        var configuration = DaemonConfiguration.default
        configuration.roster.horizonDays = 5
        configuration.visits.releaseLeadMinutes = 1440
        let inspectorIDs = district.inspectors.map(\.id).sorted()
        let policy = AccessPolicy(
            adminGroups: [Self.adminGID], supervisorGroups: [Self.supervisorGID],
            unitGroups: [Self.departmentGID: [department], Self.localityGID: [locality]],
            inspectorGroups: Dictionary(uniqueKeysWithValues: inspectorIDs.enumerated().map { (Self.firstInspectorGID + UInt32($0.offset), [$0.element]) }))
        let loaded = ConfigurationLoader.Loaded(configuration: configuration, access: policy, zone: .chinaStandardTime, calendar: .builtIn, templates: .builtIn)
        let store = try InspectStore.inMemory()
        state = DaemonState(configPath: "/etc/inspectd/inspectd.toml", loaded: loaded, store: store, notifier: ServiceNotifier())
        router = APIRouter(state: state, version: "test")
        desk = RosterDesk(state: state, logger: Logger(label: "test"))
        let importer = DirectoryImporter(store: store)
        for kind in [DirectoryKind.units, .inspectors, .sites] {
            _ = try importer.importFile(kind, bytes: Array(district.csv(kind).utf8), file: "\(kind).csv", encoding: nil, uid: 0, dryRun: false)
        }
        _ = try desk.replan(reason: "initial plan", uid: 0, now: Int64(Date().timeIntervalSince1970))
    }

    var now: Int64 { Int64(Date().timeIntervalSince1970) }

    func call(_ method: String, _ target: String, gid: UInt32, uid: UInt32 = 5000, body: String = "") async -> (status: Int, body: String) {
        let response = await router.respond(
            to: APIRequest(
                method: method, target: target, contentType: body.isEmpty ? nil : "application/json", body: Array(body.utf8),
                peer: PeerCredentials(pid: 4242, uid: uid, gid: gid, groups: [gid])))
        return (response.status, String(decoding: response.body, as: UTF8.self))
    }

    func roster(gid: UInt32) async throws -> RosterReport {
        let (status, body) = await call("GET", "/v1/roster", gid: gid)
        #expect(status == 200, "\(body)")
        return try JSONDecoder().decode(RosterReport.self, from: Data(body.utf8))
    }

    func auditEntries() throws -> [StoredAuditEntry] {
        try state.store.auditEntries(since: nil, uid: nil, limit: 100_000)
    }

    func importLedger() async throws {
        let today = DistrictTimeZone.chinaStandardTime.date(atUTC: now)
        let csv = CaseCSV.render(DemoLedger.cases(for: district, today: today))
        let (status, body) = await call("POST", "/v1/cases/imports", gid: Self.adminGID, body: csv)
        #expect(status == 200, "\(body)")
    }

    /// An inspector (and their gid) with a shift that is released (`sealed` false) or sealed, with visits.
    func inspector(with sealed: Bool, _ admin: RosterReport) throws -> (id: String, gid: UInt32) {
        let ids = district.inspectors.map(\.id).sorted()
        let chosen = try #require(
            ids.first { id in admin.shifts.contains { $0.sealed == sealed && !$0.visits.isEmpty && $0.members.contains { $0.id == id } } },
            "no inspector has a \(sealed ? "sealed" : "released") shift")
        return (chosen, Self.firstInspectorGID + UInt32(ids.firstIndex(of: chosen)!))
    }

    @Test func anInspectorSeesOnlyTheirOwnShiftsAndTheirTeamsVisitsOnlyAfterRelease() async throws {
        let admin = try await roster(gid: Self.adminGID)
        let full = Dictionary(uniqueKeysWithValues: admin.shifts.map { ($0.id, $0) })
        var seen: Set<Bool> = []
        for sealed in [false, true] {
            let (inspector, gid) = try inspector(with: sealed, admin)
            let own = try await roster(gid: gid)
            let expected = admin.shifts.filter { $0.members.contains { $0.id == inspector } }
            #expect(own.shifts.map(\.id) == expected.map(\.id), "exactly their own shifts")
            for shift in own.shifts {
                seen.insert(shift.sealed)
                if shift.sealed {
                    #expect(shift.visits.isEmpty, "\(shift.id) is sealed: no visits before release")
                } else {
                    #expect(shift.visits == full[shift.id]?.visits, "\(shift.id) is released: the team's visits")
                }
            }
            #expect(own.plan?.seed == nil)
            // Not someone else's shifts, not the rest of the API.
            let other = try #require(district.inspectors.map(\.id).sorted().first { $0 != inspector })
            #expect(await call("GET", "/v1/roster?inspector=\(other)", gid: gid).status == 403)
            for (method, target) in [
                ("GET", "/v1/duty"), ("GET", "/v1/cases"), ("GET", "/v1/inspectors"), ("GET", "/v1/plans"), ("GET", "/v1/notices"),
                ("GET", "/v1/conflicts"), ("GET", "/v1/audit"), ("GET", "/v1/roster/fairness"),
            ] {
                let (status, body) = await call(method, target, gid: gid)
                #expect(status == 403, "\(target): \(status)")
                #expect(body.contains("is an inspector for inspector \(inspector)") && body.contains("GET /v1/roster"), "\(body)")
            }
        }
        #expect(seen == [false, true], "both a released and a sealed shift were checked")
    }

    @Test func anInspectorAsksLeaveOnlyForThemselves() async throws {
        let admin = try await roster(gid: Self.adminGID)
        let (inspector, gid) = try inspector(with: true, admin)
        let other = try #require(district.inspectors.map(\.id).sorted().first { $0 != inspector })
        let today = DistrictTimeZone.chinaStandardTime.date(atUTC: now)
        let day = today.adding(days: 3).description
        let refused = await call("POST", "/v1/leave", gid: gid, body: #"{"inspector": "\#(other)", "from": "\#(day)", "to": "\#(day)", "reason": "x"}"#)
        #expect(refused.status == 403, "\(refused.body)")
        let granted = await call("POST", "/v1/leave", gid: gid, body: #"{"inspector": "\#(inspector)", "from": "\#(day)", "to": "\#(day)", "reason": "病假"}"#)
        #expect(granted.status == 201, "\(granted.body)")
        let leave = try JSONDecoder().decode([LeaveItem].self, from: Data(await call("GET", "/v1/leave", gid: gid).body.utf8))
        #expect(leave.map(\.inspector) == [inspector])
        // Both are in the audit trail, with the inspector touched.
        let entries = try auditEntries().filter { $0.action == "POST /v1/leave" }
        #expect(entries.map(\.outcome) == [403, 201])
        #expect(entries.map(\.target) == [other, inspector])
        #expect(entries.allSatisfy { $0.role == "inspector" && $0.uid == 5000 && $0.gid == gid && $0.pid == 4242 })
    }

    @Test func aDepartmentUnitSeesTheShiftsOfItsPeopleWithSealedListsHidden() async throws {
        let admin = try await roster(gid: Self.adminGID)
        let unit = try await roster(gid: Self.departmentGID)
        let theirs = Set(district.inspectors.filter { $0.department == department }.map(\.id))
        let expected = admin.shifts.filter { $0.members.contains { theirs.contains($0.id) } }
        #expect(!unit.shifts.isEmpty && unit.shifts.map(\.id) == expected.map(\.id))
        #expect(unit.shifts.count < admin.shifts.count)
        #expect(unit.shifts.contains { $0.sealed })
        #expect(unit.shifts.allSatisfy { !$0.sealed || $0.visits.isEmpty }, "no sealed visits to a unit")
        let other = try #require(district.units.first { $0.kind == .department && $0.id != department }?.id)
        #expect(await call("GET", "/v1/roster?unit=\(other)", gid: Self.departmentGID).status == 403)
        for target in ["/v1/duty", "/v1/plans", "/v1/notices", "/v1/leave", "/v1/inspectors"] {
            #expect(await call("GET", target, gid: Self.departmentGID).status == 403, "\(target)")
        }
        #expect(await call("POST", "/v1/imports/units", gid: Self.departmentGID, body: "x").status == 403)
    }

    @Test func aLocalityUnitHasNoRosterButItsOwnCasesAndUpdatesOnlyThose() async throws {
        try await importLedger()
        let (rosterStatus, rosterBody) = await call("GET", "/v1/roster", gid: Self.localityGID)
        #expect(rosterStatus == 403 && rosterBody.contains("cases"), "\(rosterBody)")
        let all = try JSONDecoder().decode([CaseItem].self, from: Data(await call("GET", "/v1/cases", gid: Self.adminGID).body.utf8))
        let own = try JSONDecoder().decode([CaseItem].self, from: Data(await call("GET", "/v1/cases", gid: Self.localityGID).body.utf8))
        #expect(!own.isEmpty && own.allSatisfy { $0.unit == locality })
        #expect(own.count == all.filter { $0.unit == locality }.count)
        let foreign = try #require(all.first { $0.unit != locality && $0.status == "open" })
        let mine = try #require(own.first { $0.status == "open" })
        #expect(await call("GET", "/v1/cases/\(foreign.id)", gid: Self.localityGID).status == 403)
        #expect(await call("GET", "/v1/cases/\(mine.id)", gid: Self.localityGID).status == 200)
        #expect(await call("GET", "/v1/cases?unit=\(foreign.unit)", gid: Self.localityGID).status == 403)
        let refused = await call("POST", "/v1/cases/\(foreign.id)/update", gid: Self.localityGID, body: #"{"status": "in_progress"}"#)
        #expect(refused.status == 403, "\(refused.body)")
        let measures = await call("POST", "/v1/cases/\(mine.id)/update", gid: Self.localityGID, body: #"{"measures": ["约谈"]}"#)
        #expect(measures.status == 403, "\(measures.body)")
        let updated = await call("POST", "/v1/cases/\(mine.id)/update", gid: Self.localityGID, body: #"{"status": "in_progress", "note": "已进场"}"#)
        #expect(updated.status == 200, "\(updated.body)")
        // A supervisor reads but does not write cases.
        #expect(await call("POST", "/v1/cases/\(mine.id)/update", gid: Self.supervisorGID, body: #"{"status": "rectified"}"#).status == 403)
        // A unit reports its case rectified, but never verifies nor closes it itself.
        let rectified = await call("POST", "/v1/cases/\(mine.id)/update", gid: Self.localityGID, body: #"{"status": "rectified"}"#)
        #expect(rectified.status == 200, "\(rectified.body)")
        let verified = await call("POST", "/v1/cases/\(mine.id)/update", gid: Self.localityGID, body: #"{"status": "verified"}"#)
        #expect(verified.status == 403 && verified.body.contains("复查"), "\(verified.body)")
        let closed = await call("POST", "/v1/cases/\(mine.id)/update", gid: Self.localityGID, body: #"{"status": "closed"}"#)
        #expect(closed.status == 403, "\(closed.body)")
        #expect(try state.store.findCase(mine.id)?.status == .rectified)
        let trail = try auditEntries().filter { $0.action == "POST /v1/cases/{id}/update" }
        #expect(trail.map(\.outcome) == [403, 403, 200, 403, 200, 403, 403])
        #expect(trail.map(\.target) == [foreign.id, mine.id, mine.id, mine.id, mine.id, mine.id, mine.id])
    }

    @Test func noRoleIsRefusedAndAudited() async throws {
        let (status, body) = await call("GET", "/v1/status", gid: 7777, uid: 6000)
        #expect(status == 403 && body.contains("has no role"), "\(body)")
        let entry = try #require(try auditEntries().last)
        #expect(entry.uid == 6000 && entry.role == "none" && entry.action == "GET /v1/status" && entry.outcome == 403)
    }

    @Test func sealedReadsByAnAdminAreAuditedAndOrdinaryReadsAreNot() async throws {
        _ = try await roster(gid: Self.supervisorGID)
        _ = await call("GET", "/v1/plans", gid: Self.supervisorGID)
        #expect(try auditEntries().isEmpty, "a supervisor's reads reveal nothing sealed")
        _ = try await roster(gid: Self.adminGID)
        let rosterEntry = try #require(try auditEntries().last)
        #expect(rosterEntry.action == "GET /v1/roster" && rosterEntry.role == "admin" && rosterEntry.detail.contains("sealed"))
        let plan = try #require(try state.store.rosterPlans(limit: 1).first)
        let verify = await call("GET", "/v1/plans/\(plan.id)/verify", gid: Self.adminGID)
        #expect(verify.status == 200)
        let verifyEntry = try #require(try auditEntries().last)
        #expect(verifyEntry.action == "GET /v1/plans/{id}/verify" && verifyEntry.target == String(plan.id))
        // A supervisor may not replay it yet: refused, and audited.
        #expect(await call("GET", "/v1/plans/\(plan.id)/verify", gid: Self.supervisorGID).status == 403)
        #expect(try auditEntries().last?.outcome == 403)
        // The trail through the API, for admins only.
        let listed = try JSONDecoder().decode([AuditItem].self, from: Data(await call("GET", "/v1/audit?user=5000", gid: Self.adminGID).body.utf8))
        #expect(listed.count == (try auditEntries().count))
        #expect(await call("GET", "/v1/audit", gid: Self.supervisorGID).status == 403)
    }

    @Test func theAuditTableRefusesChanges() throws {
        try state.store.appendAudit(StoredAuditEntry(at: now, uid: 1, gid: 1, pid: 1, role: "admin", action: "POST /v1/leave", target: "I001", outcome: 201, detail: ""))
        #expect(throws: StoreError.self) { try state.store.write { db in try db.execute(sql: "UPDATE audit SET outcome = 200") } }
        #expect(throws: StoreError.self) { try state.store.write { db in try db.execute(sql: "DELETE FROM audit") } }
        #expect(try auditEntries().count == 1)
    }

    @Test func theJournalCatalogExplainsTheAuditMessageID() throws {
        let catalog = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("deploy/catalog/inspectd.catalog")
        let text = try String(contentsOf: catalog, encoding: .utf8)
        #expect(text.contains("-- \(AuditTrail.messageID)\n"))
    }
}
