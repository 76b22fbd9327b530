import Testing

@testable import InspectConfig

/// A compact, unambiguous-enough rendering of parsed TOML for table-driven expectations:
/// strings in quotes (unescaped), `i:` integers, `f:` floats, `dt:` date-times,
/// arrays in `[...]`, tables in `{key=value,...}` in document order.
func plain(_ value: TOMLValue) -> String {
    switch value.kind {
    case .string(let text): "\"\(text)\""
    case .integer(let number): "i:\(number)"
    case .float(let number): "f:\(number)"
    case .boolean(let flag): "\(flag)"
    case .dateTime(let dateTime): "dt:\(dateTime)"
    case .array(let elements): "[" + elements.map(plain).joined(separator: ",") + "]"
    case .table(let table): plain(table)
    }
}

func plain(_ table: TOMLTable) -> String {
    "{" + table.entries.map { "\($0.key)=\(plain($0.value))" }.joined(separator: ",") + "}"
}

func parsePlain(_ text: String) throws -> String {
    plain(try TOMLDocument.parse(text, file: "test.toml").root)
}

struct ValidTOML: CustomTestStringConvertible, Sendable {
    var text: String
    var expected: String
    var testDescription: String { text.debugDescription }

    init(_ text: String, _ expected: String) {
        self.text = text
        self.expected = expected
    }
}

