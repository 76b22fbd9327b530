import InspectLedger

/// One thing wrong with an operator's template file.
public struct TemplateProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file name, such as `supervision.body.mustache`.
    public var file: String
    /// One-based line and column of the mistake; nil when it is about the whole file
    /// (an unknown name, an empty file).
    public var line: Int?
    public var column: Int?
    /// What is wrong and what to do.
    public var message: String

    public init(file: String, line: Int?, column: Int?, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// E.g. `supervision.body.mustache:4:1: the section {{#case.site}} opened here is never closed; …`.
    public var description: String {
        if let line, let column { return "\(file):\(line):\(column): \(message)" }
        return "\(file): \(message)"
    }
}

/// The problems that made ``NoticeTemplateSet/make(overrides:)`` reject a set of templates,
/// in file-name order. (A wrapper, since `Result` needs an `Error`, which an array is not.)
public struct TemplateProblems: Error, Sendable, Hashable, CustomStringConvertible {
    /// Never empty.
    public var problems: [TemplateProblem]

    public init(problems: [TemplateProblem]) {
        self.problems = problems
    }

    /// One problem a line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// The templates in use: the built-ins (``NoticeTemplates``), each replaced by the
/// operator's file of the same name when there is one.
public struct NoticeTemplateSet: Sendable, Hashable {
    private var templates: [String: MustacheTemplate]
    /// The file names taken from the operator, sorted.
    public private(set) var overridden: [String]

    /// Only the built-ins.
    public static let builtIn = NoticeTemplateSet()

    private init() {
        var templates: [String: MustacheTemplate] = [:]
        for kind in NoticeKind.allCases {
            for part in NoticeTemplates.Part.allCases {
                let name = NoticeTemplates.fileName(kind: kind, part: part)
                do {
                    templates[name] = try MustacheTemplate.parse(NoticeTemplates.text(kind: kind, part: part), name: name)
                } catch {
                    preconditionFailure("built-in template \(error)")
                }
            }
        }
        self.templates = templates
        self.overridden = []
    }

    /// The built-ins, with `overrides` (file name → text, such as
    /// `"supervision.body.mustache": "…"`) in place of the ones of the same name.
    ///
    /// Every file is checked, and all problems are reported together: names that are not
    /// `<kind>.subject.mustache` or `<kind>.body.mustache` for a ``NoticeKind`` (a misspelt
    /// name would otherwise be ignored silently), templates that do not parse, and files
    /// with nothing but blanks.
    public static func make(overrides: [String: String]) -> Result<NoticeTemplateSet, TemplateProblems> {
        var set = NoticeTemplateSet.builtIn
        var problems: [TemplateProblem] = []
        let known = Set(NoticeTemplates.fileNames)
        for (file, text) in overrides.sorted(by: { $0.key < $1.key }) {
            guard known.contains(file) else {
                let kinds = NoticeKind.allCases.map(\.rawValue).joined(separator: ", ")
                problems.append(
                    TemplateProblem(
                        file: file, line: nil, column: nil,
                        message:
                            "not a template name; name the file <kind>.subject.mustache or <kind>.body.mustache, where <kind> is one of \(kinds), or move it out of the templates directory"
                    ))
                continue
            }
            guard text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else {
                problems.append(
                    TemplateProblem(
                        file: file, line: nil, column: nil,
                        message: "the file is empty; write the template, or delete the file to use the built-in one"))
                continue
            }
            do throws(TemplateError) {
                set.templates[file] = try MustacheTemplate.parse(text, name: file)
                set.overridden.append(file)
            } catch {
                problems.append(TemplateProblem(file: file, line: error.line, column: error.column, message: error.message))
            }
        }
        if !problems.isEmpty { return .failure(TemplateProblems(problems: problems)) }
        return .success(set)
    }

    /// The template in use for `kind`'s `part`.
    public func template(kind: NoticeKind, part: NoticeTemplates.Part) -> MustacheTemplate {
        guard let template = templates[NoticeTemplates.fileName(kind: kind, part: part)] else {
            preconditionFailure("every kind has both templates")
        }
        return template
    }

    /// The subject and body of a notice of `kind` for `context`.
    ///
    /// The subject is one line: line breaks become single spaces and blanks around it go.
    /// The body keeps its lines, without blanks and line breaks at its end.
    public func render(kind: NoticeKind, context: NoticeValue) -> (subject: String, body: String) {
        let subject = template(kind: kind, part: .subject).render(context)
        let body = template(kind: kind, part: .body).render(context)
        return (NoticeTemplateSet.oneLine(subject), NoticeTemplateSet.trimmingEnd(body))
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline)
            .map { NoticeTemplateSet.trimmingEnd(NoticeTemplateSet.trimmingStart(String($0))) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }

    static func trimmingEnd(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }

    static func trimmingStart(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        return String(scalars)
    }
}
