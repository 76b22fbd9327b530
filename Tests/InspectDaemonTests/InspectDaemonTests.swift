import Foundation
import InspectAPI
import InspectConfig
@testable import InspectDaemon
import InspectStore
import InspectSystemd
import Testing

@Suite struct AccessPolicyTests {
    let policy = AccessPolicy(adminGroups: [1001], supervisorGroups: [1002])

    @Test func rootIsAlwaysAdmin() {
        #expect(policy.role(uid: 0, gid: 0, groups: []) == .admin)
    }

    @Test func groupsMapToRoles() {
        #expect(policy.role(uid: 500, gid: 1001, groups: []) == .admin)
        #expect(policy.role(uid: 500, gid: 500, groups: [7, 1001]) == .admin)
        #expect(policy.role(uid: 500, gid: 500, groups: [1002]) == .supervisor)
        #expect(policy.role(uid: 500, gid: 1002, groups: [1001]) == .admin)
        #expect(policy.role(uid: 500, gid: 500, groups: [3]) == nil)
    }

    @Test func numericGroupsResolveAndUnknownNamesAreReported() {
        let (resolved, unresolved) = AccessPolicy.resolve(adminGroups: ["0", "no-such-group-xyz"], supervisorGroups: ["root"])
        #expect(resolved.adminGroups == [0])
        #expect(resolved.supervisorGroups == [0])
        #expect(unresolved == ["no-such-group-xyz"])
    }
}

@Suite struct APIRouterTests {
    let router: APIRouter

    init() throws {
        let loaded = ConfigurationLoader.Loaded(
            configuration: .default, access: AccessPolicy(adminGroups: [1001], supervisorGroups: [1002]),
            zone: .chinaStandardTime, calendar: .builtIn, templates: .builtIn)
        let state = DaemonState(
            configPath: "/etc/inspectd/inspectd.toml", loaded: loaded, store: try InspectStore.inMemory(),
            notifier: ServiceNotifier())
        router = APIRouter(state: state, version: "test")
    }

    func request(_ method: String, _ target: String, gid: UInt32, body: String = "") async -> (APIResponse, Problem?) {
        let response = await router.respond(
            to: APIRequest(method: method, target: target, contentType: "text/csv", body: Array(body.utf8),
                           peer: PeerCredentials(pid: 1, uid: 500, gid: gid, groups: [gid]))
        )
        return (response, try? JSONDecoder().decode(Problem.self, from: Data(response.body)))
    }

    @Test func callersWithoutARoleGet403() async {
        let (response, problem) = await request("GET", "/v1/status", gid: 4242)
        #expect(response.status == 403)
        #expect(response.contentType == "application/problem+json")
        #expect(problem?.code == "forbidden")
    }

    @Test func supervisorsReadButDoNotImport() async {
        #expect(await request("GET", "/v1/units", gid: 1002).0.status == 200)
        let (response, problem) = await request("POST", "/v1/imports/units", gid: 1002, body: "id\n")
        #expect(response.status == 403)
        #expect(problem?.detail.contains("admin") == true)
    }

    @Test func unknownPathsAndMethods() async {
        #expect(await request("GET", "/v1/nothing", gid: 1001).1?.code == "not_found")
        #expect(await request("DELETE", "/v1/units", gid: 1001).1?.code == "method_not_allowed")
    }

    @Test func badImportIsA422WithEveryRow() async {
        let csv = "id,name,kind,leader_name,leader_phone,contact_name,contact_phone\nx,X,planet,a,13800000000,b,13800000000\n,Y,locality,a,1,b,13800000000\n"
        let (response, problem) = await request("POST", "/v1/imports/units?file=u.csv", gid: 1001, body: csv)
        #expect(response.status == 422)
        #expect(problem?.code == "invalid_import")
        let lines = Set(problem?.errors?.compactMap(\.line) ?? [])
        #expect(lines == [2, 3])
        #expect(await request("GET", "/v1/status", gid: 1001).0.body.count > 0)
    }

    @Test func openAPIDocumentDescribesEveryRoute() throws {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any])
        #expect((document["openapi"] as? String)?.hasPrefix("3.") == true)
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        for route in APIRouter.routes {
            let documented = route.path.hasPrefix("/v1/imports/") ? "/v1/imports/{kind}" : route.path
            #expect(paths[documented]?[route.method.lowercased()] != nil, "\(route.method) \(route.path) is not in the OpenAPI document")
        }
        // What the server answers before any route runs (RequestLimits, APIServer): 414 for an
        // overlong target on every route; 413 for an oversized body and 400 for a malformed
        // or too deeply nested one on every POST.
        for (path, operations) in paths {
            for (method, operation) in operations where ["get", "put", "post", "delete", "patch"].contains(method) {
                let responses = Set(((operation as? [String: Any])?["responses"] as? [String: Any] ?? [:]).keys)
                let required = method == "post" ? ["400", "413", "414"] : ["414"]
                for code in required {
                    #expect(responses.contains(code), "\(method.uppercased()) \(path) does not document \(code)")
                }
            }
        }
        let codes = ((((document["components"] as? [String: Any])?["schemas"] as? [String: Any])?["Problem"] as? [String: Any])?["properties"] as? [String: Any])?["code"] as? [String: Any]
        #expect(Set(codes?["enum"] as? [String] ?? []) == Set(ProblemCode.allCases.map(\.rawValue)))
    }
}
