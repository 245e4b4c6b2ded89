import MiaraIngest
@testable import MiaraStore
import MiaraValues
import XCTest

/// CSV edge cases of SPEC 1.2: quoting, BOM, Windows-1250, CRLF, ragged rows, blank lines.
final class CSVDialectTests: XCTestCase {
    func ingestProviders(_ bytes: [UInt8]) throws -> (IngestHarness, Store, FileReport) {
        let h = try IngestHarness()
        try h.file("ngo/providers/p.csv", bytes: bytes)
        let (store, reports) = try h.ingest()
        return (h, store, reports[0])
    }

    func names(_ store: Store) throws -> [String] {
        try store.db.query("SELECT name FROM providers ORDER BY provider_id").map { $0[0].text! }
    }

    func testQuotedDelimitersNewlinesAndDoubledQuotes() throws {
        let text = "provider_id,name,legal_form\n0000000001,\"Fundacja \"\"Dom\"\", Częstochowa\",foundation\n0000000002,\"Dwie\nlinie\",association\n0000000003,Trzecia,other\n"
        let (h, store, r) = try ingestProviders(Array(text.utf8))
        XCTAssertEqual(try names(store), ["Fundacja \"Dom\", Częstochowa", "Dwie\nlinie", "Trzecia"])
        // The record with the embedded newline starts on line 3; the next one on line 5.
        XCTAssertEqual(try store.db.query("SELECT line FROM providers ORDER BY provider_id").map { $0[0].int! }, [2, 3, 5])
        XCTAssertEqual([r.rowsRead, r.rowsAccepted], [3, 3])
        XCTAssertEqual(try h.rejects(store), [])
    }

    func testBOMAndCRLFAndSemicolonDialect() throws {
        let text = "\u{FEFF}Provider_ID ; NAME;legal_form\r\n0000000001;\"A;B\";Foundation\r\n0000000002;C;\r\n"
        let (_, store, r) = try ingestProviders(Array(text.utf8))
        XCTAssertEqual(try names(store), ["A;B", "C"])
        XCTAssertEqual(r.encoding, "utf-8-bom")
        XCTAssertEqual(try store.db.scalar("SELECT legal_form FROM providers WHERE provider_id = 'KRS:0000000001'")?.text, "foundation")
    }

    func testWindows1250PolishLetters() throws {
        let letters = "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ"
        // The letters in Windows-1250, byte by byte from the code page's table (not miara's encoder).
        let cp1250: [UInt8] = [0xB9, 0xE6, 0xEA, 0xB3, 0xF1, 0xF3, 0x9C, 0x9F, 0xBF, 0xA5, 0xC6, 0xCA, 0xA3, 0xD1, 0xD3, 0x8C, 0x8F, 0xAF]
        let bytes = Array("provider_id;name\n0000000001;".utf8) + cp1250 + [0x0A]
        XCTAssertNil(String(validating: bytes, as: UTF8.self))
        let (_, store, r) = try ingestProviders(bytes)
        XCTAssertEqual(r.encoding, "windows-1250")
        XCTAssertEqual(try names(store), [letters])
    }

    func testEmptyTrailingFieldsRaggedRowsAndBlankLines() throws {
        let text = "provider_id,name,legal_form\n\n0000000001,A,\n,,\n0000000002,B\n   \n0000000003,C,other,extra\n0000000004,D,\n\n"
        let (h, store, r) = try ingestProviders(Array(text.utf8))
        XCTAssertEqual(try names(store), ["A", "D"])
        XCTAssertEqual(try h.rejects(store), ["ngo/providers/p.csv:5::C14", "ngo/providers/p.csv:7::C14"])
        // Blank lines and lines of only empty fields are neither read nor counted.
        XCTAssertEqual([r.rowsRead, r.rowsAccepted, r.rowsRejected], [4, 2, 2])
    }

    func testUnterminatedQuoteMakesRestOfFileOneMalformedRecord() throws {
        let text = "provider_id,name\n0000000001,A\n0000000002,\"B\n0000000003,C\n"
        let (h, store, r) = try ingestProviders(Array(text.utf8))
        XCTAssertEqual(try names(store), ["A"])
        XCTAssertEqual(try h.rejects(store), ["ngo/providers/p.csv:3::C14"])
        XCTAssertEqual(r.rowsRead, 2)
    }

    func testDecimalFormsByDialect() {
        XCTAssertEqual(ValueParser.decimal("1234.5", commaDecimal: false), 1234.5)
        XCTAssertEqual(ValueParser.decimal("1 234.50", commaDecimal: false), 1234.5)
        XCTAssertNil(ValueParser.decimal("1234,5", commaDecimal: false))
        XCTAssertEqual(ValueParser.decimal("1234,5", commaDecimal: true), 1234.5)
        XCTAssertEqual(ValueParser.decimal("1\u{00A0}234,50", commaDecimal: true), 1234.5)
        XCTAssertEqual(ValueParser.decimal("1234.5", commaDecimal: true), 1234.5)
        XCTAssertNil(ValueParser.decimal("1.234,50", commaDecimal: true))
        XCTAssertNil(ValueParser.decimal("12 34,5", commaDecimal: true))
        XCTAssertEqual(ValueParser.decimal("-3", commaDecimal: false), -3)
    }

    func testSemicolonFileAcceptsCommaDecimalsAndPolishDates() throws {
        let h = try IngestHarness()
        try h.baseline()
        try h.file("ngo/contracts/c.csv", "contract_id;teryt;provider_id;facility_id;service;start;end;amount_pln\nK1;2464011;KRS:0000184388;F1;night_shelter;01.01.2024;31.12.2024;\"1 234,50\"\n")
        let (store, _) = try h.ingest()
        XCTAssertEqual(try h.rejects(store), [])
        XCTAssertEqual(try store.db.query("SELECT start, \"end\", amount_pln FROM contracts")[0], [.text("2024-01-01"), .text("2024-12-31"), .real(1234.5)])
    }
}
