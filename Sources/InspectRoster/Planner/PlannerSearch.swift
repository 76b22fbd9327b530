import InspectCore

/// A team position the local search may move: one the planner filled in this run.
struct SearchPosition {
    var slot: Int
    var position: Int
}

extension PlannerEngine {
    /// Local search over the positions filled in this run (never kept, pinned or started ones).
    ///
    /// The objective (``PlannerEngine/score(_:)``) weighs evenness of each kind of duty within
    /// fairness groups, then within department groups, then over everyone, then hours. A move is
    /// only kept when it keeps every hard rule, lowers the objective (random moves: does not
    /// raise it) and widens no group's spread past 1 (``PlannerEngine/spreadsHold(_:_:)``).
    /// Each round first evens out each kind within each fairness group and then each department
    /// group: a shift of that kind goes from an inspector with the most to one with at least two
    /// fewer, by replacement, by exchanging shifts of one date or of two dates, or by replacing
    /// a second member as well when the team rules need it. Then seeded random replacements and
    /// exchanges. Every attempted move spends one of `iterations`; the search stops early when
    /// a round improves nothing.
    mutating func improve(iterations: Int) {
        var positions: [SearchPosition] = []
        for (slotIndex, slot) in slots.enumerated() where !slot.members.isEmpty {
            for position in slot.members.indices where slot.movable[position] {
                positions.append(SearchPosition(slot: slotIndex, position: position))
            }
        }
        guard !positions.isEmpty, people.count > 1, iterations > 0 else { return }
        var budget = iterations
        let groups = (0..<groupNames.count).map { index in people.indices.filter { group[$0] == index && eligible[$0] } }
        let departmentGroups = departmentGroupNames.indices.map { index in
            people.indices.filter { departmentGroup[$0] == index && eligible[$0] }
        }
        var byDay = [[SearchPosition]](repeating: [], count: dayCount)
        for position in positions { byDay[shifts[slots[position.slot].shift].day].append(position) }
        let kindOrder = [0, 2, 1, 3]
        while budget > 0 {
            var improved = false
            for kind in kindOrder {
                for members in groups + departmentGroups where members.count > 1 {
                    if balance(kind: kind, among: members, budget: &budget) { improved = true }
                }
            }
            let rounds = min(budget, max(2_000, 2 * positions.count))
            budget -= rounds
            if randomMoves(rounds, positions: positions, byDay: byDay, groups: groups) { improved = true }
            if !improved { break }
        }
    }

    /// Moves shifts of `kind` from those with the most to those with at least two fewer, within
    /// one group of inspectors, while that lowers the objective. True when any move was made.
    mutating func balance(kind: Int, among members: [Int], budget: inout Int) -> Bool {
        var improvedAny = false
        while budget > 0 {
            var most = Int.min
            var fewest = Int.max
            for person in members {
                let count = duty[person * Self.kindCount + kind]
                most = max(most, count)
                fewest = min(fewest, count)
            }
            guard most - fewest > 1 else { break }
            let salt = random.next()
            let tops = members.filter { duty[$0 * Self.kindCount + kind] == most }
                .sorted { (tieBreak[$0] ^ salt, $0) < (tieBreak[$1] ^ salt, $1) }
            let lows = members.filter { duty[$0 * Self.kindCount + kind] <= most - 2 }
                .sorted { (duty[$0 * Self.kindCount + kind], personCost($0), $0) < (duty[$1 * Self.kindCount + kind], personCost($1), $1) }
                .prefix(64)
            var moved = transfer(kind: kind, from: tops, to: Array(lows), budget: &budget)
            if !moved {
                // The other way round: raise the fewest from anyone with at least two more.
                let bottoms = members.filter { duty[$0 * Self.kindCount + kind] == fewest }
                    .sorted { (tieBreak[$0] ^ salt, $0) < (tieBreak[$1] ^ salt, $1) }
                let highs = members.filter { duty[$0 * Self.kindCount + kind] >= fewest + 2 }
                    .sorted { (-duty[$0 * Self.kindCount + kind], -personCost($0), $0) < (-duty[$1 * Self.kindCount + kind], -personCost($1), $1) }
                for low in bottoms.prefix(16) where !moved && budget > 0 {
                    moved = transfer(kind: kind, from: highs, to: [low], budget: &budget)
                }
            }
            guard moved else { break }
            improvedAny = true
        }
        return improvedAny
    }

