import Testing
@testable import InspectWeather
