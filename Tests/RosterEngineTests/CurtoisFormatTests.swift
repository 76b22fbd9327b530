import Testing

@testable import RosterEngine

@Suite struct CurtoisFormatTests {
    @Test func loadsInstance1() throws {
        let p = try Fixture.instance1()
        #expect(p.name == "Instance1")
        #expect(p.horizon == 14)
        #expect(p.shifts == [ShiftType(id: "D", minutes: 480, cannotFollow: [])])
        #expect(p.employeeCount == 8)
        #expect(
            p.employees[0]
                == EmployeeRules(
                    id: "A", maxShifts: [14], maxTotalMinutes: 4320, minTotalMinutes: 3360, maxConsecutiveShifts: 5,
                    minConsecutiveShifts: 2, minConsecutiveDaysOff: 2, maxWeekends: 1))
        #expect(p.daysOff[0] == [0])
        #expect(p.daysOff[1] == [5])
        #expect(p.onRequests.count + p.offRequests.count > 0)
        #expect(p.cover.count == 14)
        #expect(p.cover.allSatisfy { $0.underWeight == 100 && $0.overWeight == 1 })
    }

    @Test func loadsEverySectionWithMultiCharacterIDs() throws {
        let p = try Fixture.smallProblem()
        #expect(p.horizon == 7)
        #expect(p.shifts.map(\.id) == ["e1", "n2", "d3"])
        #expect(p.shifts[1] == ShiftType(id: "n2", minutes: 600, cannotFollow: [0, 2]))
        #expect(p.employees[1].maxShifts == [0, 7, 0])
        #expect(p.employees[1].minConsecutiveDaysOff == 1)
        #expect(p.daysOff == [[2, 6], []])
        #expect(p.onRequests == [ShiftRequest(employee: 1, day: 0, shift: 1, weight: 3)])
        #expect(p.offRequests == [ShiftRequest(employee: 0, day: 1, shift: 0, weight: 2)])
        #expect(p.cover[2] == CoverRequirement(day: 3, shift: 1, requirement: 0, underWeight: 100, overWeight: 5))
    }

    @Test(
        arguments: [
            ("SECTION_HORIZON\nx\n", 2, "horizon: expected an integer"),
            ("7\n", 1, "data before the first SECTION_"),
            ("SECTION_HORIZON\n7\n\nSECTION_NOPE\n", 4, "unknown section"),
            ("SECTION_HORIZON\n7\n\nSECTION_SHIFTS\nD,480,X\n\nSECTION_STAFF\n", 5, "unknown shift 'X'"),
            ("SECTION_HORIZON\n7\n\nSECTION_SHIFTS\nD,480,\nD,480,\n", 6, "defined twice"),
            ("SECTION_HORIZON\n7\n\nSECTION_SHIFTS\nD,480,\n\nSECTION_STAFF\nA,D=7,1,0,5\n", 8, "expected 8 fields"),
            ("SECTION_HORIZON\n7\n\nSECTION_SHIFTS\nD,480,\n\nSECTION_STAFF\nA,Q=7,1,0,5,1,1,1\n", 8, "unknown shift 'Q'"),
            (
                "SECTION_HORIZON\n7\n\nSECTION_SHIFTS\nD,480,\n\nSECTION_STAFF\nA,D=7,1,0,5,1,1,1\n\n"
                    + "SECTION_DAYS_OFF\nA,9\n", 11, "outside the horizon"
            ),
            (
                "SECTION_HORIZON\n7\n\nSECTION_SHIFTS\nD,480,\n\nSECTION_STAFF\nA,D=7,1,0,5,1,1,1\n\n"
                    + "SECTION_SHIFT_ON_REQUESTS\nZ,1,D,1\n", 11, "unknown employee 'Z'"
            ),
            (
                "SECTION_HORIZON\n7\n\nSECTION_SHIFTS\nD,480,\n\nSECTION_STAFF\nA,D=7,1,0,5,1,1,1\n\n"
                    + "SECTION_COVER\n0,D,1,100,1\n0,D,2,100,1\n", 12, "second cover line"
            ),
            ("SECTION_SHIFTS\nD,480,\n", 1, "SECTION_HORIZON must come before"),
            ("SECTION_HORIZON\n7\n\nSECTION_SHIFTS\nD,480,\n", 5, "missing SECTION_STAFF by the end of the file"),
            ("SECTION_HORIZON\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\nA,,0,0,0,0,0,0\n", 2, "SECTION_HORIZON has no value"),
            ("SECTION_HORIZON\n9223372036854775807\nSECTION_SHIFTS\nD,480,\nSECTION_STAFF\nA,,0,0,0,0,0,0\nSECTION_COVER\n9223372036854775806,D,1,1,1\n", 2, "horizon: 9223372036854775807 is above 3660"),
            ("SECTION_HORIZON\n7\n\nSECTION_SHIFTS\nD,-5,\n", 5, "below 1"),
        ])
    func rejectsMalformedFiles(text: String, line: Int, message: String) {
        #expect {
            _ = try CurtoisFormat.parse(text, name: "bad")
        } throws: { error in
            guard let error = error as? CurtoisFormatError else { return false }
            return error.line == line && error.message.contains(message)
        }
    }

    @Test func writesAndReadsBackRosters() throws {
        let p = try Fixture.smallProblem()
        var r = Roster(employeeCount: 2, horizon: 7)
        r[0, 0] = 0
        r[0, 3] = 1
        r[1, 6] = 1
        let text = CurtoisFormat.write(r, for: p)
        #expect(text == "e1 - - n2 - - -\n- - - - - - n2\n")
        #expect(try CurtoisFormat.parseRoster(text, for: p) == r)
        #expect(try CurtoisFormat.parseRoster("B: - - - - - - n2\nA e1 . - n2 - - -\n", for: p) == r)
        #expect(throws: CurtoisFormatError.self) { try CurtoisFormat.parseRoster("e1 - -\n", for: p) }
    }
}
