import Foundation
import MiaraValues
import XCTest
@testable import MiaraGenerate
final class DebugTmp: XCTestCase {
    func testDump() throws {
        let env = ProcessInfo.processInfo.environment
        guard let scale = env["GEN_SCALE"].flatMap(GeneratorScale.init(rawValue:)) else { return }
        let dir = URL(fileURLWithPath: env["GEN_OUT"] ?? "/tmp/gen-debug")
        try? FileManager.default.removeItem(at: dir)
        let t0 = Date()
        let s = try InboxGenerator.generate(GeneratorOptions(scale: scale, seed: 7, outDir: dir, asOf: Day(year: 2024, month: 6, day: 30)!, corrupt: env["GEN_CORRUPT"] == "1"))
        print("GEN elapsed \(Date().timeIntervalSince(t0)) persons \(s.persons) stays \(s.stays) services \(s.serviceRows) rejects \(s.expectedRejects) files \(s.files.count)")
        if env["GEN_LIST"] == "1" { for f in s.files { print("GENFILE \(f.path)\t\(f.rows)") } }
    }
}
