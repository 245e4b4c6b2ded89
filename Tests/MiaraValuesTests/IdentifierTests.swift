import MiaraValues
import XCTest

/// NIP, REGON and TERYT forms, checked against numbers whose checksums were worked out by hand.
final class IdentifierTests: XCTestCase {
    func testNIP() {
        // 8·6+6·5+2·7+1·2+5·3+7·4+3·5+3·6+4·7 = 198; 198 mod 11 = 0 = last digit.
        XCTAssertEqual(ProviderID("NIP:8621573340")?.canonical, "NIP:8621573340")
        XCTAssertEqual(ProviderID("nip:8621573340")?.canonical, "NIP:8621573340")
        XCTAssertNil(ProviderID("NIP:8621573341"))
        XCTAssertNil(ProviderID("NIP:862-157-33-40"))
    }

    func testREGON() {
        // 4·8+3·9+2·2+6·3+9·4+9·5+3·6+4·7 = 208; 208 mod 11 = 10 → 0 = last digit.
        XCTAssertEqual(ProviderID("REGON:432699340")?.canonical, "REGON:432699340")
        XCTAssertNil(ProviderID("REGON:432699341"))
        // 14 digits: weights 2,4,8,5,0,9,7,3,6,1,2,4,8 over 4326993400000 = 180; 180 mod 11 = 4.
        XCTAssertEqual(ProviderID("REGON:43269934000004")?.registry, .REGON)
        XCTAssertNil(ProviderID("REGON:43269934000005"))
        XCTAssertNil(ProviderID("REGON:4326993"))
    }

    func testKRSAndBareNumbers() {
        XCTAssertEqual(ProviderID("0000184388")?.canonical, "KRS:0000184388")
        XCTAssertEqual(ProviderID("KRS:0000184388")?.registry, .KRS)
        XCTAssertNil(ProviderID("KRS:000018438"))
        XCTAssertNil(ProviderID("PESEL:44051401359"))
    }

    func testTeryt() {
        XCTAssertEqual(Teryt("2464011")?.code, "2464011")
        XCTAssertNil(Teryt("246401"))
        XCTAssertNil(Teryt("24640111"))
        XCTAssertNil(Teryt("246401a"))
    }
}
