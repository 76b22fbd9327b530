import InspectNotices
import Testing

@Suite struct TemplateLimitTests {
    @Test func aTemplateOverTheSizeLimitIsRefused() {
        let atTheLimit = String(repeating: "x", count: MustacheTemplate.maximumBytes)
        #expect(throws: Never.self) { try MustacheTemplate.parse(atTheLimit, name: "t") }
        let error = #expect(throws: TemplateError.self) { try MustacheTemplate.parse(atTheLimit + "x", name: "t") }
        #expect(error?.kind == .tooLarge)
        #expect(error?.description == "t:1:1: the template is 65537 bytes, more than the limit of 65536; shorten it")
    }

    @Test func sectionsNestedTooDeepAreRefusedWhereTheyOpen() {
        func nested(_ depth: Int) -> String {
            (0..<depth).map { "{{#s\($0)}}" }.joined() + "x" + (0..<depth).reversed().map { "{{/s\($0)}}" }.joined()
        }
        #expect(throws: Never.self) { try MustacheTemplate.parse(nested(16), name: "t") }
        let error = #expect(throws: TemplateError.self) { try MustacheTemplate.parse(nested(17), name: "t") }
        #expect(error?.kind == .tooDeep)
        #expect(error?.line == 1)
        // The 17th opening tag, after sixteen of them.
        #expect(error?.column == 1 + (0..<16).map { "{{#s\($0)}}".count }.reduce(0, +))
    }
}
