import Foundation
import XCTest
@testable import MiaraXLSX

struct ReadRow: Equatable, CustomStringConvertible {
    let row: Int
    let cells: [Cell]
    struct Cell: Equatable { let column: Int; let value: XLSXCell }
    init(_ row: Int, _ cells: [(Int, XLSXCell)]) {
        self.row = row
        self.cells = cells.map { Cell(column: $0.0, value: $0.1) }
    }
    var description: String { "\(row): " + cells.map { "\($0.column)=\($0.value)" }.joined(separator: ", ") }
}

func readAll(_ url: URL, limits: XLSXLimits = XLSXLimits()) throws -> [ReadRow] {
    var rows: [ReadRow] = []
    try XLSXReader.readFirstSheet(at: url, limits: limits) { row, cells in
        rows.append(ReadRow(row, cells.map { ($0.column, $0.value) }))
    }
    return rows
}

func fixture(_ name: String) throws -> URL {
    let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)
        ?? Bundle.module.resourceURL?.appendingPathComponent("Fixtures/\(name)")
    return try XCTUnwrap(url.flatMap { FileManager.default.fileExists(atPath: $0.path) ? $0 : nil },
                         "fixture \(name) missing")
}

final class TempDir {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("miara-xlsx-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func file(_ name: String) -> URL { url.appendingPathComponent(name) }
}

/// Runs a Python snippet with the system interpreter (zipfile is in the standard library).
func runPython(_ script: String, args: [String] = []) throws {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    p.arguments = ["-c", script] + args
    try p.run()
    p.waitUntilExit()
    XCTAssertEqual(p.terminationStatus, 0, "python failed")
}

/// Writes a minimal xlsx-like zip whose parts are given (path → text).
func makeZip(at url: URL, parts: [(String, String)]) throws {
    let tmp = url.deletingLastPathComponent().appendingPathComponent("parts-\(UUID().uuidString).json")
    let json = try JSONSerialization.data(withJSONObject: parts.map { [$0.0, $0.1] })
    try json.write(to: tmp)
    defer { try? FileManager.default.removeItem(at: tmp) }
    try runPython("""
    import json, sys, zipfile
    parts = json.load(open(sys.argv[1], encoding="utf-8"))
    with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts:
            z.writestr(name, text.encode("utf-8"))
    """, args: [tmp.path, url.path])
}

let minimalWorkbook = """
<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>
"""
let minimalRels = """
<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
"""
func minimalSheet(_ rows: String) -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\(rows)</sheetData></worksheet>
    """
}
