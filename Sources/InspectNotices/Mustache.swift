/// Why a template was rejected: where, and what to do about it.
public struct TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of mistake.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// `{{` (or `{{{`, `{{!`) with no closing braces.
        case unclosedTag = "unclosed_tag"
        /// `{{#x}}` or `{{^x}}` with no `{{/x}}`.
        case unclosedSection = "unclosed_section"
        /// `{{/x}}` while another section is open.
        case mismatchedClose = "mismatched_close"
        /// `{{/x}}` with no section open.
        case unmatchedClose = "unmatched_close"
        /// Partials, set delimiters, template inheritance: not supported.
        case unsupportedTag = "unsupported_tag"
        /// A tag with no name, or a name that is not a field name.
        case badName = "bad_name"
        /// More than ``MustacheTemplate/maximumBytes`` of text.
        case tooLarge = "too_large"
        /// Sections nested deeper than ``MustacheTemplate/maximumSectionDepth``.
        case tooDeep = "too_deep"
    }

    public var kind: Kind
    /// The template's name as given to ``MustacheTemplate/parse(_:name:)``, such as a file name.
    public var template: String
    /// One-based line of the offending tag's first `{`.
    public var line: Int
    /// One-based column (in Unicode scalars, so `督` is one column) of that `{`.
    public var column: Int
    /// What is wrong and what to write instead.
    public var message: String

    public init(kind: Kind, template: String, line: Int, column: Int, message: String) {
        self.kind = kind
        self.template = template
        self.line = line
        self.column = column
        self.message = message
    }

    /// E.g. `supervision.body.mustache:3:7: the section {{#case.site}} opened here is never closed; …`.
    public var description: String { "\(template):\(line):\(column): \(message)" }
}

/// A Mustache template (the interpolation, sections, inverted sections and comments of the
/// Mustache spec v1.x) rendering plain text from a ``NoticeValue``.
///
/// Notices are SMS, e-mail and OA plain text, so nothing is HTML-escaped: `{{x}}`,
/// `{{{x}}}` and `{{&x}}` all insert the value as it is.
///
/// - `{{name}}`, `{{a.b.c}}`: the value, looked up in the innermost context that has
///   `name` (or `a`), then `.b`, `.c` inside it. Missing or null renders nothing; strings
///   as they are; integers in decimal; decimals shortest (`1.21`, `3` for 3.0); true and
///   false as `true` / `false`; arrays and objects render nothing.
/// - `{{.}}`: the current context (each element inside `{{#list}}`); `{{.name}}`: `name`
///   in the current context only, not further out.
/// - `{{#x}}…{{/x}}`: skipped when `x` is missing, null, false, an empty string or an
///   empty array; repeated for each element of a non-empty array (the element becomes the
///   context); otherwise rendered once with `x` as the context. Numbers, 0 included, are
///   shown (so `{{#days_overdue}}` works for 0).
/// - `{{^x}}…{{/x}}`: rendered once when `{{#x}}` would be skipped.
/// - `{{! comment }}`: nothing; may span lines.
/// - A section, inverted, closing or comment tag alone on its line (blanks around it
///   allowed) removes the whole line, its blanks and its line break, as the spec says.
///
/// Not supported, and rejected with a message: partials `{{> x}}`, set delimiters
/// `{{=<% %>=}}`, template inheritance `{{< x}}` / `{{$ x}}`. Lambdas do not exist for
/// ``NoticeValue``.
public struct MustacheTemplate: Sendable, Hashable {
    /// The name given to ``parse(_:name:)``.
    public let name: String
    /// The template's text.
    public let source: String
    let nodes: [MustacheNode]

    /// The longest template accepted: 64 KiB of UTF-8. A notice is an SMS, an e-mail or an
    /// OA message; the built-in templates are under 2 KiB.
    public static let maximumBytes = 64 * 1024
    /// Sections (`{{#x}}`, `{{^x}}`) may nest this deep: 16. Rendering recurses once per level.
    public static let maximumSectionDepth = 16

    /// Parses `text`; `name` (such as a file name) is only used in errors. Text over
    /// ``maximumBytes`` and sections nested deeper than ``maximumSectionDepth`` are errors.
    public static func parse(_ text: String, name: String) throws(TemplateError) -> MustacheTemplate {
        guard text.utf8.count <= maximumBytes else {
            throw TemplateError(
                kind: .tooLarge, template: name, line: 1, column: 1,
                message: "the template is \(text.utf8.count) bytes, more than the limit of \(maximumBytes); shorten it")
        }
        var parser = MustacheParser(scalars: Array(text.unicodeScalars), templateName: name)
        let nodes = try parser.parse()
        return MustacheTemplate(name: name, source: text, nodes: nodes)
    }

