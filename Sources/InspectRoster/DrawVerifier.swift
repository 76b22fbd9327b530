/// The first difference between a recorded draw and its replay.
public struct DrawMismatch: Error, Sendable, Equatable, CustomStringConvertible {
    /// What differs.
    public enum Kind: String, Sendable, Equatable, Codable {
        /// The record names a generator or algorithm this build does not replay.
        case generator
        /// The sites, history, slots or cadence are not the ones recorded.
        case inputDigest
        /// The seed is not the one recorded.
        case seed
        /// A drawn visit, or the number of them.
        case visits
        /// A shortfall, or the number of them.
        case shortfalls
        /// A cadence gap, or the number of them.
        case cadenceGaps
    }

    /// What differs.
    public var kind: Kind
    /// The difference in words: where, recorded value, replayed value.
    public var description: String

    /// Creates a mismatch.
    public init(kind: Kind, description: String) {
        self.kind = kind
        self.description = description
    }
}

enum DrawVerifier {
    static func verify(_ input: DrawInput, recorded: DrawResult) -> Result<Void, DrawMismatch> {
        guard recorded.generator == VisitDraw.generator else {
            return .failure(
                DrawMismatch(
                    kind: .generator,
                    description: "recorded with generator \(recorded.generator); this build replays \(VisitDraw.generator)"))
        }
        let digest = VisitDraw.inputDigest(input)
        guard digest == recorded.inputDigest else {
            return .failure(
                DrawMismatch(
                    kind: .inputDigest,
                    description: "input digest differs: recorded \(recorded.inputDigest), replayed \(digest); "
                        + "the sites, history, slots or cadence are not the ones drawn from"))
        }
        guard input.seed == recorded.seed else {
            return .failure(DrawMismatch(kind: .seed, description: "seed differs: recorded \(recorded.seed), replayed \(input.seed)"))
        }
        let replay = VisitDraw.draw(input)
        if let difference = firstDifference(recorded.visits, replay.visits, name: "visit", same: sameVisit, show: show) {
            return .failure(DrawMismatch(kind: .visits, description: difference))
        }
        if let difference = firstDifference(recorded.shortfalls, replay.shortfalls, name: "shortfall", same: (==), show: show) {
            return .failure(DrawMismatch(kind: .shortfalls, description: difference))
        }
        if let difference = firstDifference(recorded.cadenceGaps, replay.cadenceGaps, name: "cadence gap", same: (==), show: show) {
            return .failure(DrawMismatch(kind: .cadenceGaps, description: difference))
        }
        return .success(())
    }

    /// Weights compare bit for bit, so a replay that differs in the last place is caught.
    private static func sameVisit(_ left: DrawnVisit, _ right: DrawnVisit) -> Bool {
        left.slotID == right.slotID && left.siteID == right.siteID && left.weight.bitPattern == right.weight.bitPattern
            && left.reason == right.reason
    }

    private static func show(_ visit: DrawnVisit) -> String {
        "slot \(visit.slotID) site \(visit.siteID) weight \(visit.weight) (\(visit.reason.rawValue))"
    }

    private static func show(_ shortfall: DrawShortfall) -> String {
        "slot \(shortfall.slotID) wanted \(shortfall.wanted) drawn \(shortfall.drawn) (\(shortfall.reason))"
    }

    private static func show(_ gap: CadenceGap) -> String {
        "site \(gap.siteID) risk \(gap.risk) last \(gap.lastVisit?.description ?? "never") due \(gap.dueBy)"
    }

    private static func firstDifference<Element>(
        _ recorded: [Element], _ replayed: [Element], name: String, same: (Element, Element) -> Bool,
        show: (Element) -> String
    ) -> String? {
        for index in 0..<min(recorded.count, replayed.count) where !same(recorded[index], replayed[index]) {
            return "\(name) #\(index) differs: recorded \(show(recorded[index])), replayed \(show(replayed[index]))"
        }
        if recorded.count > replayed.count {
            return "recorded \(recorded.count) \(name)s, replayed \(replayed.count); first missing: recorded "
                + show(recorded[replayed.count])
        }
        if replayed.count > recorded.count {
            return "recorded \(recorded.count) \(name)s, replayed \(replayed.count); first extra: replayed "
                + show(replayed[recorded.count])
        }
        return nil
    }
}
