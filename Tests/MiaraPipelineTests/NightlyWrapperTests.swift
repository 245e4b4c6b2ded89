import Foundation
import XCTest

/// cron/miara-nightly.sh: rotates its log, refuses a missing pipeline file, passes miara's exit status.
final class NightlyWrapperTests: XCTestCase {
    func runWrapper(_ env: [String: String]) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [PeriodsKeywordTests.repo.appendingPathComponent("cron/miara-nightly.sh").path]
        p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    func testLogIsRotatedAndExitStatusPassedOn() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("miara-wrapper-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("n.log").path
        let pipeline = dir.appendingPathComponent("p.yaml").path
        try "inbox: inbox\n".write(toFile: pipeline, atomically: true, encoding: .utf8)
        let fake = dir.appendingPathComponent("fake-miara").path
        try "#!/bin/sh\necho \"fake run $*\"\nexit 3\n".write(toFile: fake, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake)
        let env = ["MIARA_HOME": dir.path, "MIARA_BIN": fake, "MIARA_LOG": log, "MIARA_PIPELINE": pipeline,
                   "MIARA_LOG_MAX_BYTES": "10", "MIARA_LOG_KEEP": "2"]
        for _ in 0..<4 { XCTAssertEqual(try runWrapper(env), 3) }
        let fm = FileManager.default
        XCTAssertTrue(fm.fileExists(atPath: log))
        XCTAssertTrue(fm.fileExists(atPath: log + ".1"))
        XCTAssertTrue(fm.fileExists(atPath: log + ".2"))
        XCTAssertFalse(fm.fileExists(atPath: log + ".3"), "only MIARA_LOG_KEEP rotated logs are kept")
        let text = try String(contentsOfFile: log, encoding: .utf8)
        XCTAssertTrue(text.contains("fake run run --pipeline \(pipeline)"), text)

        var missing = env
        missing["MIARA_PIPELINE"] = dir.appendingPathComponent("nope.yaml").path
        XCTAssertEqual(try runWrapper(missing), 2)
    }

    func testDefaultPipelineOfTheWrapperExists() throws {
        let script = try String(contentsOf: PeriodsKeywordTests.repo.appendingPathComponent("cron/miara-nightly.sh"), encoding: .utf8)
        XCTAssertTrue(script.contains("$MIARA_HOME/Pipelines/nightly.yaml"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: PeriodsKeywordTests.repo.appendingPathComponent("Pipelines/nightly.yaml").path))
    }
}