    /// The text for `context` (usually an object; see ``NoticeTemplates`` for the fields).
    public func render(_ context: NoticeValue) -> String {
        var output = ""
        var stack = [context]
        MustacheTemplate.render(nodes, stack: &stack, into: &output)
        return output
    }

    /// Every field name used, in order of first use (`case.title`, `.`, …): for checks of
    /// a template against the fields the daemon provides.
    public var fieldNames: [String] {
        var names: [String] = []
        var seen = Set<String>()
        func walk(_ nodes: [MustacheNode]) {
            for node in nodes {
                switch node {
                case .text: break
                case .variable(let name):
                    if seen.insert(name.text).inserted { names.append(name.text) }
                case .section(let name, _, let children):
                    if seen.insert(name.text).inserted { names.append(name.text) }
                    walk(children)
                }
            }
        }
        walk(nodes)
        return names
    }

    private static func render(_ nodes: [MustacheNode], stack: inout [NoticeValue], into output: inout String) {
        for node in nodes {
            switch node {
            case .text(let text):
                output += text
            case .variable(let name):
                if let value = resolve(name, in: stack) { output += interpolation(value) }
            case .section(let name, let inverted, let children):
                let value = resolve(name, in: stack) ?? .null
                if inverted {
                    if !isTruthy(value) { render(children, stack: &stack, into: &output) }
                } else if case .array(let elements) = value {
                    for element in elements {
                        stack.append(element)
                        render(children, stack: &stack, into: &output)
                        stack.removeLast()
                    }
                } else if isTruthy(value) {
                    stack.append(value)
                    render(children, stack: &stack, into: &output)
                    stack.removeLast()
                }
            }
        }
    }

    /// `.`: the top of the stack. `a.b.c`: `a` from the innermost context that has it, then
    /// `b` and `c` inside it only (a broken chain is missing, not looked up further out).
    private static func resolve(_ name: MustacheName, in stack: [NoticeValue]) -> NoticeValue? {
        guard let first = name.parts.first else { return stack.last }
        let contexts = name.anchored ? Array(stack.suffix(1)) : stack.reversed()
        for context in contexts {
            guard var value = context[first] else { continue }
            for part in name.parts.dropFirst() {
                guard let next = value[part] else { return nil }
                value = next
            }
            return value
        }
        return nil
    }

    private static func isTruthy(_ value: NoticeValue) -> Bool {
        switch value {
        case .null: false
        case .bool(let flag): flag
        case .string(let text): !text.isEmpty
        case .array(let elements): !elements.isEmpty
        case .int, .double, .object: true
        }
    }

    private static func interpolation(_ value: NoticeValue) -> String {
        switch value {
        case .null, .array, .object: ""
        case .bool(let flag): flag ? "true" : "false"
        case .int(let number): String(number)
        case .double(let number): MustacheTemplate.format(number)
        case .string(let text): text
        }
    }

    /// Shortest round-trip text, without a trailing `.0` for whole numbers.
    static func format(_ number: Double) -> String {
        if number.isFinite, number == number.rounded(), abs(number) < 1e15 {
            return String(Int64(number))
        }
        return String(number)
    }

    public static func == (left: MustacheTemplate, right: MustacheTemplate) -> Bool {
        left.name == right.name && left.source == right.source
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(source)
    }
}

/// A field name: `.` (no parts), dotted parts, or dotted parts after a leading dot
/// (`.name`: looked up in the current context only).
struct MustacheName: Sendable, Hashable {
    var parts: [String]
    var anchored = false
    var text: String { parts.isEmpty ? "." : (anchored ? "." : "") + parts.joined(separator: ".") }
}

indirect enum MustacheNode: Sendable, Hashable {
    case text(String)
    case variable(MustacheName)
    case section(MustacheName, inverted: Bool, [MustacheNode])
}

/// Turns the scalars of a template into nodes, applying the spec's standalone-line rule.
struct MustacheParser {
    enum TagKind { case variable, section, inverted, close, comment }

    struct Tag {
        var kind: TagKind
        /// The name as written, trimmed (empty for comments).
        var name: String
        /// Scalar offsets of the tag: `{{` to after `}}`.
        var start: Int
        var end: Int
        var line: Int
        var column: Int
    }

