/// A status change the ledger refuses, and what to do instead.
public struct CaseTransitionError: Error, Sendable, Hashable, CustomStringConvertible {
    public var from: CaseStatus
    public var to: CaseStatus
    /// What is wrong and what to do, such as `a case is closed (已销号) only after it is
    /// verified (已验收); record the on-site verification first`.
    public var message: String

    public init(from: CaseStatus, to: CaseStatus, message: String) {
        self.from = from
        self.to = to
        self.message = message
    }

    /// `cannot change rectified (已整改) to closed (已销号): …`.
    public var description: String {
        "cannot change \(from.label) to \(to.label): \(message)"
    }
}

/// Which status changes the ledger allows (整改流程).
///
/// open → in_progress → rectified → verified → closed, with shut_down as a way out and
/// a way back to in_progress when verification fails:
///
/// - `closed` (销号) only from `verified`; `verified` only from `rectified`;
/// - `rectified` from `open` or `in_progress`;
/// - `in_progress` from `open`, or back from `rectified`/`verified` when verification fails;
/// - `shut_down` (关停取缔) from `open`, `in_progress` or `rectified`;
/// - nothing leaves `closed` or `shut_down`; nothing goes back to `open`;
/// - a change to the same status is refused ("already …"), so a repeated request is
///   noticed rather than recorded twice.
public enum CaseTransitions {
    /// The statuses a case in `status` may change to, in declaration order.
    public static func allowedTargets(from status: CaseStatus) -> [CaseStatus] {
        CaseStatus.allCases.filter { check(from: status, to: $0) == nil }
    }

    /// Whether `from` may change to `to`.
    public static func isAllowed(from: CaseStatus, to: CaseStatus) -> Bool {
        check(from: from, to: to) == nil
    }

    /// Throws when `from` may not change to `to`.
    public static func validate(from: CaseStatus, to: CaseStatus) throws(CaseTransitionError) {
        if let error = check(from: from, to: to) { throw error }
    }

    /// Nil when `from` may change to `to`; otherwise why not and what to do.
    public static func check(from: CaseStatus, to: CaseStatus) -> CaseTransitionError? {
        guard let message = refusal(from: from, to: to) else { return nil }
        return CaseTransitionError(from: from, to: to, message: message)
    }

    static func refusal(from: CaseStatus, to: CaseStatus) -> String? {
        if from == to { return "the case is already \(to.label); nothing to change" }
        switch from {
        case .closed:
            return "the case is closed (已销号) and stays closed; if the problem recurs, open a new case"
        case .shutDown:
            return "the polluter was shut down (关停取缔) and the case stays so; if it resumes, open a new case"
        default:
            break
        }
        switch to {
        case .open:
            return "a case never goes back to open (未整改); set it to in_progress (整改中) instead"
        case .inProgress:
            return nil  // from open, or back from rectified/verified: verification failed
        case .rectified:
            // from open or in_progress is allowed; only verified is left.
            return from == .verified
                ? "the case is already verified (已验收); if verification failed, set it to in_progress (整改中) instead"
                : nil
        case .verified:
            return from == .rectified
                ? nil
                : "a case is verified (已验收) only after it is rectified (已整改); record the rectification first"
        case .closed:
            return from == .verified
                ? nil
                : "a case is closed (已销号) only after it is verified (已验收); "
                    + (from == .rectified ? "record the on-site verification first" : "rectify it and have it verified first")
        case .shutDown:
            return from == .verified
                ? "the case is verified (已验收); close it (销号) instead, or set it to in_progress (整改中) if verification failed"
                : nil
        }
    }
}

extension CaseStatus {
    /// The name in Chinese, as the ledger writes it: 未整改, 整改中, 已整改, 已验收, 已销号, 关停取缔.
    public var chineseName: String {
        switch self {
        case .open: "未整改"
        case .inProgress: "整改中"
        case .rectified: "已整改"
        case .verified: "已验收"
        case .closed: "已销号"
        case .shutDown: "关停取缔"
        }
    }

    /// `rectified (已整改)`.
    public var label: String { "\(rawValue) (\(chineseName))" }
}
