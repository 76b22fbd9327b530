import InspectNotices
import Testing

@Suite struct MustacheTests {
    private func render(_ template: String, _ json: String) throws -> String {
        try MustacheTemplate.parse(template, name: "t").render(try specContext(json))
    }

    private func parseError(_ template: String) -> TemplateError? {
        #expect(throws: TemplateError.self) { try MustacheTemplate.parse(template, name: "supervision.body.mustache") }
    }

    // MARK: rendering

    @Test func chineseTextNamesAndValues() throws {
        let context = """
            {"unit": {"name": "白河镇人民政府"}, "case": {"id": "C-17", "title": "某砖厂未落实扬尘防治措施", "deadline": "2026-03-31"},
             "days_overdue": 12, "单位": "生态环境分局"}
            """
        #expect(
            try render("{{unit.name}}：你单位负责整改的「{{case.title}}」（编号 {{case.id}}）整改时限为 {{case.deadline}}，现已逾期 {{days_overdue}} 天。", context)
                == "白河镇人民政府：你单位负责整改的「某砖厂未落实扬尘防治措施」（编号 C-17）整改时限为 2026-03-31，现已逾期 12 天。")
        #expect(try render("抄送：{{单位}}", context) == "抄送：生态环境分局")
        // Full-width braces and Chinese punctuation are plain text.
        #expect(try render("｛｛不是标签｝｝{不是}", "{}") == "｛｛不是标签｝｝{不是}")
    }

    @Test func chineseListWithStandaloneLines() throws {
        let template = """
            下列问题逾期未完成整改：
            {{#cases}}
              {{id}}「{{title}}」，已逾期 {{days_overdue}} 天；
            {{/cases}}
            {{^cases}}
            （无）
            {{/cases}}
            请按时参加约谈。

            """
        let cases = #"{"cases": [{"id": "C-1", "title": "散乱污企业", "days_overdue": 9}, {"id": "C-2", "title": "雨污分流", "days_overdue": 3}]}"#
        #expect(
            try render(template, cases)
                == "下列问题逾期未完成整改：\n  C-1「散乱污企业」，已逾期 9 天；\n  C-2「雨污分流」，已逾期 3 天；\n请按时参加约谈。\n")
        #expect(try render(template, #"{"cases": []}"#) == "下列问题逾期未完成整改：\n（无）\n请按时参加约谈。\n")
    }

    @Test func valuesAsText() throws {
        let context = #"{"i": -42, "d": 33.3, "whole": 3.0, "big": 1e20, "t": true, "f": false, "n": null, "a": [1], "o": {"x": 1}}"#
        #expect(try render("{{i}}|{{d}}|{{whole}}|{{big}}|{{t}}|{{f}}|{{n}}|{{a}}|{{o}}", context) == "-42|33.3|3|1e+20|true|false|||")
    }

    @Test func truthiness() throws {
        let context = #"{"zero": 0, "empty": "", "text": "x", "emptyObject": {}, "missing": null}"#
        #expect(try render("{{#zero}}0 shows{{/zero}}", context) == "0 shows")
        #expect(try render("{{#empty}}no{{/empty}}{{^empty}}empty is falsey{{/empty}}", context) == "empty is falsey")
        #expect(try render("{{#text}}[{{.}}]{{/text}}", context) == "[x]")
        #expect(try render("{{#emptyObject}}an object shows{{/emptyObject}}", context) == "an object shows")
        #expect(try render("{{^missing}}null is falsey{{/missing}}", context) == "null is falsey")
    }

    @Test func sectionValueOutsideThrough() throws {
        // Inside {{#case.site}} the context is the site's name; case.title still resolves
        // from the root, as the built-in templates rely on.
        #expect(
            try render("{{#case.site}}{{case.title}} @ {{.}}{{/case.site}}", #"{"case": {"title": "扬尘", "site": "一号工地"}}"#)
                == "扬尘 @ 一号工地")
    }

    @Test func renderingTwiceGivesTheSameText() throws {
        let template = try MustacheTemplate.parse("{{#a}}{{b}}{{/a}}", name: "t")
        let context = try specContext(#"{"a": [{"b": 1}, {"b": 2}]}"#)
        #expect(template.render(context) == "12")
        #expect(template.render(context) == "12")
    }

    @Test func fieldNames() throws {
        let template = try MustacheTemplate.parse("{{a.b}}{{#list}}{{.}}{{x}}{{/list}}{{^y}}{{a.b}}{{/y}}{{! c }}", name: "t")
        #expect(template.fieldNames == ["a.b", "list", ".", "x", "y"])
    }

    // MARK: errors

    @Test func unclosedTagSaysWhereAndWhat() {
        let error = parseError("第一行\n你好 {{case.title 没有结束\n")
        #expect(error?.kind == .unclosedTag)
        #expect(error?.line == 2)
        #expect(error?.column == 4)
        #expect(error?.message.contains("end it with }}") == true)
        #expect(error?.description.hasPrefix("supervision.body.mustache:2:4: ") == true)
    }

    @Test func unclosedTripleAndComment() {
        let triple = parseError("x {{{name}}")
        #expect(triple?.kind == .unclosedTag)
        #expect(triple?.column == 3)
        #expect(triple?.message.contains("}}}") == true)
        let comment = parseError("a\nb {{! 注释\n没有结束")
        #expect(comment?.kind == .unclosedTag)
        #expect(comment?.line == 2)
        #expect(comment?.column == 3)
    }

    @Test func unclosedSectionPointsAtItsOpening() {
        let error = parseError("督办：\n  {{#case.site}}\n检查对象：{{case.site}}\n")
        #expect(error?.kind == .unclosedSection)
        #expect(error?.line == 2)
        #expect(error?.column == 3)
        #expect(error?.message.contains("add {{/case.site}}") == true)
        let inverted = parseError("{{^x}}")
        #expect(inverted?.message.contains("{{^x}}") == true)
    }

    @Test func mismatchedCloseNamesTheOpenSection() {
        let error = parseError("{{#a}}{{#b}}{{/a}}{{/b}}")
        #expect(error?.kind == .mismatchedClose)
        #expect(error?.line == 1)
        #expect(error?.column == 13)
        #expect(error?.message.contains("{{#b}} (line 1, column 7)") == true)
        #expect(error?.message.contains("close that one first with {{/b}}") == true)
    }

    @Test func closeWithoutOpen() {
        let error = parseError("整改\n完毕{{/case}}")
        #expect(error?.kind == .unmatchedClose)
        #expect(error?.line == 2)
        #expect(error?.column == 3)
        #expect(error?.message.contains("no section is open") == true)
    }

    @Test(arguments: [
        ("{{> footer}}", "partials"), ("{{=<% %>=}}", "set delimiters"), ("{{<parent}}{{/parent}}", "inheritance"),
        ("{{$block}}{{/block}}", "inheritance"),
    ])
    func unsupportedTagsAreRejected(template: String, what: String) {
        let error = parseError(template)
        #expect(error?.kind == .unsupportedTag)
        #expect(error?.message.contains(what) == true)
        #expect(error?.message.contains("not supported") == true)
    }

    @Test(arguments: ["{{}}", "{{ }}", "{{#}}{{/}}", "{{case title}}", "{{a..b}}", "{{a.}}", "{{&}}"])
    func badNamesAreRejected(template: String) {
        let error = parseError(template)
        #expect(error?.kind == .badName)
        #expect(error?.message.contains("case.title") == true)
    }
}