    let scalars: [Unicode.Scalar]
    let templateName: String

    init(scalars: [Unicode.Scalar], templateName: String) {
        self.scalars = scalars
        self.templateName = templateName
    }

    mutating func parse() throws(TemplateError) -> [MustacheNode] {
        let tags = try scanTags()
        // Standalone tags swallow their line's blanks and line break.
        var pieces: [(text: String, tag: Tag?)] = []
        var cursor = 0
        for tag in tags {
            var start = tag.start
            var end = tag.end
            if tag.kind != .variable, let (lineStart, lineEnd) = standaloneExtent(of: tag) {
                start = lineStart
                end = lineEnd
            }
            pieces.append((text(cursor..<start), tag))
            cursor = end
        }
        pieces.append((text(cursor..<scalars.count), nil))

        // Nest sections.
        var stack: [(tag: Tag?, nodes: [MustacheNode])] = [(nil, [])]
        for (text, tag) in pieces {
            if !text.isEmpty { stack[stack.count - 1].nodes.append(.text(text)) }
            guard let tag else { continue }
            switch tag.kind {
            case .comment:
                break
            case .variable:
                stack[stack.count - 1].nodes.append(.variable(try name(of: tag)))
            case .section, .inverted:
                _ = try name(of: tag)
                guard stack.count <= MustacheTemplate.maximumSectionDepth else {
                    throw error(
                        .tooDeep, at: tag,
                        "sections are nested more than \(MustacheTemplate.maximumSectionDepth) deep here; close some before opening another"
                    )
                }
                stack.append((tag, []))
            case .close:
                _ = try name(of: tag)
                guard stack.count > 1, let open = stack.last?.tag else {
                    throw error(
                        .unmatchedClose, at: tag,
                        "{{/\(tag.name)}} closes a section, but no section is open; remove it, or open the section with {{#\(tag.name)}} or {{^\(tag.name)}} before it"
                    )
                }
                guard open.name == tag.name else {
                    throw error(
                        .mismatchedClose, at: tag,
                        "{{/\(tag.name)}} does not match the open section {{\(open.kind == .inverted ? "^" : "#")\(open.name)}} (line \(open.line), column \(open.column)); close that one first with {{/\(open.name)}}"
                    )
                }
                let finished = stack.removeLast()
                stack[stack.count - 1].nodes.append(
                    .section(try name(of: open), inverted: open.kind == .inverted, finished.nodes))
            }
        }
        if stack.count > 1, let open = stack.last?.tag {
            throw error(
                .unclosedSection, at: open,
                "the section {{\(open.kind == .inverted ? "^" : "#")\(open.name)}} opened here is never closed; add {{/\(open.name)}} where it ends"
            )
        }
        return stack[0].nodes
    }