let validDocuments: [ValidTOML] = [
    // comments, whitespace, empty
    .init("", "{}"),
    .init("# only a comment\n\n   \t\n", "{}"),
    .init("a = 1 # trailing comment\n", "{a=i:1}"),
    .init("a = 1", "{a=i:1}"),
    .init("\u{FEFF}a = 1\n", "{a=i:1}"),
    // keys
    .init("bare_key-1 = 1\n1234 = 2\n", "{bare_key-1=i:1,1234=i:2}"),
    .init("\"quoted key\" = 1\n'literal \"key\"' = 2\n\"\" = 3\n", "{quoted key=i:1,literal \"key\"=i:2,=i:3}"),
    .init("a.b.c = 1\na . \"b\" . d = 2\n", "{a={b={c=i:1,d=i:2}}}"),
    .init("3.14159 = \"pi\"\n", "{3={14159=\"pi\"}}"),
    .init("\"名称\" = \"示范区\"\n", "{名称=\"示范区\"}"),
    // strings
    .init(
        #"s = "tab\there \"q\" back\\slash \u00E9 \U0001F600 \b\f\r\n""#,
        "{s=\"tab\there \"q\" back\\slash é 😀 \u{08}\u{0C}\r\n\"}"),
    .init("s = 'C:\\Users\\nodejs\\templates'\n", "{s=\"C:\\Users\\nodejs\\templates\"}"),
    .init("s = \"\"\"\nRoses\nViolets\"\"\"\n", "{s=\"Roses\nViolets\"}"),
    .init("s = \"\"\"\r\nline one\r\nline two\"\"\"\r\n", "{s=\"line one\nline two\"}"),
    .init("s = \"\"\"\\\n   The quick \\\n\n   brown\"\"\"\n", "{s=\"The quick brown\"}"),
    .init("s = \"\"\"two \"\"quotes\"\" end\"\"\"\"\"\n", "{s=\"two \"\"quotes\"\" end\"\"\"}"),
    .init("s = '''\nraw \\n 'one' ''quote'''\n", "{s=\"raw \\n 'one' ''quote\"}"),
    .init("s = ''''x'''''\n", "{s=\"'x''\"}"),
    .init("s = \"\u{4E2D}\u{6587}：环境保护\"\n", "{s=\"中文：环境保护\"}"),
    // integers
    .init(
        "a = +99\nb = 42\nc = 0\nd = -17\ne = 1_000\nf = 5_349_221\n",
        "{a=i:99,b=i:42,c=i:0,d=i:-17,e=i:1000,f=i:5349221}"),
    .init("h = 0xDEAD_beef\no = 0o755\nb = 0b1101_0110\n", "{h=i:3735928559,o=i:493,b=i:214}"),
    .init(
        "max = 9223372036854775807\nmin = -9223372036854775808\n",
        "{max=i:9223372036854775807,min=i:-9223372036854775808}"),
    .init("z = -0\np = +0\n", "{z=i:0,p=i:0}"),
    // floats
    .init(
        "a = +1.0\nb = 3.1415\nc = -0.01\nd = 5e+22\ne = 1e06\nf = -2E-2\ng = 6.626e-34\nh = 224_617.445_991\n",
        "{a=f:1.0,b=f:3.1415,c=f:-0.01,d=f:5e+22,e=f:1000000.0,f=f:-0.02,g=f:6.626e-34,h=f:224617.445991}"),
    .init("a = inf\nb = +inf\nc = -inf\n", "{a=f:inf,b=f:inf,c=f:-inf}"),
    .init("a = 0e0\nb = 0.0\n", "{a=f:0.0,b=f:0.0}"),
    // booleans
    .init("t = true\nf = false\n", "{t=true,f=false}"),
    // date-times
    .init(
        "a = 1979-05-27T07:32:00Z\nb = 1979-05-27T00:32:00-07:00\nc = 1979-05-27T00:32:00.999999+08:00\n",
        "{a=dt:1979-05-27T07:32:00Z,b=dt:1979-05-27T00:32:00-07:00,c=dt:1979-05-27T00:32:00.999999+08:00}"),
    .init(
        "a = 1979-05-27 07:32:00Z\nb = 1979-05-27t07:32:00\n", "{a=dt:1979-05-27T07:32:00Z,b=dt:1979-05-27T07:32:00}"),
    .init("d = 2024-02-29\nt = 07:32:00\nu = 00:32:00.5\n", "{d=dt:2024-02-29,t=dt:07:32:00,u=dt:00:32:00.5}"),
    .init("d = 1979-05-27 # a date, then a comment\n", "{d=dt:1979-05-27}"),
    // arrays
    .init(
        "a = []\nb = [1, 2, 3]\nc = [\"a\", 'b']\nd = [[1, 2], [\"x\"]]\ne = [1, \"mixed\", 2.5]\n",
        "{a=[],b=[i:1,i:2,i:3],c=[\"a\",\"b\"],d=[[i:1,i:2],[\"x\"]],e=[i:1,\"mixed\",f:2.5]}"),
    .init("a = [\n  1, # one\n  2,\n  # a comment line\n  3, # trailing comma\n]\n", "{a=[i:1,i:2,i:3]}"),
    .init("a = [\r\n  \"x\",\r\n  \"y\"\r\n]\r\n", "{a=[\"x\",\"y\"]}"),
    .init("a = [ { x = 1 }, { y = 2 } ]\n", "{a=[{x=i:1},{y=i:2}]}"),
    // inline tables
    .init("p = { x = 1, y = \"two\" }\ne = {}\n", "{p={x=i:1,y=\"two\"},e={}}"),
    .init("p = { a.b = 1, a.c = 2 }\n", "{p={a={b=i:1,c=i:2}}}"),
    // tables
    .init("[a]\nx = 1\n[b]\ny = 2\n", "{a={x=i:1},b={y=i:2}}"),
    .init("[ a . \"b c\" ]\nx = 1\n", "{a={b c={x=i:1}}}"),
    .init("[x.y.z.w]\n[x]\na = 1\n", "{x={y={z={w={}}},a=i:1}}"),
    .init(
        "[fruit]\napple.color = \"red\"\napple.taste.sweet = true\n[fruit.apple.texture]\nsmooth = true\n",
        "{fruit={apple={color=\"red\",taste={sweet=true},texture={smooth=true}}}}"),
    .init("top = 1\n[a]\nb = 2\n", "{top=i:1,a={b=i:2}}"),
    // arrays of tables
    .init("[[p]]\nname = \"a\"\n[[p]]\n[[p]]\nname = \"c\"\n", "{p=[{name=\"a\"},{},{name=\"c\"}]}"),
    .init(
        "[[fruits]]\nname = \"apple\"\n[fruits.physical]\ncolor = \"red\"\n[[fruits.varieties]]\nname = \"red delicious\"\n[[fruits.varieties]]\nname = \"granny smith\"\n[[fruits]]\nname = \"banana\"\n[[fruits.varieties]]\nname = \"plantain\"\n",
        "{fruits=[{name=\"apple\",physical={color=\"red\"},varieties=[{name=\"red delicious\"},{name=\"granny smith\"}]},{name=\"banana\",varieties=[{name=\"plantain\"}]}]}"
    ),
    // CRLF throughout
    .init(
        "[district]\r\nname = \"示范区\" # 区名\r\ntimezone = \"Asia/Shanghai\"\r\n",
        "{district={name=\"示范区\",timezone=\"Asia/Shanghai\"}}"),
]

