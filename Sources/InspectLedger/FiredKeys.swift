import InspectCalendar

/// The firings already sent, for the `fired` argument of ``EscalationLadder``: a sorted
/// array of keys that answers the ladder's questions with mostly sequential reads.
///
/// The ladder asks about the keys of one case after another, in case-id order. A
/// `Set<FiringKey>` answers each question with a hash of three strings and a random read
/// into a large table (about 300 ns per question with a few million keys, which dominates
/// a steady-state `due`); ``Cursor`` instead walks this array forward case by case.
///
/// Build it once from the store (`ORDER BY case_id` is not needed: the keys are sorted
/// here), then add each wake's sent keys with ``formUnion(_:)``.
public struct FiredKeys: Sendable, Equatable {
    /// The keys in (case id, step id, anchor, repeat) order, without duplicates.
    public private(set) var keys: [FiringKey]

    public init() { keys = [] }

    public init(_ keys: some Sequence<FiringKey>) {
        self.keys = Self.sortedUnique(Array(keys))
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    /// Whether `key` has fired. O(log n); for many questions in case-id order use a ``Cursor``.
    public func contains(_ key: FiringKey) -> Bool {
        let position = lowerBound(key)
        return position < keys.count && keys[position] == key
    }

    /// Adds `key`. O(n): add batches with ``formUnion(_:)``.
    public mutating func insert(_ key: FiringKey) {
        let position = lowerBound(key)
        if position < keys.count && keys[position] == key { return }
        keys.insert(key, at: position)
    }

    /// Adds the keys: O(n + k log k) for k new keys.
    public mutating func formUnion(_ newKeys: some Sequence<FiringKey>) {
        let added = Self.sortedUnique(Array(newKeys))
        guard !added.isEmpty else { return }
        guard !keys.isEmpty else {
            keys = added
            return
        }
        var merged: [FiringKey] = []
        merged.reserveCapacity(keys.count + added.count)
        var left = 0
        var right = 0
        while left < keys.count && right < added.count {
            if Self.precedes(keys[left], added[right]) {
                merged.append(keys[left])
                left += 1
            } else if Self.precedes(added[right], keys[left]) {
                merged.append(added[right])
                right += 1
            } else {
                merged.append(keys[left])
                left += 1
                right += 1
            }
        }
        merged += keys[left...]
        merged += added[right...]
        keys = merged
    }

    /// Removes every key of the cases `isRemoved` picks (such as cases deleted from the
    /// ledger, or closed long ago). O(n).
    public mutating func removeKeys(ofCases isRemoved: (String) -> Bool) {
        keys.removeAll { isRemoved($0.caseID) }
    }

    /// A lookup for one pass of the ladder: fast when asked in case-id order, right in
    /// any order.
    ///
    /// ```swift
    /// var lookup = firedKeys.cursor()
    /// let firings = EscalationLadder.due(…, fired: { lookup.contains($0) })
    /// ```
    public func cursor() -> Cursor { Cursor(keys: keys) }

    /// Walks the keys forward one case at a time.
    public struct Cursor {
        let keys: [FiringKey]
        /// The keys of `blockCase` are `keys[blockStart..<blockEnd]`.
        var blockCase: String?
        var blockStart = 0
        var blockEnd = 0

        init(keys: [FiringKey]) { self.keys = keys }

        public mutating func contains(_ key: FiringKey) -> Bool {
            if key.caseID != blockCase { moveTo(key.caseID) }
            var position = blockStart
            while position < blockEnd {
                let candidate = keys[position]
                if candidate.repeatIndex == key.repeatIndex && candidate.stepID == key.stepID && candidate.anchor == key.anchor {
                    return true
                }
                position += 1
            }
            return false
        }

        mutating func moveTo(_ caseID: String) {
            var low: Int
            var high: Int
            if let current = blockCase, current < caseID {
                // Gallop forward from the end of the current block.
                low = blockEnd
                var step = 1
                high = low
                while high < keys.count && keys[high].caseID < caseID {
                    low = high + 1
                    high += step
                    step *= 2
                }
                high = min(high, keys.count)
            } else {
                low = 0
                high = keys.count
            }
            // The first key of `caseID` or later, in low..<high.
            while low < high {
                let middle = (low + high) / 2
                if keys[middle].caseID < caseID { low = middle + 1 } else { high = middle }
            }
            var end = low
            while end < keys.count && keys[end].caseID == caseID { end += 1 }
            blockCase = caseID
            blockStart = low
            blockEnd = end
        }
    }

    // MARK: order

    static func precedes(_ left: FiringKey, _ right: FiringKey) -> Bool {
        if left.caseID != right.caseID { return left.caseID < right.caseID }
        if left.stepID != right.stepID { return left.stepID < right.stepID }
        if left.anchor != right.anchor { return left.anchor < right.anchor }
        return left.repeatIndex < right.repeatIndex
    }

    static func sortedUnique(_ keys: [FiringKey]) -> [FiringKey] {
        var sorted = keys
        if !zip(sorted, sorted.dropFirst()).allSatisfy({ precedes($0, $1) }) {
            sorted.sort(by: precedes)
            var unique: [FiringKey] = []
            unique.reserveCapacity(sorted.count)
            for key in sorted where unique.last != key { unique.append(key) }
            sorted = unique
        }
        return sorted
    }

    func lowerBound(_ key: FiringKey) -> Int {
        var low = 0
        var high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if Self.precedes(keys[middle], key) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

extension EscalationLadder {
    /// `due` with the keys already fired, asked through a ``FiredKeys/Cursor``.
    public static func due(
        cases: [RectificationCase], policy: EscalationPolicy, calendar: WorkdayIndex, zone: DistrictTimeZone, now: Int64,
        firedKeys: FiredKeys
    ) -> [DueFiring] {
        var cursor = firedKeys.cursor()
        return due(cases: cases, policy: policy, calendar: calendar, zone: zone, now: now) { cursor.contains($0) }
    }

    /// `nextDue` with the keys already fired, asked through a ``FiredKeys/Cursor``.
    public static func nextDue(
        cases: [RectificationCase], policy: EscalationPolicy, calendar: WorkdayIndex, zone: DistrictTimeZone, now: Int64,
        firedKeys: FiredKeys
    ) -> Int64? {
        var cursor = firedKeys.cursor()
        return nextDue(cases: cases, policy: policy, calendar: calendar, zone: zone, now: now) { cursor.contains($0) }
    }
}
