import Testing

@testable import InspectConfig

/// `[access] unit_groups` and `inspector_groups`: groups bound to a unit or an inspector.
@Suite struct AccessBindingTests {
    let file = "/etc/inspectd/inspectd.toml"

    @Test func bindingsReadGroupNamesAndGids() throws {
        let text = """
            [access]
            unit_groups = [{ group = "baihe-office", unit = "baihe" }, { group = 2107, unit = "env" }]
            inspector_groups = [{ group = "1017", inspector = "I017" }]
            """
        let access = try DaemonConfiguration.parse(text, file: file).get().access
        #expect(access.unitGroups == [GroupBinding(group: .name("baihe-office"), id: "baihe"), GroupBinding(group: .gid(2107), id: "env")])
        #expect(access.inspectorGroups == [GroupBinding(group: .gid(1017), id: "I017")])
        #expect(DaemonConfiguration.default.access.unitGroups.isEmpty && DaemonConfiguration.default.access.inspectorGroups.isEmpty)
    }

    @Test func badBindingsAreReportedAtTheirLines() {
        let text = """
            [access]
            unit_groups = [
              { group = "Bad Name", unit = "baihe" },
              { group = 2107 },
              { group = 2108, unit = "a b" },
              { group = true, unit = "x" },
              { group = 1, inspector = "I017" },
            ]
            inspector_groups = "i017"
            """
        guard case .failure(let errors) = DaemonConfiguration.parse(text, file: file) else {
            Issue.record("accepted bad bindings")
            return
        }
        let messages = errors.problems.map(\.description)
        #expect(messages.contains { $0.contains(":3:") && $0.contains("\"Bad Name\" is not a group name") }, "\(messages)")
        #expect(messages.contains { $0.contains(":4:") && $0.contains("needs unit") }, "\(messages)")
        #expect(messages.contains { $0.contains(":5:") && $0.contains("is not a unit id") }, "\(messages)")
        #expect(messages.contains { $0.contains(":6:") && $0.contains("found a boolean") }, "\(messages)")
        #expect(messages.contains { $0.contains(":7:") && $0.contains("unknown key \"inspector\"") }, "\(messages)")
        #expect(messages.contains { $0.contains(":9:") && $0.contains("access.inspector_groups") }, "\(messages)")
    }

    @Test func bindingsRenderBackToWhatTheyRead() throws {
        var configuration = DaemonConfiguration.default
        configuration.access.unitGroups = [GroupBinding(group: .name("baihe-office"), id: "baihe")]
        configuration.access.inspectorGroups = [GroupBinding(group: .gid(1017), id: "I017")]
        let again = try DaemonConfiguration.parse(configuration.rendered(), file: file).get()
        #expect(again.access == configuration.access)
    }
}
