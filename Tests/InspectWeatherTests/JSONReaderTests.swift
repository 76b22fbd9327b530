import Testing

@testable import InspectWeather

@Suite struct JSONReaderTests {
    func error(_ text: String) -> JSONSyntaxError? {
        do {
            _ = try JSONReader.parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func valuesKnowTheirLineAndColumn() throws {
        let text = """
            {
              "名称": "雨",
              "a": [1, -0.5, 2e3, true, null, {}, []]
            }
            """
        let root = try JSONReader.parse(text)
        #expect(root.line == 1 && root.column == 1)
        let members = try #require(root.members)
        #expect(members.map(\.key) == ["名称", "a"])
        #expect(members[0].keyLine == 2 && members[0].keyColumn == 3)
        #expect(root["名称"] == JSONValue(.string("雨"), line: 2, column: 9))
        let elements = try #require(root["a"]?.elements)
        #expect(root["a"]?.line == 3 && root["a"]?.column == 8)
        #expect(
            elements == [
                JSONValue(.number(1, literal: "1"), line: 3, column: 9),
                JSONValue(.number(-0.5, literal: "-0.5"), line: 3, column: 12),
                JSONValue(.number(2000, literal: "2e3"), line: 3, column: 18),
                JSONValue(.bool(true), line: 3, column: 23),
                JSONValue(.null, line: 3, column: 29),
                JSONValue(.object([]), line: 3, column: 35),
                JSONValue(.array([]), line: 3, column: 39),
            ])
        #expect(
            elements.map(\.kindDescription) == [
                "a number", "a number", "a number", "true", "null", "an object", "an array",
            ])
        #expect(root["missing"] == nil)
        #expect(elements[0]["a"] == nil)
    }

