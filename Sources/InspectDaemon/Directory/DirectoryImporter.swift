import Foundation
import InspectAPI
import InspectCore
import InspectStore

/// Imports a directory file (units, inspectors or sites): decode, validate every
/// row, check references against the stored directory, and write it all in one
/// transaction — or nothing, with every problem named by file, line and column.
struct DirectoryImporter: Sendable {
    let store: InspectStore

    enum Outcome: Sendable {
        case imported(ImportResult)
        case rejected([ImportProblem], omitted: Int)
    }

    func importFile(
        _ kind: DirectoryKind, bytes: [UInt8], file: String, encoding: TextEncoding?, uid: UInt32, dryRun: Bool,
        at date: Date = Date()
    ) throws(StoreError) -> Outcome {
        let parsed: DirectoryImportResult
        do {
            parsed = try DirectoryImport.read(kind, bytes: bytes, encoding: encoding, file: file)
        } catch {
            return .rejected(error.problems, omitted: error.omittedCount)
        }
        let record = ImportRecord(
            at: Timestamp.string(date), file: file, encoding: parsed.encoding.rawValue, uid: uid, dryRun: dryRun
        )
        let summary: ImportSummary
        do {
            switch parsed.records {
            case .units(let records):
                summary = try store.importUnits(records.map(\.value), record: record) { after in
                    Self.storedReferenceProblems(after, file: file)
                }
            case .inspectors(let records):
                summary = try store.importInspectors(records.map(\.value), record: record) { after in
                    DirectoryImport.checkReferences(units: after.units, inspectors: records, inspectorsFile: file)
                }
            case .sites(let records):
                summary = try store.importSites(records.map(\.value), record: record) { after in
                    DirectoryImport.checkReferences(units: after.units, sites: records, sitesFile: file)
                }
            }
        } catch .rejected(let problems) {
            let failure = ImportFailure(problems)
            return .rejected(failure.problems, omitted: failure.omittedCount)
        }
        return .imported(
            ImportResult(
                kind: kind.rawValue, file: file, encoding: parsed.encoding.rawValue, inserted: summary.inserted,
                updated: summary.updated, unchanged: summary.unchanged, dryRun: dryRun
            )
        )
    }

    /// After a units import: stored inspectors and sites must still point at a
    /// department and a locality. A problem names the stored record it would break.
    static func storedReferenceProblems(_ after: DirectorySnapshot, file: String) -> [ImportProblem] {
        let inspectors = after.inspectors.enumerated().map { ParsedRecord(line: $0.offset, value: $0.element) }
        let sites = after.sites.enumerated().map { ParsedRecord(line: $0.offset, value: $0.element) }
        let problems = DirectoryImport.checkReferences(units: after.units, inspectors: inspectors, sites: sites)
        return problems.map { problem in
            let referrer = problem.file.hasPrefix("inspectors")
                ? "stored inspector \(after.inspectors[problem.line].id)"
                : "stored site \(after.sites[problem.line].id)"
            return ImportProblem(
                file: file, line: 0, column: problem.column, value: problem.value,
                message: "\(referrer) refers to \(problem.value ?? "?") as its \(problem.column ?? "unit"), which \(problem.message)"
            )
        }
    }
}

extension APIRouter {
    func importDirectory(_ kind: DirectoryKind, request: APIRequest) -> APIResponse {
        let file = uploadedFileName(request, default: kind.defaultFileName)
        let encoding: TextEncoding?
        switch requestedEncoding(request) {
        case .success(let value): encoding = value
        case .failure(let problem): return .problem(problem)
        }
        let dryRun = ["1", "true", "yes"].contains(request.query["dry_run"]?.lowercased() ?? "")
        let importer = DirectoryImporter(store: state.store)
        do {
            switch try importer.importFile(kind, bytes: request.body, file: file, encoding: encoding, uid: request.peer.uid, dryRun: dryRun) {
            case .imported(let result):
                if !dryRun { state.setStatus(state.servingStatus()) }
                if !dryRun, result.inserted + result.updated > 0 { state.requestReplan(because: "\(kind.rawValue) imported from \(file)") }
                return .json(result)
            case .rejected(let problems, let omitted):
                return rejection(problems, omitted: omitted, file: file, what: "nothing was imported. Fix them and import the whole file again.")
            }
        } catch {
            return .problem(.init(code: .storeUnavailable, detail: "\(error)"))
        }
    }
}