    /// Tries to hand one movable shift of `kind` held by someone in `from` to someone in `to`:
    /// directly, by exchanging it for the shift the taker holds that date, or else for one of
    /// the taker's shifts on another date without that kind. Stops at the first success.
    mutating func transfer(kind: Int, from givers: [Int], to takers: [Int], budget: inout Int) -> Bool {
        for giver in givers {
            for day in 0..<dayCount {
                let slotIndex = daySlot[giver * dayCount + day]
                guard slotIndex >= 0, shifts[slots[slotIndex].shift].kinds[kind],
                    let position = slots[slotIndex].members.firstIndex(of: giver), slots[slotIndex].movable[position]
                else { continue }
                for taker in takers where taker != giver {
                    guard budget > 0 else { return false }
                    budget -= 1
                    let held = daySlot[taker * dayCount + day]
                    if held < 0 {
                        if tryReplace(slotIndex, position, with: taker, strict: true) { return true }
                    } else if held != slotIndex, let other = slots[held].members.firstIndex(of: taker), slots[held].movable[other] {
                        if tryExchange(slotIndex, position, held, other, strict: true) { return true }
                    }
                }
            }
        }
        for giver in givers {
            for day in 0..<dayCount {
                let slotIndex = daySlot[giver * dayCount + day]
                guard slotIndex >= 0, shifts[slots[slotIndex].shift].kinds[kind],
                    let position = slots[slotIndex].members.firstIndex(of: giver), slots[slotIndex].movable[position]
                else { continue }
                for taker in takers where taker != giver {
                    for otherDay in 0..<dayCount where otherDay != day {
                        let held = daySlot[taker * dayCount + otherDay]
                        guard held >= 0, !shifts[slots[held].shift].kinds[kind],
                            let other = slots[held].members.firstIndex(of: taker), slots[held].movable[other]
                        else { continue }
                        guard budget > 0 else { return false }
                        budget -= 1
                        if tryExchange(slotIndex, position, held, other, strict: true) { return true }
                    }
                }
            }
        }
        // A taker who is free but would break the team rules (an uncertified officer in place of
        // a certified one): replace another member too, with whoever restores the rules cheapest.
        for giver in givers {
            for day in 0..<dayCount {
                let slotIndex = daySlot[giver * dayCount + day]
                guard slotIndex >= 0, shifts[slots[slotIndex].shift].kinds[kind],
                    let position = slots[slotIndex].members.firstIndex(of: giver), slots[slotIndex].movable[position]
                else { continue }
                let shift = slots[slotIndex].shift
                var fillers: [Int]?
                for taker in takers where taker != giver && daySlot[taker * dayCount + day] < 0 {
                    var members = slots[slotIndex].members
                    members[position] = taker
                    guard !teamValid(members, shift), canTake(taker, shift) else { continue }
                    if fillers == nil {
                        let current = slots[slotIndex].members
                        fillers = people.indices.filter { !current.contains($0) && canTake($0, shift) }
                            .map { (marginalCost($0, shift), $0) }.sorted { $0 < $1 }.map(\.1)
                    }
                    for other in members.indices where other != position && slots[slotIndex].movable[other] {
                        var trial = members
                        guard
                            let filler = fillers?.first(where: { candidate in
                                guard candidate != taker else { return false }
                                trial[other] = candidate
                                return teamValid(trial, shift)
                            })
                        else { continue }
                        guard budget > 0 else { return false }
                        budget -= 1
                        if tryReplacePair(slotIndex, position, taker, other, filler) { return true }
                    }
                }
            }
        }
        return false
    }

    /// Replaces two members of one team at once; kept when the hard rules hold and the objective falls.
    mutating func tryReplacePair(_ slotIndex: Int, _ first: Int, _ firstIncoming: Int, _ second: Int, _ secondIncoming: Int) -> Bool {
        let slot = slots[slotIndex]
        let firstOutgoing = slot.members[first]
        let secondOutgoing = slot.members[second]
        var members = slot.members
        members[first] = firstIncoming
        members[second] = secondIncoming
        guard teamValid(members, slot.shift) else { return false }
        let involved = [firstOutgoing, secondOutgoing, firstIncoming, secondIncoming]
        let before = score(involved)
        let cells = spreadCells(involved, kinds: shifts[slot.shift].kinds)
        let spreads = cells.map(spread)
        apply(firstOutgoing, slot.shift, -1, slot: slotIndex)
        apply(secondOutgoing, slot.shift, -1, slot: slotIndex)
        var done = false
        if canTake(firstIncoming, slot.shift) {
            apply(firstIncoming, slot.shift, 1, slot: slotIndex)
            if canTake(secondIncoming, slot.shift) {
                apply(secondIncoming, slot.shift, 1, slot: slotIndex)
                if score(involved) < before - Self.tolerance && spreadsHold(cells, spreads) {
                    slots[slotIndex].members = members
                    done = true
                } else {
                    apply(secondIncoming, slot.shift, -1, slot: slotIndex)
                }
            }
            if !done { apply(firstIncoming, slot.shift, -1, slot: slotIndex) }
        }
        if !done {
            apply(secondOutgoing, slot.shift, 1, slot: slotIndex)
            apply(firstOutgoing, slot.shift, 1, slot: slotIndex)
        }
        return done
    }