@Test("valid TOML parses", arguments: validDocuments)
func validTOML(_ document: ValidTOML) throws {
    #expect(try parsePlain(document.text) == document.expected)
}

@Test func nanIsAFloat() throws {
    let root = try TOMLDocument.parse("a = nan\nb = -nan\nc = +nan\n", file: "t.toml").root
    for key in ["a", "b", "c"] {
        #expect(root[key]?.float?.isNaN == true)
    }
}

struct InvalidTOML: CustomTestStringConvertible, Sendable {
    var text: String
    var line: Int
    var column: Int
    var message: String
    var testDescription: String { text.debugDescription }

    init(_ text: String, _ line: Int, _ column: Int, _ message: String) {
        self.text = text
        self.line = line
        self.column = column
        self.message = message
    }
}

let invalidDocuments: [InvalidTOML] = [
    // structure
    .init("socket_path \"/run\"\n", 1, 13, "expected '=' after key \"socket_path\", found '\"'"),
    .init("[daemon]\n\n  socket_path\n", 3, 14, "expected '=' after key \"socket_path\", found the end of the line"),
    .init("a = 1 b = 2\n", 1, 7, "expected a new line after the value, found 'b'"),
    .init("a =\n", 1, 4, "expected a value for key \"a\""),
    .init("a = # nothing\n", 1, 5, "expected a value for key \"a\""),
    .init("= 1\n", 1, 1, "expected a key, found '='; bare keys use only A-Z a-z 0-9 _ -, other keys need quotes"),
    .init("a.= 1\n", 1, 3, "expected a key, found '='; bare keys use only A-Z a-z 0-9 _ -, other keys need quotes"),
    .init("名 = 1\n", 1, 1, "expected a key, found '名'; bare keys use only A-Z a-z 0-9 _ -, other keys need quotes"),
    .init("a = 1\r\rb = 2\n", 1, 6, "a carriage return must be followed by a line feed (CRLF)"),
    .init("a = \"\"\"x\"\"\" = 1\n", 1, 13, "expected a new line after the value, found '='"),
    .init("\"\"\"k\"\"\" = 1\n", 1, 1, "a key cannot be a multi-line string"),
    .init("a = value\n", 1, 5, "expected a value for key \"a\", found value; text needs quotes: \"value\""),
    .init(
        "[daemon]\nlog_level = info\n", 2, 13,
        "expected a value for key \"daemon.log_level\", found info; text needs quotes: \"info\""),
    .init("a = tru\n", 1, 5, "expected a value for key \"a\", found tru; text needs quotes: \"tru\""),
    .init("a = trueish\n", 1, 5, "expected a value for key \"a\", found trueish; text needs quotes: \"trueish\""),
    .init("a = [true, nope]\n", 1, 12, "expected a value for key \"a\", found nope; text needs quotes: \"nope\""),
    .init("a = 名字\n", 1, 5, "expected a value for key \"a\", found '名'"),
    .init("# bell \u{07} in a comment\n", 1, 8, "control character U+0007 is not allowed in a comment"),
    // strings
    .init(
        "a = \"open\nb = 1\n", 1, 10,
        "unterminated string; a \"basic string\" must end on its line (use \"\"\" for several lines)"),
    .init(
        "a = 'open\n", 1, 10, "unterminated string; a 'literal string' must end on its line (use ''' for several lines)"
    ),
    .init("a = \"\"\"never closed\n", 2, 1, "unterminated multi-line string; expected '\"\"\"'"),
    .init("a = \"bad \\q escape\"\n", 1, 10, "unknown escape \\q; use \\\\ for a backslash"),
    .init("a = \"\\u12\"\n", 1, 6, "\\u must be followed by 4 hexadecimal digits"),
    .init(
        "a = \"\\uD800\"\n", 1, 6,
        "escape is not a Unicode scalar value (surrogates and values above 10FFFF are not allowed)"),
    .init(
        "a = \"\\U00110000\"\n", 1, 6,
        "escape is not a Unicode scalar value (surrogates and values above 10FFFF are not allowed)"),
    .init("a = \"tab\u{01}\"\n", 1, 9, "control character U+0001 is not allowed in a string"),
    .init("a = \"\"\"x\"\"\"\"\"\"\n", 1, 9, "too many quotes in a row at the end of a multi-line string"),
    // numbers
    .init("a = 012\n", 1, 5, "leading zeros are not allowed in \"012\"; write 0o for octal"),
    .init("a = 1__000\n", 1, 5, "invalid number \"1__000\""),
    .init("a = _1\n", 1, 5, "expected a value for key \"a\", found '_'"),
    .init("a = 1_\n", 1, 5, "invalid number \"1_\""),
    .init("a = +0x10\n", 1, 5, "hexadecimal integers cannot have a sign: \"+0x10\""),
    .init("a = 0xG\n", 1, 5, "invalid hexadecimal integer \"0xG\""),
    .init("a = 0o8\n", 1, 5, "invalid octal integer \"0o8\""),
    .init("a = 9223372036854775808\n", 1, 5, "integer \"9223372036854775808\" does not fit in 64 bits"),
    .init("a = 1.\n", 1, 5, "invalid float \"1.\"; a decimal point needs digits on both sides"),
    .init("a = .5\n", 1, 5, "expected a value for key \"a\", found '.'"),
    .init("a = 1e\n", 1, 5, "invalid float \"1e\"; the exponent needs digits"),
    .init("a = 1e999\n", 1, 5, "float \"1e999\" is out of range"),
    // date-times
    .init("d = 2023-02-29\n", 1, 5, "invalid date or time \"2023-02-29\""),
    .init("d = 1979-13-01\n", 1, 5, "invalid date or time \"1979-13-01\""),
    .init("t = 24:00:00\n", 1, 5, "invalid date or time \"24:00:00\""),
    .init("t = 07:32\n", 1, 5, "invalid date or time \"07:32\""),
    .init("t = 07:32:00Z\n", 1, 5, "invalid date or time \"07:32:00Z\""),
    .init("d = 1979-05-27T07:32:00+8:00\n", 1, 5, "invalid date or time \"1979-05-27T07:32:00+8:00\""),
    // arrays and inline tables
    .init("a = [1, 2\n", 2, 1, "unterminated array; expected ']'"),
    .init("a = [1 2]\n", 1, 8, "expected ',' or ']' in array, found '2'"),
    .init("a = [1,,2]\n", 1, 8, "expected a value for key \"a\", found ','"),
    .init("a = { x = 1, }\n", 1, 14, "an inline table cannot end with a comma"),
    .init("a = { x = 1\n}\n", 1, 12, "an inline table must close with '}' on the same line"),
    .init("a = { x = 1 y = 2 }\n", 1, 13, "expected ',' or '}' in inline table, found 'y'"),
    .init("a = { x = 1, x = 2 }\n", 1, 14, "key \"a.x\" is defined twice; it was first defined at line 1"),
    // redefinition
    .init("name = 1\nname = 2\n", 2, 1, "key \"name\" is defined twice; it was first defined at line 1"),
    .init(
        "[district]\nname = \"a\"\n\n[district]\n", 4, 1,
        "table [district] is defined twice; it was already defined at line 1"),
    .init("[a]\nb = 1\n[a.b]\n", 3, 1, "cannot define table [a.b]: key \"a.b\" is already an integer (line 2)"),
    .init("a.b = 1\n[a]\n", 2, 1, "table [a] is defined twice; it was already defined by dotted keys at line 1"),
    .init(
        "[fruit]\napple.color = \"red\"\n[fruit.apple]\n", 3, 1,
        "table [fruit.apple] is defined twice; it was already defined by dotted keys at line 2"),
    .init("a = { b = 1 }\n[a.c]\n", 2, 2, "cannot define table [a.c]: key \"a\" is already a table (line 1)"),
    .init("a = { b = 1 }\na.c = 2\n", 2, 1, "cannot add key \"a.c\": key \"a\" is already a table (line 1)"),
    .init(
        "[a.b.c]\nz = 9\n[a]\nb.c.t = 1\n", 4, 1,
        "cannot add key \"a.b.c.t\": table [a.b] was already defined at line 1; add the key under that table"),
    .init("a = [1]\n[[a]]\n", 2, 1, "cannot define array of tables [[a]]: key \"a\" is already an array (line 1)"),
    .init("[a]\n[[a]]\n", 2, 1, "cannot define array of tables [[a]]: [a] is already a table (line 1)"),
    .init("[[a]]\n[a]\n", 2, 1, "cannot define table [a]: it is already an array of tables (line 1)"),
    .init("[a\n", 1, 3, "expected ']' to close table header [a]"),
    .init("[[a]\n", 1, 5, "expected ']]' to close array of tables [[a]]"),
    .init("[a] x = 1\n", 1, 5, "expected a new line after the table header, found 'x'"),
    .init("[a]]\n", 1, 4, "expected a new line after the table header, found ']'"),
    // positions count characters, not bytes, and CRLF counts as one line ending
    .init("\"名称\" = \"示范区\" 多余\n", 1, 14, "expected a new line after the value, found '多'"),
    .init("a = 1\r\nb = 2\r\nc = 3 4\r\n", 3, 7, "expected a new line after the value, found '4'"),
    .init("s = \"\"\"\r\n一\r\n二\"\"\" x\r\n", 3, 6, "expected a new line after the value, found 'x'"),
]

