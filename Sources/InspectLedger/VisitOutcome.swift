/// What a team found at one rostered visit (检查结果).
public enum VisitOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// 未发现问题.
    case compliant
    /// 发现问题: opens a case in the ledger.
    case violation
    /// 已关停: the site no longer operates.
    case closed
    /// 查无此处: the site was not found at its address.
    case notFound = "not_found"
}
