import MiaraValues
import XCTest

/// The PESEL rule and the pseudonym, against numbers worked out by hand and known answers.
final class PersonalDataTests: XCTestCase {
    func testPESELChecksum() {
        // 4·1 + 4·3 + 0·7 + 5·9 + 1·1 + 4·3 + 0·7 + 1·9 + 3·1 + 5·3 = 101 → (10 − 1) mod 10 = 9.
        XCTAssertTrue(PESEL.isValid("44051401359"))
        XCTAssertFalse(PESEL.isValid("44051401358"))
        XCTAssertTrue(PESEL.isValid("02070803628"))   // sum 52 → check 8
        XCTAssertFalse(PESEL.isValid("4405140135"))    // 10 digits
        XCTAssertFalse(PESEL.isValid("4405140135a"))
    }

    func testMaskingReplacesOnlyStandaloneValidRuns() {
        XCTAssertEqual(PersonalData.masked("kod spoza listy: 44051401359"), "kod spoza listy: [PESEL]")
        XCTAssertEqual(PersonalData.masked("44051401359,02070803628"), "[PESEL],[PESEL]")
        XCTAssertEqual(PersonalData.masked("x44051401359y"), "x[PESEL]y")           // letters are no digits
        XCTAssertEqual(PersonalData.masked("144051401359"), "144051401359")          // 12 digits: not a PESEL
        XCTAssertEqual(PersonalData.masked("44051401358"), "44051401358")            // wrong check digit
        XCTAssertEqual(PersonalData.masked("ngo/stays/44051401359.csv"), "ngo/stays/[PESEL].csv")
        XCTAssertEqual(PersonalData.masked("2024-01-01"), "2024-01-01")
        XCTAssertFalse(PersonalData.containsPESEL("P1359128048243803c13e"))
    }

    func testPseudonymKnownAnswer() {
        // HMAC-SHA256("test-key", "44051401359"), first 20 hex digits, computed outside miara.
        let p = Pseudonymiser(keyBytes: Array("test-key".utf8))
        XCTAssertEqual(p.pseudonym(forPESEL: "44051401359"), "P1359128048243803c13e")
    }

    func testIdentifierRule() {
        let key = Pseudonymiser(keyBytes: Array("test-key".utf8))
        guard case .success(let r) = PersonalData.identifier("44051401359", pseudonymiser: key) else { return XCTFail() }
        XCTAssertEqual(r.value, "P1359128048243803c13e")
        XCTAssertTrue(r.pseudonymised)
        guard case .success(let plain) = PersonalData.identifier("F-12", pseudonymiser: key) else { return XCTFail() }
        XCTAssertEqual(plain.value, "F-12")
        XCTAssertFalse(plain.pseudonymised)
        guard case .failure(let e) = PersonalData.identifier("44051401359", pseudonymiser: nil) else { return XCTFail() }
        XCTAssertEqual(e.code, .C15)
        // An XLSX number lost the leading zero of 02070803628.
        XCTAssertEqual(PersonalData.pesel(inIdentifier: "2070803628", excelNumber: true), "02070803628")
        XCTAssertNil(PersonalData.pesel(inIdentifier: "2070803628", excelNumber: false))
        XCTAssertNil(PersonalData.pesel(inIdentifier: "2070803627", excelNumber: true))
    }

    func testProblemTextIsMasked() {
        let p = Problem(code: .C05, file: "ngo/stays/44051401359.csv", line: 2, column: "x", detail: "44051401359")
        XCTAssertEqual(p.formatted(.en), "ngo/stays/[PESEL].csv:2:x: C05 a code is not in its list: [PESEL]")
        XCTAssertEqual(ValueError(.C05, "44051401359").detail, "[PESEL]")
        XCTAssertEqual(CSVText.line(["44051401359", "a"]), "[PESEL],a\n")
    }

    /// A SHA-256 digest whose hex digits happen to hold a valid PESEL run (70111213891) is miara's
    /// own checksum and is printed whole; the same digits anywhere else are masked.
    func testDigitsInsideASHA256DigestAreNotMaskedButTheSameDigitsElsewhereAre() {
        let digest = "e2352e677107a266c1c6e12d2bcb2fe72fea" + "70111213891" + "a77f99504605a92ea"
        XCTAssertEqual(digest.utf8.count, 64)
        XCTAssertEqual(PersonalData.masked("manifest sha256 \(digest); recorded \(digest)"),
                       "manifest sha256 \(digest); recorded \(digest)")
        XCTAssertEqual(PersonalData.masked("sha256 \(digest), id 70111213891"), "sha256 \(digest), id [PESEL]")
        // Not a digest: 63 or 65 hex characters, no letter, or part of a longer word.
        let short = String(digest.dropLast())
        XCTAssertEqual(PersonalData.masked(short), "e2352e677107a266c1c6e12d2bcb2fe72fea[PESEL]a77f99504605a92e")
        XCTAssertEqual(PersonalData.masked(digest + "a"), "e2352e677107a266c1c6e12d2bcb2fe72fea[PESEL]a77f99504605a92eaa")
        XCTAssertEqual(PersonalData.masked("x" + digest), "xe2352e677107a266c1c6e12d2bcb2fe72fea[PESEL]a77f99504605a92ea")
        XCTAssertEqual(PersonalData.masked("NC-70111213891"), "NC-[PESEL]")
    }
}