@Test("invalid TOML is reported with file, line and column", arguments: invalidDocuments)
func invalidTOML(_ document: InvalidTOML) {
    #expect(
        throws: TOMLError(
            file: "inspectd.toml", line: document.line, column: document.column, message: document.message)
    ) {
        try TOMLDocument.parse(document.text, file: "inspectd.toml")
    }
}

@Test func errorDescriptionReadsLikeACompilerMessage() {
    let error = TOMLError(file: "inspectd.toml", line: 12, column: 5, message: "expected '=' after key \"socket_path\"")
    #expect(error.description == "inspectd.toml:12:5: expected '=' after key \"socket_path\"")
}

@Test func valuesCarryPositionAndKeyPath() throws {
    let text = """
        title = "x"

        [daemon]
        log_level = "info"
        "odd key".nested = 1
        groups = [
          "a",
            "b",
        ]

        [[site]]
        name = "一号"
        [[site]]
          name = "二号"
        """
    let root = try TOMLDocument.parse(text, file: "t.toml").root
    #expect(root["title"]?.position == TOMLPosition(line: 1, column: 9))
    let daemon = try #require(root["daemon"])
    #expect(daemon.position == TOMLPosition(line: 3, column: 2))
    #expect(daemon.keyPath == ["daemon"])
    let logLevel = try #require(daemon.table?["log_level"])
    #expect(logLevel.position == TOMLPosition(line: 4, column: 13))
    #expect(logLevel.key == "daemon.log_level")
    let nested = try #require(daemon.table?["odd key"]?.table?["nested"])
    #expect(nested.key == "daemon.\"odd key\".nested")
    #expect(nested.line == 5)
    let groups = try #require(daemon.table?["groups"]?.array)
    #expect(groups.map(\.position) == [TOMLPosition(line: 7, column: 3), TOMLPosition(line: 8, column: 5)])
    #expect(groups.allSatisfy { $0.keyPath == ["daemon", "groups"] })
    let sites = try #require(root["site"]?.array)
    #expect(sites.map(\.line) == [11, 13])
    #expect(sites[1].table?["name"]?.position == TOMLPosition(line: 14, column: 10))
    #expect(sites[1].table?["name"]?.keyPath == ["site", "name"])
}

