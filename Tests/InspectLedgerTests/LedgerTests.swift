import Testing
@testable import InspectLedger