    private func text(_ range: Range<Int>) -> String {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[range])
        return text
    }

    private func isBlank(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" }

    /// The range to drop when `tag` stands alone on its line: from the line's start to after
    /// its line break (or the template's end); nil when something else shares the line.
    private func standaloneExtent(of tag: Tag) -> (Int, Int)? {
        var lineStart = tag.start
        while lineStart > 0, isBlank(scalars[lineStart - 1]) { lineStart -= 1 }
        guard lineStart == 0 || scalars[lineStart - 1] == "\n" else { return nil }
        var lineEnd = tag.end
        while lineEnd < scalars.count, isBlank(scalars[lineEnd]) { lineEnd += 1 }
        if lineEnd == scalars.count { return (lineStart, lineEnd) }
        if scalars[lineEnd] == "\n" { return (lineStart, lineEnd + 1) }
        if scalars[lineEnd] == "\r", lineEnd + 1 < scalars.count, scalars[lineEnd + 1] == "\n" {
            return (lineStart, lineEnd + 2)
        }
        return nil
    }

    private func error(_ kind: TemplateError.Kind, at tag: Tag, _ message: String) -> TemplateError {
        TemplateError(kind: kind, template: templateName, line: tag.line, column: tag.column, message: message)
    }

    private func name(of tag: Tag) throws(TemplateError) -> MustacheName {
        let written = tag.name
        let example = "a field name such as case.title"
        if written.isEmpty {
            throw error(.badName, at: tag, "the tag has no name; write \(example) inside the braces, or remove the tag")
        }
        if written == "." { return MustacheName(parts: []) }
        let anchored = written.hasPrefix(".")
        if written.unicodeScalars.contains(where: { $0.properties.isWhitespace }) {
            throw error(
                .badName, at: tag,
                "\"\(written)\" is not a field name: it contains a blank; write \(example) (dots, not blanks, between parts)")
        }
        let parts = written.dropFirst(anchored ? 1 : 0).split(separator: ".", omittingEmptySubsequences: false)
            .map(String.init)
        if parts.contains(where: \.isEmpty) {
            throw error(
                .badName, at: tag,
                "\"\(written)\" is not a field name: it has an empty part between dots; write \(example), or {{.}} for the current item")
        }
        if written.unicodeScalars.contains(where: { "{}".unicodeScalars.contains($0) }) {
            throw error(.badName, at: tag, "\"\(written)\" is not a field name: it contains a brace; write \(example)")
        }
        return MustacheName(parts: parts, anchored: anchored)
    }

    /// Finds every tag, with its line and column.
    private func scanTags() throws(TemplateError) -> [Tag] {
        var tags: [Tag] = []
        var index = 0
        var line = 1
        var lineStart = 0
        let count = scalars.count
        while index < count {
            let scalar = scalars[index]
            if scalar == "\n" {
                line += 1
                index += 1
                lineStart = index
                continue
            }
            guard scalar == "{", index + 1 < count, scalars[index + 1] == "{" else {
                index += 1
                continue
            }
            let start = index
            let column = start - lineStart + 1
            var tag = Tag(kind: .variable, name: "", start: start, end: start, line: line, column: column)
            if index + 2 < count, scalars[index + 2] == "{" {
                // {{{name}}}
                guard let close = find("}}}", from: index + 3, crossingLines: false) else {
                    throw error(
                        .unclosedTag, at: tag,
                        "the tag {{{ opened here is not closed on its line; end it with }}} (or use {{name}}, which is the same here)")
                }
                tag.name = trimmed(index + 3..<close)
                tag.end = close + 3
            } else {
                var sigilIndex = index + 2
                while sigilIndex < count, isBlank(scalars[sigilIndex]) { sigilIndex += 1 }
                let sigil: Unicode.Scalar? = sigilIndex < count ? scalars[sigilIndex] : nil
                if sigil == "!" {
                    guard let close = find("}}", from: sigilIndex + 1, crossingLines: true) else {
                        throw error(.unclosedTag, at: tag, "the comment {{! opened here is never closed; end it with }}")
                    }
                    tag.kind = .comment
                    tag.end = close + 2
                } else {
                    guard let close = find("}}", from: index + 2, crossingLines: false) else {
                        throw error(.unclosedTag, at: tag, "the tag {{ opened here is not closed on its line; end it with }}")
                    }
                    tag.end = close + 2
                    var nameStart = sigilIndex + 1
                    switch sigil {
                    case "#": tag.kind = .section
                    case "^": tag.kind = .inverted
                    case "/": tag.kind = .close
                    case "&": tag.kind = .variable
                    case ">":
                        throw error(
                            .unsupportedTag, at: tag,
                            "partials ({{> name}}) are not supported; copy the other template's text here instead")
                    case "=":
                        throw error(
                            .unsupportedTag, at: tag,
                            "set delimiters ({{=<% %>=}}) are not supported; keep the {{ }} delimiters")
                    case "<", "$":
                        throw error(
                            .unsupportedTag, at: tag,
                            "template inheritance ({{< parent}}, {{$ block}}) is not supported; write the whole text in this template")
                    default:
                        tag.kind = .variable
                        nameStart = index + 2
                    }
                    tag.name = trimmed(nameStart..<close)
                }
            }
            // Comments may span lines.
            for position in index..<tag.end where scalars[position] == "\n" {
                line += 1
                lineStart = position + 1
            }
            tags.append(tag)
            index = tag.end
        }
        return tags
    }

    private func trimmed(_ range: Range<Int>) -> String {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, scalars[lower].properties.isWhitespace { lower += 1 }
        while upper > lower, scalars[upper - 1].properties.isWhitespace { upper -= 1 }
        return text(lower..<upper)
    }

    /// The offset of the next `pattern` at or after `start`; nil when there is none (or,
    /// unless `crossingLines`, none before the next line break).
    private func find(_ pattern: String, from start: Int, crossingLines: Bool) -> Int? {
        let needle = Array(pattern.unicodeScalars)
        var index = start
        while index + needle.count <= scalars.count {
            if !crossingLines, scalars[index] == "\n" { return nil }
            if scalars[index] == needle[0], Array(scalars[index..<index + needle.count]) == needle { return index }
            index += 1
        }
        return nil
    }
}
