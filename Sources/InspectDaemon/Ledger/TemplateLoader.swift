import Foundation
import InspectNotices

/// Reads the operator's notice templates (`<kind>.subject.mustache`,
/// `<kind>.body.mustache`) from the templates directory; the built-in ones fill the rest.
/// A missing directory means the built-ins; any broken or unknown file rejects them all,
/// so a half-edited set never comes into force. A file over ``MustacheTemplate/maximumBytes``
/// is refused without being read.
enum TemplateLoader {
    static func load(directory: String) -> Result<NoticeTemplateSet, ConfigurationLoadError> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            return mapped(NoticeTemplateSet.make(overrides: [:]), directory: directory)
        }
        guard isDirectory.boolValue else {
            return .failure(ConfigurationLoadError(problems: ["\(directory): notices.templates_directory is not a directory"]))
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".mustache") }.sorted()
        } catch {
            return .failure(ConfigurationLoadError(problems: ["\(directory): cannot list the templates directory (\(error.localizedDescription))"]))
        }
        var overrides: [String: String] = [:]
        var problems: [String] = []
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            // Checked before reading, so a huge file is never loaded.
            if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber,
                size.intValue > MustacheTemplate.maximumBytes
            {
                problems.append(
                    "\(path): the template is \(size.intValue) bytes, more than the limit of \(MustacheTemplate.maximumBytes); shorten it")
                continue
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                problems.append("\(path): cannot read the template; check its permissions")
                continue
            }
            guard let text = String(data: data, encoding: .utf8) else {
                problems.append("\(path): the template is not UTF-8; save it as UTF-8")
                continue
            }
            overrides[name] = text
        }
        if !problems.isEmpty { return .failure(ConfigurationLoadError(problems: problems)) }
        return mapped(NoticeTemplateSet.make(overrides: overrides), directory: directory)
    }

    private static func mapped(
        _ result: Result<NoticeTemplateSet, TemplateProblems>, directory: String
    ) -> Result<NoticeTemplateSet, ConfigurationLoadError> {
        switch result {
        case .success(let set): .success(set)
        case .failure(let problems):
            .failure(ConfigurationLoadError(problems: problems.problems.map { (directory as NSString).appendingPathComponent($0.description) }))
        }
    }
}