    /// Seeded random replacements and exchanges that do not worsen the objective. True when one lowered it.
    mutating func randomMoves(_ count: Int, positions: [SearchPosition], byDay: [[SearchPosition]], groups: [[Int]]) -> Bool {
        var improved = false
        for _ in 0..<count {
            let chosen = positions[random.next(below: positions.count)]
            let outgoing = slots[chosen.slot].members[chosen.position]
            switch random.next(below: 4) {
            case 0, 1:
                let pool = groups[group[outgoing]]
                let incoming = random.next(below: 2) == 0 && !pool.isEmpty ? pool[random.next(below: pool.count)] : random.next(below: people.count)
                if let change = replace(chosen.slot, chosen.position, with: incoming, strict: false), change < -Self.tolerance {
                    improved = true
                }
            default:
                let sameDay = byDay[shifts[slots[chosen.slot].shift].day]
                let other = random.next(below: 2) == 0 && sameDay.count > 1 ? sameDay[random.next(below: sameDay.count)] : positions[random.next(below: positions.count)]
                if let change = exchange(chosen.slot, chosen.position, other.slot, other.position, strict: false), change < -Self.tolerance {
                    improved = true
                }
            }
        }
        return improved
    }

    /// Below this a change of the objective is rounding.
    static let tolerance = 1e-6

    /// ``replace(_:_:with:strict:)``, whether it was made.
    mutating func tryReplace(_ slotIndex: Int, _ position: Int, with incoming: Int, strict: Bool) -> Bool {
        replace(slotIndex, position, with: incoming, strict: strict) != nil
    }

    /// ``exchange(_:_:_:_:strict:)``, whether it was made.
    mutating func tryExchange(_ firstSlot: Int, _ firstPosition: Int, _ secondSlot: Int, _ secondPosition: Int, strict: Bool) -> Bool {
        exchange(firstSlot, firstPosition, secondSlot, secondPosition, strict: strict) != nil
    }

    /// Puts `incoming` in a team position instead of its member, when the team rules and
    /// `incoming`'s hard rules allow it and the objective falls (or, not `strict`, does not rise).
    /// The change of the objective, or nil when the move was not made.
    mutating func replace(_ slotIndex: Int, _ position: Int, with incoming: Int, strict: Bool) -> Double? {
        let slot = slots[slotIndex]
        let outgoing = slot.members[position]
        guard incoming != outgoing, !slot.members.contains(incoming) else { return nil }
        var members = slot.members
        members[position] = incoming
        guard teamValid(members, slot.shift) else { return nil }
        let before = score([outgoing, incoming])
        let cells = spreadCells([outgoing, incoming], kinds: shifts[slot.shift].kinds)
        let spreads = cells.map(spread)
        apply(outgoing, slot.shift, -1, slot: slotIndex)
        if canTake(incoming, slot.shift) {
            apply(incoming, slot.shift, 1, slot: slotIndex)
            let change = score([outgoing, incoming]) - before
            if (change < -Self.tolerance || (!strict && change <= Self.tolerance)) && spreadsHold(cells, spreads) {
                slots[slotIndex].members = members
                return change
            }
            apply(incoming, slot.shift, -1, slot: slotIndex)
        }
        apply(outgoing, slot.shift, 1, slot: slotIndex)
        return nil
    }

    /// Exchanges the members of two positions on different shifts, under the same conditions;
    /// the change of the objective, or nil when the move was not made.
    mutating func exchange(_ firstSlot: Int, _ firstPosition: Int, _ secondSlot: Int, _ secondPosition: Int, strict: Bool) -> Double? {
        let first = slots[firstSlot]
        let second = slots[secondSlot]
        guard first.shift != second.shift else { return nil }
        let a = first.members[firstPosition]
        let b = second.members[secondPosition]
        guard a != b, !first.members.contains(b), !second.members.contains(a) else { return nil }
        var firstMembers = first.members
        firstMembers[firstPosition] = b
        var secondMembers = second.members
        secondMembers[secondPosition] = a
        guard teamValid(firstMembers, first.shift), teamValid(secondMembers, second.shift) else { return nil }
        let before = score([a, b])
        let kinds = zip(shifts[first.shift].kinds, shifts[second.shift].kinds).map { $0 || $1 }
        let cells = spreadCells([a, b], kinds: kinds)
        let spreads = cells.map(spread)
        apply(a, first.shift, -1, slot: firstSlot)
        apply(b, second.shift, -1, slot: secondSlot)
        var change: Double?
        if canTake(a, second.shift) {
            apply(a, second.shift, 1, slot: secondSlot)
            if canTake(b, first.shift) {
                apply(b, first.shift, 1, slot: firstSlot)
                let delta = score([a, b]) - before
                if (delta < -Self.tolerance || (!strict && delta <= Self.tolerance)) && spreadsHold(cells, spreads) {
                    slots[firstSlot].members = firstMembers
                    slots[secondSlot].members = secondMembers
                    change = delta
                } else {
                    apply(b, first.shift, -1, slot: firstSlot)
                }
            }
            if change == nil { apply(a, second.shift, -1, slot: secondSlot) }
        }
        if change == nil {
            apply(b, second.shift, 1, slot: secondSlot)
            apply(a, first.shift, 1, slot: firstSlot)
        }
        return change
    }
}
