import Foundation
import MiaraTestSupport
import MiaraValues
import XCTest

/// `UTCTimestamp` against Foundation's `ISO8601DateFormatter` (the formatter it replaced), on
/// random instants from 1970 to 2200 with fractions of a second, and on the edges of a day.
final class UTCTimestampTests: XCTestCase {
    func testEveryInstantIsFormattedAsFoundationsInternetDateTimeFormatterDoes() {
        var rng = PropertySeed.generator("UTCTimestampTests.testEveryInstantIsFormattedAsFoundationsInternetDateTimeFormatterDoes")
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        f.formatOptions = [.withInternetDateTime]
        var instants = [0, 59.999, 86_399.5, 86_400, 951_782_400, 1_796_601_599.75].map { Date(timeIntervalSince1970: $0) }
        instants += (0..<2_000).map { _ in Date(timeIntervalSince1970: Double.random(in: 0..<7_258_118_400, using: &rng)) }
        for d in instants {
            XCTAssertEqual(UTCTimestamp.string(d), f.string(from: d), "\(d.timeIntervalSince1970)")
        }
        XCTAssertEqual(UTCTimestamp.string(Date(timeIntervalSince1970: 1_796_601_599.75)), "2026-12-06T23:59:59Z")
    }
}