    @Test func crlfAndLoneCREndLines() {
        #expect(
            error("{\r\n\"a\": x}")
                == JSONSyntaxError(
                    line: 2, column: 6,
                    message:
                        "unexpected 'x' where a value should be; write an object, array, string, number, true, false or null"
                ))
        #expect(error("[\r1,\rx]")?.line == 3)
    }

    @Test func decodesEveryEscape() throws {
        let value = try JSONReader.parse(#""\"\\\/\b\f\n\r\t\u96E8\u00e9\uD83D\uDE00""#)
        #expect(value.string == "\"\\/\u{8}\u{C}\n\r\t雨é😀")
        #expect(try JSONReader.parse(" \"\" ").string == "")
    }

    @Test func integersAreExactBelowTwoToThe53() throws {
        #expect(try JSONReader.parse("9007199254740991").exactInteger == 9_007_199_254_740_991)
        #expect(try JSONReader.parse("-9007199254740991").exactInteger == -9_007_199_254_740_991)
        #expect(try JSONReader.parse("9007199254740993").exactInteger == nil)  // would read as …992
        #expect(try JSONReader.parse("1764345600").exactInteger == 1_764_345_600)
        #expect(try JSONReader.parse("1e3").exactInteger == 1000)
        #expect(try JSONReader.parse("1.5").exactInteger == nil)
        #expect(try JSONReader.parse("-0").exactInteger == 0)
        #expect(try JSONReader.parse("0.1").number == 0.1)
        #expect(try JSONReader.parse("\"1\"").exactInteger == nil)
    }

    static let bad: [(text: String, line: Int, column: Int, message: String)] = [
        // Cut short.
        ("", 1, 1, "the file is empty or blank; a JSON file holds one value, such as an object {…}"),
        (
            "{\"a\": 1", 1, 8,
            "the file ends inside the object opened at line 1, column 1; the file is cut short; fetch or copy it again"
        ),
        (
            "{\n  \"a\": [\n    1,\n", 4, 1,
            "the file ends inside the array opened at line 2, column 8; the file is cut short; fetch or copy it again"
        ),
        (
            "\"abc", 1, 5,
            "the file ends inside the string opened at line 1, column 1; the file is cut short; fetch or copy it again"
        ),
        (
            "{\"a\":", 1, 6,
            "the file ends inside the object opened at line 1, column 1; the file is cut short; fetch or copy it again"
        ),
        ("[1.", 1, 4, "the file ends inside a number; the file is cut short; fetch or copy it again"),
        ("[tr", 1, 4, "the file ends inside \"true\"; the file is cut short; fetch or copy it again"),
        ("[\"\\u00", 1, 7, "the file ends inside a \\u escape; the file is cut short; fetch or copy it again"),
        // Trailing garbage.
        (
            "{\"a\": 1} x", 1, 10,
            "unexpected 'x' after the end of the JSON value; a JSON file holds exactly one value, remove what follows it or fetch the file again"
        ),
        (
            "{}\n{}", 2, 1,
            "unexpected '{' after the end of the JSON value; a JSON file holds exactly one value, remove what follows it or fetch the file again"
        ),
        // Escapes and strings.
        ("[\"a\\qb\"]", 1, 4, "\\q is not a JSON escape; use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX"),
        ("[\"a\\'\"]", 1, 4, "\\' is not a JSON escape; use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX"),
        ("[\"\\u12G4\"]", 1, 3, "\\u must be followed by four hex digits (such as \\u96E8); fix the escape"),
        (
            "[\"\\uD83D\"]", 1, 3,
            "\\uD83D is half of a surrogate pair without its second half (\\uDC00–\\uDFFF); write the pair or the character itself"
        ),
        (
            "[\"\\uDE00\"]", 1, 3,
            "\\uDE00 is the second half of a surrogate pair with no first half; write the pair or the character itself"
        ),
        (
            "[\"\\uD83D\\u0041\"]", 1, 9,
            "\\u0041 does not complete the surrogate pair begun by \\uD83D; write the pair or the character itself"
        ),
        (
            "[\"a\tb\"]", 1, 4,
            "a tab inside a string; write it as an escape (\\n, \\t or \\uXXXX), or close the string opened at line 1, column 2"
        ),
        (
            "[\"a\nb\"]", 1, 4,
            "a line break inside a string; write it as an escape (\\n, \\t or \\uXXXX), or close the string opened at line 1, column 2"
        ),
        ("['a']", 1, 2, "JSON strings are written in double quotes (\"), not single quotes; fix the quotes"),
        // Numbers.
        ("[01]", 1, 2, "a number must not start with 0 followed by digits; write 7 rather than 07"),
        ("[1.]", 1, 4, "a decimal point must be followed by digits; write 1.0 or 1, not 1."),
        ("[1e]", 1, 4, "an exponent must have digits; write 1e3, not 1e"),
        ("[-]", 1, 3, "'-' must be followed by digits; write a number such as -1.5"),
        (
            "[.5]", 1, 2,
            "unexpected '.' where a value should be; write an object, array, string, number, true, false or null"
        ),
        (
            "[+1]", 1, 2,
            "unexpected '+' where a value should be; write an object, array, string, number, true, false or null"
        ),
        ("[1.5.2]", 1, 5, "unexpected '.' in a number; a JSON number is like -12, 0.5 or 3e-2"),
        ("[0x1F]", 1, 3, "unexpected 'x' in a number; a JSON number is like -12, 0.5 or 3e-2"),
        ("[1e400]", 1, 2, "the number 1e400 is too large to represent; this is not a forecast value"),
        (
            "[NaN]", 1, 2,
            "unexpected 'N' where a value should be; write an object, array, string, number, true, false or null"
        ),
        // Words.
        (
            "[nul]", 1, 2,
            "unknown word; the only words in JSON are true, false and null (lower case), text needs double quotes"
        ),
        (
            "[nulls]", 1, 2,
            "unknown word; the only words in JSON are true, false and null (lower case), text needs double quotes"
        ),
        (
            "[True]", 1, 2,
            "unexpected 'T' where a value should be; write an object, array, string, number, true, false or null"
        ),
        // Structure.
        (
            "{\"a\": 1, \"a\": 2}", 1, 10,
            "the key \"a\" appears twice in this object (first at line 1, column 2); keep one"
        ),
        (
            "{\"雨\": 1,\n \"雨\": 2}", 2, 2,
            "the key \"雨\" appears twice in this object (first at line 1, column 2); keep one"
        ),
        ("[1, 2,]", 1, 7, "a comma before ']' with no value after it; remove the trailing comma"),
        ("{\"a\": 1,}", 1, 9, "a comma before '}' with no member after it; remove the trailing comma"),
        ("{a: 1}", 1, 2, "unexpected 'a' where a key was expected; keys are strings in double quotes"),
        ("{\"a\" 1}", 1, 6, "unexpected '1' after the key \"a\"; write ':' between key and value"),
        (
            "[1 2]", 1, 4,
            "unexpected '2' in the array opened at line 1, column 1; separate elements with ',' and close the array with ']'"
        ),
        (
            "{\"a\": 1 \"b\": 2}", 1, 9,
            "unexpected '\"' in the object opened at line 1, column 1; separate members with ',' and close the object with '}'"
        ),
        ("// note\n{}", 1, 1, "JSON has no comments; remove the comment"),
        (
            "\u{FEFF}{}", 1, 1,
            "unexpected '\u{FEFF}' where a value should be; write an object, array, string, number, true, false or null"
        ),
    ]

    @Test(arguments: JSONReaderTests.bad)
    func rejectsWithLineColumnAndRemedy(text: String, line: Int, column: Int, message: String) {
        #expect(error(text) == JSONSyntaxError(line: line, column: column, message: message))
    }

    @Test func limitsNesting() {
        let deep = String(repeating: "[", count: 33) + String(repeating: "]", count: 33)
        #expect(
            error(deep)
                == JSONSyntaxError(
                    line: 1, column: 33,
                    message: "this array nests deeper than 32 levels; this is not a forecast file"))
        let fine = String(repeating: "[", count: 32) + String(repeating: "]", count: 32)
        #expect(error(fine) == nil)
    }

    @Test func describesErrorsWithPosition() {
        #expect(JSONSyntaxError(line: 3, column: 14, message: "m").description == "line 3, column 14: m")
    }
}
