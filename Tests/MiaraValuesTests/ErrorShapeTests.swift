import Foundation
import XCTest

/// One error shape (issue 20): every error type declared in Sources is `MiaraError`, or one of a
/// short list whose every member says what it is — a cause a `MiaraError` carries, a validation
/// outcome that becomes a reject row, or a control-flow signal caught where it is thrown — and
/// none of those is thrown where a user could see it. And no error is swallowed without a comment
/// saying why. The lists are written here by hand: a new error type fails until it is one of them.
final class ErrorShapeTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Carried as a `MiaraError`'s `cause`, never thrown alone.
    static let causes: Set<String> = ["DatabaseError", "SystemError"]
    /// A `Result`'s failure that becomes a reject row (`Result` needs `Error`), never thrown.
    static let outcomes: Set<String> = ["ValueError", "RowFailure"]
    /// Thrown and caught inside one function (or its callback), never reaching a user; each has
    /// `// Control flow only:` on the line above.
    static let signals: Set<String> = ["Cancelled", "Done", "StopForC15", "UnknownParameter"]

    /// Every Swift file below `Sources`, with its text.
    func sources() throws -> [(path: String, text: String)] {
        let base = Self.root.appendingPathComponent("Sources")
        let walker = try XCTUnwrap(FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil))
        var out: [(String, String)] = []
        for case let url as URL in walker where url.pathExtension == "swift" {
            out.append((String(url.path.dropFirst(Self.root.path.count + 1)), try String(contentsOf: url, encoding: .utf8)))
        }
        XCTAssertGreaterThan(out.count, 100, "the Sources files were not found below \(base.path)")
        return out.sorted { $0.0 < $1.0 }
    }

    /// The code of a line: the text before a `//` comment.
    static func code(_ line: String) -> String {
        line.range(of: "//").map { String(line[..<$0.lowerBound]) } ?? line
    }

    /// `(name, line index)` of each type declared conforming to `Error` on `lines`.
    static func errorTypes(_ lines: [String]) -> [(name: String, line: Int)] {
        let declaration = try! NSRegularExpression(
            pattern: #"\b(?:struct|enum|class|actor|extension)\s+([A-Za-z_][A-Za-z0-9_.]*)\s*(?:<[^>]*>)?\s*:([^{]*)"#)
        var out: [(String, Int)] = []
        for (i, line) in lines.enumerated() {
            let c = code(line) as NSString
            for m in declaration.matches(in: c as String, range: NSRange(location: 0, length: c.length)) {
                let conformances = c.substring(with: m.range(at: 2)).split(separator: ",")
                    .map { $0.trimmingCharacters(in: .whitespaces).components(separatedBy: " ").first ?? "" }
                if conformances.contains("Error") || conformances.contains("Swift.Error") { out.append((c.substring(with: m.range(at: 1)), i)) }
            }
        }
        return out
    }

    func testEveryDeclaredErrorTypeIsMiaraErrorOrAListedCauseOutcomeOrSignal() throws {
        var found: [String: [String]] = [:]
        var unlisted: [String] = [], unproved: [String] = []
        for (path, text) in try sources() {
            let lines = text.components(separatedBy: "\n")
            for (name, i) in Self.errorTypes(lines) {
                found[name, default: []].append("\(path):\(i + 1)")
                if name == "MiaraError" || Self.causes.contains(name) || Self.outcomes.contains(name) { continue }
                guard Self.signals.contains(name) else { unlisted.append("\(path):\(i + 1) \(name)"); continue }
                if i == 0 || !lines[i - 1].trimmingCharacters(in: .whitespaces).hasPrefix("// Control flow only:") {
                    unproved.append("\(path):\(i + 1) \(name)")
                }
            }
        }
        XCTAssertEqual(unlisted, [], "an error type that is not MiaraError: make it one, or a cause, outcome or signal listed here")
        XCTAssertEqual(unproved, [], "a control-flow signal without `// Control flow only:` on the line above")
        XCTAssertEqual(found["MiaraError"]?.count, 1, "MiaraError is declared once: \(found["MiaraError"] ?? [])")
        // The lists hold nothing stale: each names a type that exists.
        for name in Self.causes.union(Self.outcomes).union(Self.signals) {
            XCTAssertNotNil(found[name], "\(name) is listed but no longer declared")
        }
        print("ErrorShapeTests: \(found.values.map(\.count).reduce(0, +)) error types declared in Sources: \(found.keys.sorted())")
    }

    func testCausesAndOutcomesAreNeverThrownAndSignalsAreCaughtWhereThrown() throws {
        var thrown: [String] = []
        let all = try sources()
        for (path, text) in all {
            for (i, line) in text.components(separatedBy: "\n").enumerated() {
                let c = Self.code(line)
                // Nor a Foundation error made here: miara's own failures are MiaraErrors.
                for name in Self.causes.union(Self.outcomes).union(["CocoaError", "POSIXError", "NSError"]) where c.contains("throw \(name)(") {
                    thrown.append("\(path):\(i + 1) throws \(name)")
                }
            }
        }
        XCTAssertEqual(thrown, [], "a cause, a validation outcome or a Foundation error thrown: throw a MiaraError (carrying it as its cause)")
        // A signal is thrown and caught in the one file that declares it.
        for name in Self.signals {
            let files = all.filter { $0.text.contains("throw \(name)(") }
            XCTAssertEqual(files.count, 1, "\(name) is thrown in \(files.map(\.path))")
            for f in files {
                XCTAssertTrue(f.text.contains("catch is \(name)") || f.text.contains("as? \(name)") || f.text.contains("as \(name)")
                              || f.text.contains("is \(name)"), "\(name) is thrown in \(f.path) but not caught there")
            }
        }
    }

    /// The body of the block that opens at the first `{` at or after `start` in `text`.
    static func block(_ text: [Character], from start: Int) -> String {
        guard let open = text[start...].firstIndex(of: "{") else { return "" }
        var depth = 0
        for j in open..<text.count {
            if text[j] == "{" { depth += 1 }
            if text[j] == "}" { depth -= 1; if depth == 0 { return String(text[(open + 1)..<j]) } }
        }
        return String(text[(open + 1)...])
    }

    func testEverySwallowedErrorHasACommentSayingWhy() throws {
        let catchClause = try NSRegularExpression(pattern: #"\bcatch\b([^{]*)\{"#)
        let tryQuestion = try NSRegularExpression(pattern: #"\btry\?"#)
        var silent: [String] = []
        for (path, text) in try sources() {
            let lines = text.components(separatedBy: "\n")
            let chars = Array(text)
            var offset = 0   // in characters, of the current line's start
            for (i, line) in lines.enumerated() {
                defer { offset += line.count + 1 }
                let c = Self.code(line) as NSString
                let range = NSRange(location: 0, length: c.length)
                // A comment on the line or on one of the three above says why.
                let commented = lines[max(0, i - 3)...i].contains { $0.contains("//") }
                if tryQuestion.firstMatch(in: c as String, range: range) != nil, !commented {
                    silent.append("\(path):\(i + 1): \(line.trimmingCharacters(in: .whitespaces))")
                }
                for m in catchClause.matches(in: c as String, range: range) {
                    let clause = c.substring(with: m.range(at: 1))
                    let start = offset + (c.substring(to: m.range.location) as String).count
                    let body = Self.block(chars, from: start)
                    // Handled: the body throws, or uses the error it caught.
                    let bound = clause.range(of: #"let\s+(\w+)"#, options: .regularExpression)
                        .map { String(clause[$0].split(separator: " ").last ?? "") }
                    let names = ["throw", "error"] + (bound.map { [$0] } ?? [])
                    let uses = names.contains { body.range(of: "\\b\($0)\\b", options: .regularExpression) != nil }
                    if !uses && !commented && !body.contains("//") {
                        silent.append("\(path):\(i + 1): \(line.trimmingCharacters(in: .whitespaces))")
                    }
                }
            }
        }
        XCTAssertEqual(silent, [], "an error dropped (try? or a catch that neither throws nor uses it) without a comment saying why")
    }

    /// The scanner itself, on lines written here: it must see what it is meant to see.
    func testTheScannerFindsErrorTypesAndTellsSignalsApart() {
        let lines = ["public struct Broken: Error {}", "    enum Failure: Swift.Error, Sendable {}",
                     "struct Fine: Sendable, CustomStringConvertible {}", "final class Oops: NSObject, Error {",
                     "// struct Commented: Error {}"]
        XCTAssertEqual(Self.errorTypes(lines).map(\.name), ["Broken", "Failure", "Oops"])
    }
}
