import Testing
@testable import InspectNotices
