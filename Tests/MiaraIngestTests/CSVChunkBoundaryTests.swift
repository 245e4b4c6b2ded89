import Foundation
@testable import MiaraIngest
import MiaraTestSupport
import MiaraValues
import XCTest

/// The CSV reader takes a field's plain bytes a stretch at a time out of 1 MiB read buffers:
/// records that straddle a buffer's end read as they were written, wherever the end falls
/// (inside a quoted field, an embedded line break, a doubled quote or a CRLF).
final class CSVChunkBoundaryTests: XCTestCase {
    func testRecordsAcrossReadBuffersReadAsWritten() throws {
        var rng = PropertySeed.generator("CSVChunkBoundaryTests.testRecordsAcrossReadBuffersReadAsWritten")
        let pieces = ["a", "B", "7", " ", ",", "\"", "\n", "\r\n", "ż", "-", "xyz"]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("miara-csv-chunks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for n in 0..<3 {
            var text = "id,note,more\r\n"
            var expected: [(line: Int, cells: [String?])] = []
            var line = 2
            var k = 0
            while text.utf8.count < (1 << 20) + 150_000 {
                k += 1
                var fields = ["r\(k)"]
                for _ in 0..<2 { fields.append((0..<Int.random(in: 0..<30, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()) }
                var written: [String] = []
                for f in fields {
                    let special = f.contains(",") || f.contains("\"") || f.contains("\n")
                    written.append(special || Bool.random(using: &rng) ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f)
                }
                text += written.joined(separator: ",") + (Bool.random(using: &rng) ? "\r\n" : "\n")
                // Independent expectation: the value trimmed of spaces, tabs and line breaks at its ends.
                let cells = fields.map { f -> String? in
                    let t = f.trimmingCharacters(in: CharacterSet(charactersIn: " \t\r\n"))
                    return t.isEmpty ? nil : t
                }
                expected.append((line, cells))
                // A record spans one line per LF it holds (CRLF and LF each end one line; no lone CR here).
                line += 1 + fields.reduce(0) { $0 + $1.utf8.filter { $0 == 10 }.count }
            }
            let url = folder.appendingPathComponent("f\(n).csv")
            try Data(text.utf8).write(to: url)
            var read: [(line: Int, cells: [String?])] = []
            _ = try TabularFile.read(url: url, format: .csv, scan: FileScan(url: url), onHeader: { names, _ in
                XCTAssertEqual(names, ["id", "note", "more"])
            }, onRecord: { rec in
                XCTAssertFalse(rec.malformed, "line \(rec.line)")
                read.append((rec.line, rec.cells.map { $0?.text }))
            })
            XCTAssertEqual(read.count, expected.count, "file \(n)")
            for (r, e) in zip(read, expected) where r.line != e.line || r.cells != e.cells {
                XCTFail("file \(n): read line \(r.line) \(r.cells), written line \(e.line) \(e.cells)")
                break
            }
        }
    }
}
