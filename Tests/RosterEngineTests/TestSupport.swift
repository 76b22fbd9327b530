import Foundation
import Testing

@testable import RosterEngine

enum Fixture {
    static func text(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Fixtures"))
        return try String(contentsOf: url, encoding: .utf8)
    }

    static func instance1() throws -> RosterProblem {
        try CurtoisFormat.parse(try text("Instance1"), name: "Instance1")
    }

    /// A small instance with every section, multi-character shift IDs and a
    /// multi-entry cannot-follow list.
    static let small = """
        # a hand-made instance
        SECTION_HORIZON
        7

        SECTION_SHIFTS
        # ShiftID, Length in mins, Shifts which cannot follow this shift | separated
        e1,480,
        n2,600,e1|d3
        d3,480,

        SECTION_STAFF
        A,e1=7|n2=2|d3=7,2400,960,3,2,2,1
        B,e1=0|n2=7|d3=0,3000,0,4,1,1,1

        SECTION_DAYS_OFF
        A, 2, 6

        SECTION_SHIFT_ON_REQUESTS
        B,0,n2,3

        SECTION_SHIFT_OFF_REQUESTS
        A,1,e1,2

        SECTION_COVER
        0,e1,1,100,1
        0,n2,2,100,1
        3,n2,0,100,5
        6,e1,1,100,1

        """

    static func smallProblem() throws -> RosterProblem { try CurtoisFormat.parse(small, name: "small") }

    /// A random roster that respects fixed days off and zero limits, and nothing else.
    static func randomRoster(_ p: RosterProblem, seed: UInt64) -> Roster {
        var rng = Xoshiro256(seed: seed)
        var roster = Roster(employeeCount: p.employeeCount, horizon: p.horizon)
        for e in 0..<p.employeeCount {
            for d in 0..<p.horizon {
                let v = rng.below(p.shiftCount + 1)
                roster[e, d] = v == 0 ? nil : v - 1
            }
        }
        return roster
    }
}
