import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `inspectctl` against a real daemon: imports (UTF-8, GB18030, bad rows),
/// listings in every format, exit codes, and `inspectd check-config`.
@Suite(.serialized, .timeLimit(.minutes(2)))
final class CLITests {
    let directory: String
    let socket: String
    let daemon: DaemonProcess

    init() throws {
        directory = try DaemonHarness.scratchDirectory()
        let config = try DaemonHarness.writeConfig(in: directory)
        socket = directory + "/inspectd.sock"
        let notify = try NotifySocket(path: directory + "/notify")
        daemon = try DaemonProcess(DaemonHarness.binary("inspectd"), ["--config", config], environment: ["NOTIFY_SOCKET": notify.path])
        guard notify.waitFor(seconds: 10, { $0 == "READY=1" }) != nil else { throw HarnessError("the daemon did not become ready") }
    }

    deinit {
        daemon.signal(SIGTERM)
        _ = daemon.waitForExit(seconds: 5)
        try? FileManager.default.removeItem(atPath: directory)
    }

    func ctl(_ arguments: String...) throws -> (status: Int32, stdout: String, stderr: String) {
        try DaemonHarness.run(DaemonHarness.binary("inspectctl"), ["--socket", socket] + arguments)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = directory + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let units = """
        id,name,kind,leader_name,leader_phone,contact_name,contact_phone
        env,生态环境局,department,王建国,13800001111,李娜,13900002222
        police,公安分局,department,赵强,13800003333,孙丽,13900004444
        town1,东风镇,locality,陈明,022-12345678,周洁,13900005555

        """

    @Test func importIsAllOrNothingAndIdempotent() throws {
        let first = try ctl("import", "units", try write("units.csv", Self.units))
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("3 new"))
        let again = try ctl("import", "units", try write("units.csv", Self.units), "--format", "json")
        #expect(again.status == 0)
        let summary = try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any]
        #expect(summary?["unchanged"] as? Int == 3)
        #expect(summary?["inserted"] as? Int == 0)

        // Two bad rows: both reported with line and column; the good row is not imported.
        let bad = """
            id,name,department,certified,home_locality,phone
            I1,张三,env,yes,town1,13800000001
            I2,李四,env,maybe,town1,13800000002
            I3,王五,env,no,,call-me

            """
        let rejected = try ctl("import", "inspectors", try write("bad-inspectors.csv", bad))
        #expect(rejected.status == 1)
        #expect(rejected.stderr.contains("bad-inspectors.csv:3"))
        #expect(rejected.stderr.contains("certified"))
        #expect(rejected.stderr.contains("bad-inspectors.csv:4"))
        #expect(rejected.stderr.contains("phone"))
        let listed = try ctl("inspectors", "--format", "json")
        #expect(listed.status == 0)
        let inspectors = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [Any])
        #expect(inspectors.isEmpty, "a rejected import must change nothing")
    }

    @Test func referencesToUnknownUnitsAreRejected() throws {
        _ = try ctl("import", "units", try write("units.csv", Self.units))
        let text = """
            id,name,department,certified,home_locality,phone
            I1,张三,env,yes,town1,13800000001
            I2,李四,nowhere,yes,,13800000002
            I3,王五,env,no,police,13800000003

            """
        let rejected = try ctl("import", "inspectors", try write("inspectors.csv", text))
        #expect(rejected.status == 1)
        #expect(rejected.stderr.contains("inspectors.csv:3: column \"department\""))
        #expect(rejected.stderr.contains("inspectors.csv:4: column \"home_locality\""))
        let listed = try ctl("inspectors", "--format", "json")
        let inspectors = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [Any])
        #expect(inspectors.isEmpty)
    }

    @Test func gb18030FileImportsCorrectly() throws {
        _ = try ctl("import", "units", try write("units.csv", Self.units))
        let text = """
            id,name,locality,kind,risk,rain_sensitive,night_sensitive
            S1,东风化工有限公司,town1,重点企业,A,是,是
            S2,东风镇入河排污口1号,town1,入河排污口,B,yes,no

            """
        // Encode with the system's iconv, as Excel/WPS on Chinese Windows would write it.
        let utf8Path = try write("sites-utf8.csv", text)
        let gbPath = directory + "/检查对象.csv"
        let converted = try DaemonHarness.run("/usr/bin/iconv", ["-f", "UTF-8", "-t", "GB18030", "-o", gbPath, utf8Path])
        #expect(converted.status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: gbPath))
        #expect(String(data: bytes, encoding: .utf8) == nil, "the fixture must not be valid UTF-8")

        let imported = try ctl("import", "sites", gbPath, "--format", "json")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("\"encoding\" : \"gb18030\""))
        let sites = try ctl("sites", "--format", "csv")
        #expect(sites.stdout.contains("S1,东风化工有限公司,town1,重点企业,A,yes,yes"))
        let table = try ctl("sites")
        #expect(table.stdout.contains("东风镇入河排污口1号"))
    }

    @Test func listingsCarryTheCSVColumnNames() throws {
        _ = try ctl("import", "units", try write("units.csv", Self.units))
        let json = try ctl("units", "--format", "json")
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(array.count == 3)
        for key in ["id", "name", "kind", "leader_name", "leader_phone", "contact_name", "contact_phone"] {
            #expect(array[0][key] != nil, "missing key \(key)")
        }
        let csv = try ctl("units", "--format", "csv")
        #expect(csv.stdout.hasPrefix("id,name,kind,leader_name,leader_phone,contact_name,contact_phone"))
    }

    @Test func exitCodes() throws {
        let unreachable = try DaemonHarness.run(DaemonHarness.binary("inspectctl"), ["--socket", directory + "/nobody.sock", "status"])
        #expect(unreachable.status == 69)
        #expect(unreachable.stderr.contains("systemctl status inspectd.socket"))
        #expect(unreachable.stderr.contains(directory + "/nobody.sock"), "the message must name the socket it tried")
        let usage = try ctl("import", "cats", "x.csv")
        #expect(usage.status == 64)
        let missingFile = try ctl("import", "units", directory + "/missing.csv")
        #expect(missingFile.status == 1)
    }

    @Test func checkConfigNamesFileLineAndKey() throws {
        let good = try DaemonHarness.run(DaemonHarness.binary("inspectd"), ["check-config", "--config", directory + "/inspectd.toml"])
        #expect(good.status == 0)
        let badPath = try write("bad.toml", "[district]\nname = \"x\"\n\n[daemon]\nlog_level = \"loud\"\nshutdown_grace_seconds = \"soon\"\n")
        let bad = try DaemonHarness.run(DaemonHarness.binary("inspectd"), ["check-config", "--config", badPath])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("\(badPath):5"))
        #expect(bad.stderr.contains("log_level"))
        #expect(bad.stderr.contains("\(badPath):6"))
        #expect(bad.stderr.contains("shutdown_grace_seconds"))
    }

    /// `GET /v1/openapi.json` over the socket with curl is a valid OpenAPI 3
    /// document (checked by the independent openapi-spec-validator).
    @Test func openAPIDocumentIsValid() throws {
        let fetched = try DaemonHarness.run("/usr/bin/curl", ["-sf", "--unix-socket", socket, "http://localhost/v1/openapi.json", "-o", directory + "/openapi.json"])
        #expect(fetched.status == 0)
        let check = try DaemonHarness.run(
            "/usr/bin/env",
            ["python3", "-c", "import sys, json; from openapi_spec_validator import validate; validate(json.load(open(sys.argv[1]))); print('valid')", directory + "/openapi.json"]
        )
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("valid"))
    }
}
