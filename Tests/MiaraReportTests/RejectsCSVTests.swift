import Foundation
import MiaraPipeline
@testable import MiaraStore
import XCTest

/// rejects.csv order (SPEC 9.1): file bytewise, line as a number, then column; input text escaped.
final class RejectsCSVTests: XCTestCase {
    func testSortedByFileBytesThenLineNumberThenColumn() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("miara-rejects-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store.open(dir.appendingPathComponent("s.sqlite").path, .readWrite)
        try store.db.execute("""
            INSERT INTO files (id, path, sha256, dataset, format, encoding, bytes, ingested_at, run_id)
            VALUES (1, 'x', 'h1', 'ngo/stays', 'csv', 'utf-8', 0, '2026-01-01T00:00:00Z', 'r')
            """)
        let nfc = "ngo/stays/\u{F3}.csv"          // ó precomposed
        let nfd = "ngo/stays/o\u{301}.csv"        // o + combining acute: Swift's == calls it equal to nfc
        // (file, line, column, raw) in scrambled order
        let input: [(String, Int, String, String)] = [
            ("ngo/stays/b.csv", 10, "admitted", "r1"),
            (nfc, 2, "person_id", "r2"),
            ("ngo/stays/b.csv", 9, "person_id", "r3"),
            (nfd, 5, "person_id", "r4"),
            ("ngo/stays/B.csv", 100, "", "=HYPERLINK(\"http://x\",\"y\")"),
            ("ngo/stays/b.csv", 10, "_discharged", "r6"),
            (nfc, 1, "stay_id", "r7"),
        ]
        for (f, l, c, raw) in input {
            try store.db.execute("""
                INSERT INTO rejects (file_id, file, line, dataset, "column", check_code, reason, raw, run_id)
                VALUES (1, ?, ?, 'ngo/stays', ?, 'C03', 'bad', ?, 'r')
                """, [.text(f), .integer(Int64(l)), .text(c), .text(raw)])
        }
        let url = dir.appendingPathComponent("rejects.csv")
        try RejectsCSV.write(db: store.db.writer, to: url)
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        XCTAssertEqual(lines.first, "file,line,dataset,column,check,reason,raw")
        // 'B' (0x42) < 'b' (0x62); line 9 < 10 as numbers; '_' (0x5F) < 'a'; "o" + U+0301 (0x6F…)
        // < U+00F3 (0xC3 0xB3) bytewise, and the two spellings stay apart (compared as Swift Strings
        // they are equal, and line 5 would sort after lines 1 and 2).
        XCTAssertEqual(lines.dropFirst().map { $0.split(separator: ",").prefix(2).joined(separator: ",") }, [
            "ngo/stays/B.csv,100", "ngo/stays/b.csv,9", "ngo/stays/b.csv,10", "ngo/stays/b.csv,10",
            "\(nfd),5", "\(nfc),1", "\(nfc),2",
        ])
        XCTAssertTrue(lines[3].contains(",_discharged,"), lines[3])
        XCTAssertTrue(lines[4].contains(",admitted,"), lines[4])
        // text from the input that starts with = is escaped, so no spreadsheet runs it
        XCTAssertTrue(lines[1].hasSuffix(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""), lines[1])
    }
}