@Test func dateTimeComponents() throws {
    let root = try TOMLDocument.parse("a = 2024-06-01T08:30:15.25+08:00\nb = 23:59:60\n", file: "t.toml").root
    let a = try #require(root["a"]?.dateTime)
    #expect(a.date == TOMLDateTime.Date(year: 2024, month: 6, day: 1))
    #expect(a.time == TOMLDateTime.Time(hour: 8, minute: 30, second: 15, nanosecond: 250_000_000))
    #expect(a.offsetMinutes == 480)
    #expect(a.typeDescription == "an offset date-time")
    let b = try #require(root["b"]?.dateTime)
    #expect(b.date == nil)
    #expect(b.typeDescription == "a local time")
}

@Test func documentOrderIsKept() throws {
    let root = try TOMLDocument.parse("z = 1\na = 2\nm = 3\n", file: "t.toml").root
    #expect(root.keys == ["z", "a", "m"])
}

@Test func quotedKeysAndStringsRoundTrip() throws {
    let samples = ["plain", "with \"quotes\"", "back\\slash", "line\nbreak", "tab\there", "bell\u{07}", "中文 区名", ""]
    for sample in samples {
        let text = "\(TOMLKey.quoted(sample)) = \(TOMLKey.quoted(sample))\n"
        let root = try TOMLDocument.parse(text, file: "t.toml").root
        #expect(root[sample]?.string == sample)
    }
}

