import Foundation
import XCTest

/// The compiler checks data races (Swift 6 language mode for every target); where a type opts out
/// with `@unchecked Sendable` or `nonisolated(unsafe)`, the line above says why it is safe, and
/// no thread is started outside the work pool.
final class ConcurrencyProofTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Every Swift file below `folder`, with its lines.
    func swiftFiles(_ folder: String) throws -> [(path: String, lines: [String])] {
        let base = Self.root.appendingPathComponent(folder)
        let walker = try XCTUnwrap(FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil))
        var out: [(String, [String])] = []
        for case let url as URL in walker where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            out.append((String(url.path.dropFirst(Self.root.path.count + 1)), text.components(separatedBy: "\n")))
        }
        XCTAssertFalse(out.isEmpty, "no Swift files read below \(base.path)")
        return out
    }

    func testEveryUncheckedSendableHasAProofOnTheLineAbove() throws {
        // Written in parts, so this file's own lines are not taken for opt-outs.
        let unchecked = "@unchecked" + " Sendable", unsafe = "nonisolated" + "(unsafe)"
        var missing: [String] = []
        for folder in ["Sources", "Tests"] {
            for (path, lines) in try swiftFiles(folder) {
                for (i, line) in lines.enumerated() {
                    let code = line.trimmingCharacters(in: .whitespaces)
                    guard !code.hasPrefix("//"), code.contains(unchecked) || code.contains(unsafe) else { continue }
                    let above = i > 0 ? lines[i - 1].trimmingCharacters(in: .whitespaces) : ""
                    let previousOptOut = above.contains(unsafe) && !above.hasPrefix("//")   // two in a row share a proof
                    if !(above.hasPrefix("// @unchecked proof:") || above.hasPrefix("// \(unsafe) proof:") || previousOptOut) {
                        missing.append("\(path):\(i + 1)")
                    }
                }
            }
        }
        XCTAssertEqual(missing, [], "an opt-out of the data-race checks without a one-line proof above it")
    }

    func testThreadsAreStartedOnlyByTheWorkPool() throws {
        let starters = ["Thread {", "Thread(", "detachNewThread", "DispatchQueue.concurrentPerform", "DispatchQueue.global", ".async {",
                        "OperationQueue", "Task {", "Task.detached"]
        var found: [String] = []
        for (path, lines) in try swiftFiles("Sources") where !path.hasPrefix("Sources/MiaraValues/WorkPool") {
            for (i, line) in lines.enumerated() where starters.contains(where: line.contains) {
                found.append("\(path):\(i + 1)")
            }
        }
        XCTAssertEqual(found, [])
    }

    func testThePackageUsesTheSwift6LanguageMode() throws {
        let manifest = try String(contentsOf: Self.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        XCTAssertTrue(manifest.contains("swiftLanguageModes: [.v6]"))
        XCTAssertFalse(manifest.contains(".v5"))
    }
}
