import Testing

@testable import InspectLedger

@Suite struct CaseTransitionsTests {
    /// The whole table, written out independently of the implementation.
    static let allowed: [CaseStatus: Set<CaseStatus>] = [
        .open: [.inProgress, .rectified, .shutDown],
        .inProgress: [.rectified, .shutDown],
        .rectified: [.inProgress, .verified, .shutDown],
        .verified: [.inProgress, .closed],
        .closed: [],
        .shutDown: [],
    ]

    @Test(arguments: CaseStatus.allCases)
    func table(from: CaseStatus) {
        for to in CaseStatus.allCases {
            let expected = Self.allowed[from]!.contains(to)
            #expect(CaseTransitions.isAllowed(from: from, to: to) == expected, "\(from.rawValue) → \(to.rawValue)")
            #expect((CaseTransitions.check(from: from, to: to) == nil) == expected)
        }
        #expect(Set(CaseTransitions.allowedTargets(from: from)) == Self.allowed[from]!)
    }

    @Test func refusalsSayWhatToDo() {
        func message(_ from: CaseStatus, _ to: CaseStatus) -> String? { CaseTransitions.check(from: from, to: to)?.message }
        #expect(message(.rectified, .rectified) == "the case is already rectified (已整改); nothing to change")
        #expect(message(.open, .open) == "the case is already open (未整改); nothing to change")
        #expect(message(.rectified, .closed) == "a case is closed (已销号) only after it is verified (已验收); record the on-site verification first")
        #expect(message(.inProgress, .closed) == "a case is closed (已销号) only after it is verified (已验收); rectify it and have it verified first")
        #expect(message(.open, .verified) == "a case is verified (已验收) only after it is rectified (已整改); record the rectification first")
        #expect(message(.verified, .rectified) == "the case is already verified (已验收); if verification failed, set it to in_progress (整改中) instead")
        #expect(message(.inProgress, .open) == "a case never goes back to open (未整改); set it to in_progress (整改中) instead")
        #expect(message(.closed, .inProgress) == "the case is closed (已销号) and stays closed; if the problem recurs, open a new case")
        #expect(message(.shutDown, .open) == "the polluter was shut down (关停取缔) and the case stays so; if it resumes, open a new case")
        #expect(
            message(.verified, .shutDown)
                == "the case is verified (已验收); close it (销号) instead, or set it to in_progress (整改中) if verification failed")
    }

    @Test func validateThrowsWithADescription() {
        #expect(throws: CaseTransitionError.self) { try CaseTransitions.validate(from: .open, to: .closed) }
        do {
            try CaseTransitions.validate(from: .open, to: .closed)
        } catch {
            #expect(error.from == .open)
            #expect(error.to == .closed)
            #expect(
                error.description
                    == "cannot change open (未整改) to closed (已销号): a case is closed (已销号) only after it is verified (已验收); "
                    + "rectify it and have it verified first")
        }
        #expect(throws: Never.self) { try CaseTransitions.validate(from: .verified, to: .closed) }
    }
}
