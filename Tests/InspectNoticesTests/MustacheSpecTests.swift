import InspectNotices
import Testing

/// A case of the official Mustache spec: its data as JSON, the template, the text expected.
struct SpecCase: Sendable, CustomTestStringConvertible {
    var name: String
    var data: String
    var template: String
    var expected: String

    var testDescription: String { name }

    init(_ name: String, _ data: String, _ template: String, _ expected: String) {
        self.name = name
        self.data = data
        self.template = template
        self.expected = expected
    }
}

/// The context for a spec case, from its JSON.
func specContext(_ json: String) throws -> NoticeValue {
    try #require(NoticeJSON.decodeValue(Array(json.utf8)), "bad JSON in a test: \(json)")
}

/// Hand-picked cases of the official Mustache spec (github.com/mustache/spec, `specs/
/// interpolation.yml`, `sections.yml`, `inverted.yml`, `comments.yml`, v1.3 and the current
/// development version; MIT licence), transcribed with their names; the data is JSON.
///
/// Left out: lambdas, partials, set delimiters and inheritance (not supported), and the
/// "HTML Escaping" case, which is replaced by its opposite: notices are plain text and
/// `{{x}}` does not escape.
@Suite struct MustacheSpecTests {
    static let interpolationCases: [SpecCase] = [
        SpecCase("No Interpolation", "{}", "Hello from {Mustache}!\n", "Hello from {Mustache}!\n"),
        SpecCase("Basic Interpolation", #"{"subject": "world"}"#, "Hello, {{subject}}!\n", "Hello, world!\n"),
        SpecCase(
            "No HTML Escaping (replaces HTML Escaping)", #"{"forbidden": "& \" < >"}"#,
            "These characters should not be HTML escaped: {{forbidden}}\n",
            "These characters should not be HTML escaped: & \" < >\n"),
        SpecCase(
            "Triple Mustache", #"{"forbidden": "& \" < >"}"#,
            "These characters should not be HTML escaped: {{{forbidden}}}\n",
            "These characters should not be HTML escaped: & \" < >\n"),
        SpecCase(
            "Ampersand", #"{"forbidden": "& \" < >"}"#, "These characters should not be HTML escaped: {{&forbidden}}\n",
            "These characters should not be HTML escaped: & \" < >\n"),
        SpecCase("Basic Integer Interpolation", #"{"mph": 85}"#, #""{{mph}} miles an hour!""#, #""85 miles an hour!""#),
        SpecCase(
            "Triple Mustache Integer Interpolation", #"{"mph": 85}"#, #""{{{mph}}} miles an hour!""#,
            #""85 miles an hour!""#),
        SpecCase(
            "Ampersand Integer Interpolation", #"{"mph": 85}"#, #""{{&mph}} miles an hour!""#, #""85 miles an hour!""#),
        SpecCase("Basic Decimal Interpolation", #"{"power": 1.210}"#, #""{{power}} jiggawatts!""#, #""1.21 jiggawatts!""#),
        SpecCase(
            "Triple Mustache Decimal Interpolation", #"{"power": 1.210}"#, #""{{{power}}} jiggawatts!""#,
            #""1.21 jiggawatts!""#),
        SpecCase("Basic Null Interpolation", #"{"cannot": null}"#, "I ({{cannot}}) be seen!", "I () be seen!"),
        SpecCase("Triple Mustache Null Interpolation", #"{"cannot": null}"#, "I ({{{cannot}}}) be seen!", "I () be seen!"),
        SpecCase("Basic Context Miss Interpolation", "{}", "I ({{cannot}}) be seen!", "I () be seen!"),
        SpecCase("Triple Mustache Context Miss Interpolation", "{}", "I ({{{cannot}}}) be seen!", "I () be seen!"),
        SpecCase("Ampersand Context Miss Interpolation", "{}", "I ({{&cannot}}) be seen!", "I () be seen!"),
        SpecCase(
            "Dotted Names - Basic Interpolation", #"{"person": {"name": "Joe"}}"#,
            #""{{person.name}}" == "{{#person}}{{name}}{{/person}}""#, #""Joe" == "Joe""#),
        SpecCase(
            "Dotted Names - Triple Mustache Interpolation", #"{"person": {"name": "Joe"}}"#,
            #""{{{person.name}}}" == "{{#person}}{{{name}}}{{/person}}""#, #""Joe" == "Joe""#),
        SpecCase(
            "Dotted Names - Arbitrary Depth", #"{"a": {"b": {"c": {"d": {"e": {"name": "Phil"}}}}}}"#,
            #""{{a.b.c.d.e.name}}" == "Phil""#, #""Phil" == "Phil""#),
        SpecCase("Dotted Names - Broken Chains", #"{"a": {}}"#, #""{{a.b.c}}" == """#, #""" == """#),
        SpecCase(
            "Dotted Names - Broken Chain Resolution", #"{"a": {"b": {}}, "c": {"name": "Jim"}}"#,
            #""{{a.b.c.name}}" == """#, #""" == """#),
        SpecCase(
            "Dotted Names - Initial Resolution",
            #"{"a": {"b": {"c": {"d": {"e": {"name": "Phil"}}}}}, "b": {"c": {"d": {"e": {"name": "Wrong"}}}}}"#,
            #""{{#a}}{{b.c.d.e.name}}{{/a}}" == "Phil""#, #""Phil" == "Phil""#),
        SpecCase(
            "Dotted Names - Leading Dot", #"{"a": {}, "b": {"name": "Name"}, "name": "Fail"}"#,
            "{{#a}}{{.name}}{{/a}}{{#b}}{{.name}}{{/b}}", "Name"),
        SpecCase("Dotted Names - Context Precedence", #"{"a": {"b": {}}, "b": {"c": "ERROR"}}"#, "{{#a}}{{b.c}}{{/a}}", ""),
        SpecCase("Implicit Iterators - Basic Interpolation", #""world""#, "Hello, {{.}}!\n", "Hello, world!\n"),
        SpecCase("Implicit Iterators - Basic Integer Interpolation", "85", #""{{.}} miles an hour!""#, #""85 miles an hour!""#),
        SpecCase("Interpolation - Surrounding Whitespace", #"{"string": "---"}"#, "| {{string}} |", "| --- |"),
        SpecCase("Triple Mustache - Surrounding Whitespace", #"{"string": "---"}"#, "| {{{string}}} |", "| --- |"),
        SpecCase("Ampersand - Surrounding Whitespace", #"{"string": "---"}"#, "| {{&string}} |", "| --- |"),
        SpecCase("Interpolation - Standalone", #"{"string": "---"}"#, "  {{string}}\n", "  ---\n"),
        SpecCase("Triple Mustache - Standalone", #"{"string": "---"}"#, "  {{{string}}}\n", "  ---\n"),
        SpecCase("Ampersand - Standalone", #"{"string": "---"}"#, "  {{&string}}\n", "  ---\n"),
        SpecCase("Interpolation With Padding", #"{"string": "---"}"#, "|{{ string }}|", "|---|"),
        SpecCase("Triple Mustache With Padding", #"{"string": "---"}"#, "|{{{ string }}}|", "|---|"),
        SpecCase("Ampersand With Padding", #"{"string": "---"}"#, "|{{& string }}|", "|---|"),
    ]

    static let sectionsCases: [SpecCase] = [
        SpecCase(
            "Truthy", #"{"boolean": true}"#, #""{{#boolean}}This should be rendered.{{/boolean}}""#,
            #""This should be rendered.""#),
        SpecCase("Falsey", #"{"boolean": false}"#, #""{{#boolean}}This should not be rendered.{{/boolean}}""#, #""""#),
        SpecCase("Null is falsey", #"{"null": null}"#, #""{{#null}}This should not be rendered.{{/null}}""#, #""""#),
        SpecCase("Context", #"{"context": {"name": "Joe"}}"#, #""{{#context}}Hi {{name}}.{{/context}}""#, #""Hi Joe.""#),
        SpecCase(
            "Parent contexts", #"{"a": "foo", "b": "wrong", "sec": {"b": "bar"}, "c": {"d": "baz"}}"#,
            #""{{#sec}}{{a}}, {{b}}, {{c.d}}{{/sec}}""#, #""foo, bar, baz""#),
        SpecCase("Variable test", #"{"foo": "bar"}"#, #""{{#foo}}{{.}} is {{foo}}{{/foo}}""#, #""bar is bar""#),
        SpecCase(
            "List Contexts",
            #"{"tops": [{"tname": {"upper": "A", "lower": "a"}, "middles": [{"mname": "1", "bottoms": [{"bname": "x"}, {"bname": "y"}]}]}]}"#,
            "{{#tops}}{{#middles}}{{tname.lower}}{{mname}}.{{#bottoms}}{{tname.upper}}{{mname}}{{bname}}.{{/bottoms}}{{/middles}}{{/tops}}",
            "a1.A1x.A1y."),
        SpecCase(
            "Deeply Nested Contexts",
            #"{"a": {"one": 1}, "b": {"two": 2}, "c": {"three": 3, "d": {"four": 4, "five": 5}}}"#,
            """
            {{#a}}
            {{one}}
            {{#b}}
            {{one}}{{two}}{{one}}
            {{#c}}
            {{one}}{{two}}{{three}}{{two}}{{one}}
            {{#d}}
            {{one}}{{two}}{{three}}{{four}}{{three}}{{two}}{{one}}
            {{#five}}
            {{one}}{{two}}{{three}}{{four}}{{five}}{{four}}{{three}}{{two}}{{one}}
            {{one}}{{two}}{{three}}{{four}}{{.}}6{{.}}{{four}}{{three}}{{two}}{{one}}
            {{one}}{{two}}{{three}}{{four}}{{five}}{{four}}{{three}}{{two}}{{one}}
            {{/five}}
            {{one}}{{two}}{{three}}{{four}}{{three}}{{two}}{{one}}
            {{/d}}
            {{one}}{{two}}{{three}}{{two}}{{one}}
            {{/c}}
            {{one}}{{two}}{{one}}
            {{/b}}
            {{one}}
            {{/a}}

            """,
            "1\n121\n12321\n1234321\n123454321\n12345654321\n123454321\n1234321\n12321\n121\n1\n"),
        SpecCase("List", #"{"list": [{"item": 1}, {"item": 2}, {"item": 3}]}"#, #""{{#list}}{{item}}{{/list}}""#, #""123""#),
        SpecCase("Empty List", #"{"list": []}"#, #""{{#list}}Yay lists!{{/list}}""#, #""""#),
        SpecCase("Strings Not Lists", #"{"section": "123"}"#, #""{{#section}}foo{{/section}}""#, #""foo""#),
        SpecCase(
            "Doubled", #"{"bool": true, "two": "second"}"#,
            "{{#bool}}\n* first\n{{/bool}}\n* {{two}}\n{{#bool}}\n* third\n{{/bool}}\n", "* first\n* second\n* third\n"),
        SpecCase(
            "Nested (Truthy)", #"{"bool": true}"#, "| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |", "| A B C D E |"),
        SpecCase("Nested (Falsey)", #"{"bool": false}"#, "| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |", "| A  E |"),
        SpecCase("Context Misses", "{}", "[{{#missing}}Found key 'missing'!{{/missing}}]", "[]"),
        SpecCase("Implicit Iterator - String", #"{"list": ["a", "b", "c", "d", "e"]}"#, #""{{#list}}({{.}}){{/list}}""#, #""(a)(b)(c)(d)(e)""#),
        SpecCase("Implicit Iterator - Integer", #"{"list": [1, 2, 3, 4, 5]}"#, #""{{#list}}({{.}}){{/list}}""#, #""(1)(2)(3)(4)(5)""#),
        SpecCase(
            "Implicit Iterator - Decimal", #"{"list": [1.10, 2.20, 3.30, 4.40, 5.50]}"#, #""{{#list}}({{.}}){{/list}}""#,
            #""(1.1)(2.2)(3.3)(4.4)(5.5)""#),
        SpecCase(
            "Implicit Iterator - Array", #"{"list": [[1, 2, 3], ["a", "b", "c"]]}"#, #""{{#list}}({{#.}}{{.}}{{/.}}){{/list}}""#,
            #""(123)(abc)""#),
        SpecCase(
            "Dotted Names - Truthy", #"{"a": {"b": {"c": true}}}"#, #""{{#a.b.c}}Here{{/a.b.c}}" == "Here""#,
            #""Here" == "Here""#),
        SpecCase("Dotted Names - Falsey", #"{"a": {"b": {"c": false}}}"#, #""{{#a.b.c}}Here{{/a.b.c}}" == """#, #""" == """#),
        SpecCase("Dotted Names - Broken Chains", #"{"a": {}}"#, #""{{#a.b.c}}Here{{/a.b.c}}" == """#, #""" == """#),
        SpecCase("Surrounding Whitespace", #"{"boolean": true}"#, " | {{#boolean}}\t|\t{{/boolean}} | \n", " | \t|\t | \n"),
        SpecCase(
            "Internal Whitespace", #"{"boolean": true}"#, " | {{#boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n",
            " |  \n  | \n"),
        SpecCase(
            "Indented Inline Sections", #"{"boolean": true}"#, " {{#boolean}}YES{{/boolean}}\n {{#boolean}}GOOD{{/boolean}}\n",
            " YES\n GOOD\n"),
        SpecCase(
            "Standalone Lines", #"{"boolean": true}"#, "| This Is\n{{#boolean}}\n|\n{{/boolean}}\n| A Line\n",
            "| This Is\n|\n| A Line\n"),
        SpecCase(
            "Indented Standalone Lines", #"{"boolean": true}"#, "| This Is\n  {{#boolean}}\n|\n  {{/boolean}}\n| A Line\n",
            "| This Is\n|\n| A Line\n"),
        SpecCase("Standalone Line Endings", #"{"boolean": true}"#, "|\r\n{{#boolean}}\r\n{{/boolean}}\r\n|", "|\r\n|"),
        SpecCase("Standalone Without Previous Line", #"{"boolean": true}"#, "  {{#boolean}}\n#{{/boolean}}\n/", "#\n/"),
        SpecCase("Standalone Without Newline", #"{"boolean": true}"#, "#{{#boolean}}\n/\n  {{/boolean}}", "#\n/\n"),
        SpecCase("Padding", #"{"boolean": true}"#, "|{{# boolean }}={{/ boolean }}|", "|=|"),
    ]

    static let invertedCases: [SpecCase] = [
        SpecCase(
            "Falsey", #"{"boolean": false}"#, #""{{^boolean}}This should be rendered.{{/boolean}}""#,
            #""This should be rendered.""#),
        SpecCase(
            "Null is falsey", #"{"null": null}"#, #""{{^null}}This should be rendered.{{/null}}""#,
            #""This should be rendered.""#),
        SpecCase("Truthy", #"{"boolean": true}"#, #""{{^boolean}}This should not be rendered.{{/boolean}}""#, #""""#),
        SpecCase("Context", #"{"context": {"name": "Joe"}}"#, #""{{^context}}Hi {{name}}.{{/context}}""#, #""""#),
        SpecCase("List", #"{"list": [{"n": 1}, {"n": 2}, {"n": 3}]}"#, #""{{^list}}{{n}}{{/list}}""#, #""""#),
        SpecCase("Empty List", #"{"list": []}"#, #""{{^list}}Yay lists!{{/list}}""#, #""Yay lists!""#),
        SpecCase(
            "Doubled", #"{"bool": false, "two": "second"}"#,
            "{{^bool}}\n* first\n{{/bool}}\n* {{two}}\n{{^bool}}\n* third\n{{/bool}}\n", "* first\n* second\n* third\n"),
        SpecCase("Nested (Falsey)", #"{"bool": false}"#, "| A {{^bool}}B {{^bool}}C{{/bool}} D{{/bool}} E |", "| A B C D E |"),
        SpecCase("Nested (Truthy)", #"{"bool": true}"#, "| A {{^bool}}B {{^bool}}C{{/bool}} D{{/bool}} E |", "| A  E |"),
        SpecCase("Context Misses", "{}", "[{{^missing}}Found key 'missing'!{{/missing}}]", "[Found key 'missing'!]"),
        SpecCase(
            "Dotted Names - Truthy", #"{"a": {"b": {"c": true}}}"#, #""{{^a.b.c}}Not Here{{/a.b.c}}" == """#, #""" == """#),
        SpecCase(
            "Dotted Names - Falsey", #"{"a": {"b": {"c": false}}}"#, #""{{^a.b.c}}Not Here{{/a.b.c}}" == "Not Here""#,
            #""Not Here" == "Not Here""#),
        SpecCase(
            "Dotted Names - Broken Chains", #"{"a": {}}"#, #""{{^a.b.c}}Not Here{{/a.b.c}}" == "Not Here""#,
            #""Not Here" == "Not Here""#),
        SpecCase("Surrounding Whitespace", #"{"boolean": false}"#, " | {{^boolean}}\t|\t{{/boolean}} | \n", " | \t|\t | \n"),
        SpecCase(
            "Internal Whitespace", #"{"boolean": false}"#, " | {{^boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n",
            " |  \n  | \n"),
        SpecCase(
            "Indented Inline Sections", #"{"boolean": false}"#, " {{^boolean}}NO{{/boolean}}\n {{^boolean}}WAY{{/boolean}}\n",
            " NO\n WAY\n"),
        SpecCase(
            "Standalone Lines", #"{"boolean": false}"#, "| This Is\n{{^boolean}}\n|\n{{/boolean}}\n| A Line\n",
            "| This Is\n|\n| A Line\n"),
        SpecCase(
            "Standalone Indented Lines", #"{"boolean": false}"#, "| This Is\n  {{^boolean}}\n|\n  {{/boolean}}\n| A Line\n",
            "| This Is\n|\n| A Line\n"),
        SpecCase("Standalone Line Endings", #"{"boolean": false}"#, "|\r\n{{^boolean}}\r\n{{/boolean}}\r\n|", "|\r\n|"),
        SpecCase("Standalone Without Previous Line", #"{"boolean": false}"#, "  {{^boolean}}\n^{{/boolean}}\n/", "^\n/"),
        SpecCase("Standalone Without Newline", #"{"boolean": false}"#, "^{{^boolean}}\n/\n  {{/boolean}}", "^\n/\n"),
        SpecCase("Padding", #"{"boolean": false}"#, "|{{^ boolean }}={{/ boolean }}|", "|=|"),
    ]

    static let commentsCases: [SpecCase] = [
        SpecCase("Inline", "{}", "12345{{! Comment Block! }}67890", "1234567890"),
        SpecCase("Multiline", "{}", "12345{{!\n  This is a\n  multi-line comment...\n}}67890\n", "1234567890\n"),
        SpecCase("Standalone", "{}", "Begin.\n{{! Comment Block! }}\nEnd.\n", "Begin.\nEnd.\n"),
        SpecCase("Indented Standalone", "{}", "Begin.\n  {{! Indented Comment Block! }}\nEnd.\n", "Begin.\nEnd.\n"),
        SpecCase("Standalone Line Endings", "{}", "|\r\n{{! Standalone Comment }}\r\n|", "|\r\n|"),
        SpecCase("Standalone Without Previous Line", "{}", "  {{! I'm Still Standalone }}\n!", "!"),
        SpecCase("Standalone Without Newline", "{}", "!\n  {{! I'm Still Standalone }}", "!\n"),
        SpecCase("Multiline Standalone", "{}", "Begin.\n{{!\nSomething's going on here...\n}}\nEnd.\n", "Begin.\nEnd.\n"),
        SpecCase(
            "Indented Multiline Standalone", "{}", "Begin.\n  {{!\n    Something's going on here...\n  }}\nEnd.\n",
            "Begin.\nEnd.\n"),
        SpecCase("Indented Inline", "{}", "  12 {{! 34 }}\n", "  12 \n"),
        SpecCase("Surrounding Whitespace", "{}", "12345 {{! Comment Block! }} 67890", "12345  67890"),
        SpecCase(
            "Variable Name Collision", #"{"! comment": 1, "! comment ": 2, "!comment": 3, "comment": 4}"#,
            "comments never show: >{{! comment }}<", "comments never show: ><"),
    ]

    @Test(arguments: interpolationCases) func interpolation(_ spec: SpecCase) throws {
        try check(spec)
    }

    @Test(arguments: sectionsCases) func sections(_ spec: SpecCase) throws {
        try check(spec)
    }

    @Test(arguments: invertedCases) func inverted(_ spec: SpecCase) throws {
        try check(spec)
    }

    @Test(arguments: commentsCases) func comments(_ spec: SpecCase) throws {
        try check(spec)
    }

    private func check(_ spec: SpecCase) throws {
        let template = try MustacheTemplate.parse(spec.template, name: spec.name)
        #expect(template.render(try specContext(spec.data)) == spec.expected)
    }
}