@Test func deepNestingIsAnErrorNotACrash() throws {
    let depth = TOMLParser.maximumNesting
    #expect(throws: Never.self) {
        try TOMLDocument.parse(
            "a = " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth), file: "t.toml")
    }
    #expect(
        throws: TOMLError(
            file: "t.toml", line: 1, column: 5 + depth,
            message: "arrays and inline tables are nested more than \(depth) deep")
    ) {
        try TOMLDocument.parse("a = " + String(repeating: "[", count: 100_000), file: "t.toml")
    }
    #expect(throws: TOMLError.self) {
        try TOMLDocument.parse("a = " + String(repeating: "{b=", count: 100_000), file: "t.toml")
    }
}

/// Every prefix of a realistic document either parses or fails with a position inside the text.
@Test func truncatedInputNeverCrashes() {
    let text =
        DaemonConfiguration.default.rendered() + #"""
            [extra]
            s = """multi\
              line \u00E9"""
            l = '''raw'''
            d = 1979-05-27 07:32:00.5+08:00
            n = [0x1F, 0o7, 0b1, 1_000, -1.5e-3, inf, { x = 'y' }] # c
            [[t]]
            "名" = "值"
            """# + "\r\nlast = 1\r\n"
    let scalars = Array(text.unicodeScalars)  // so a cut can fall inside CRLF
    let lines = text.utf8.count { $0 == UInt8(ascii: "\n") } + 1
    for end in 0...scalars.count {
        do {
            _ = try TOMLDocument.parse(String(String.UnicodeScalarView(scalars[..<end])), file: "t.toml")
        } catch {
            #expect((1...lines).contains(error.line), "\(error)")
            #expect(error.column >= 1, "\(error)")
        }
    }
}
