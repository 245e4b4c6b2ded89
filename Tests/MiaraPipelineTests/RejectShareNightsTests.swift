import Foundation
@testable import MiaraStore
import XCTest

/// SPEC 10, exit 3 once per file version, through the built binary: a stays file with PESELs and
/// no pseudonym key (C15, a file-level reject retried every night) gives exit 3 on the first night
/// only; later nights exit 0 and name it ("nadal oczekuje"), on the console and on the Data quality
/// sheet; new bytes at the same path are news again. A run killed after its ingest leaves the
/// exit 3 owed to the next run that completes (issue 19).
final class RejectShareNightsTests: XCTestCase {
    var root: URL!
    static let pending = "ngo/stays/2464011-pobyty.csv"
    /// A valid PESEL: with no key configured the file is C15 (SPEC 2).
    static let stays = "stay_id,person_id,facility_id,admitted\nS1,44051401359,F1,2024-03-01\n"

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("miara-exit3-\(UUID().uuidString)")
        let files: [String: String] = [
            "inbox/mops/municipalities/m.csv": "teryt,name,year,population,county,kind\n2464011,Częstochowa,2024,214342,,urban\n",
            "inbox/ngo/providers/p.csv": "provider_id,name,legal_form\nKRS:0000184388,Fundacja A,foundation\n",
            "inbox/ngo/facilities/f.csv": "facility_id,provider_id,teryt,type,places,floor_area_m2,opened\nF1,KRS:0000184388,2464011,night_shelter,20,60,2020-01-01\n",
            "inbox/" + Self.pending: Self.stays,
        ]
        for (path, text) in files { try write(path, text) }
        try pipeline(asOf: "2024-12-01")
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// No `pseudonym_key_file`: the stays file is rejected whole (C15) and tried again every night.
    func pipeline(asOf: String) throws {
        try write("p.yaml", "inbox: inbox\nstore: store/miara.sqlite\noutputs: out\nas_of: \(asOf)\nperiods: [2024]\nlang: pl\nmax_reject_share: 0.05\n")
    }

    static var binary: URL { URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("miara") }

    func miara(_ args: [String]) throws -> (status: Int32, out: String, err: String) {
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else { throw XCTSkip("miara binary not built") }
        let p = Process()
        p.executableURL = Self.binary
        p.arguments = args
        p.currentDirectoryURL = root
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        p.environment = env
        let o = Pipe(), e = Pipe()
        p.standardOutput = o; p.standardError = e
        try p.run()
        let out = String(decoding: o.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let err = String(decoding: e.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, out, err)
    }

    func night(_ asOf: String) throws -> (status: Int32, out: String, err: String) {
        try pipeline(asOf: asOf)
        return try miara(["run", "--pipeline", root.appendingPathComponent("p.yaml").path])
    }

    /// The cell texts of the latest municipal workbook's Data quality sheet, row by row (cells
    /// joined by a tab), read with Python's zipfile and XML parser: nothing of miara's reader.
    func dataQualityRows() throws -> [String] {
        let book = root.appendingPathComponent("out/latest/gmina-2464011.xlsx").path
        let script = #"""
        import re, sys, zipfile
        import xml.etree.ElementTree as ET
        z = zipfile.ZipFile(sys.argv[1]); M = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
        R = '{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id'
        rels = {r.get('Id'): r.get('Target') for r in ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))}
        sheet = [s for s in ET.fromstring(z.read('xl/workbook.xml')).iter(M + 'sheet') if s.get('name') == 'Jakość danych'][0]
        target = rels[sheet.get(R)].lstrip('/'); target = target if target.startswith('xl/') else 'xl/' + target
        shared = [''.join(t.text or '' for t in si.iter(M + 't')) for si in ET.fromstring(z.read('xl/sharedStrings.xml')).iter(M + 'si')]
        for row in ET.fromstring(z.read(target)).iter(M + 'row'):
            cells = []
            for c in row.iter(M + 'c'):
                v = c.findtext(M + 'v') or ''
                cells.append(shared[int(v)] if c.get('t') == 's' else v)
            print('\t'.join(cells))
        """#
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", script, book]
        let o = Pipe(), e = Pipe()
        p.standardOutput = o; p.standardError = e
        try p.run()
        let out = String(decoding: o.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let err = String(decoding: e.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, err)
        return out.split(separator: "\n").map(String.init)
    }

    /// The rows under the Data quality sheet's "over the share" heading (none when it is absent).
    func overShareRows() throws -> [String] {
        let rows = try dataQualityRows()
        guard let h = rows.firstIndex(where: { $0.hasPrefix("Pliki powyżej progu odrzuceń") }) else { return [] }
        return Array(rows[(h + 2)...].prefix { !$0.isEmpty && !$0.hasPrefix("Ostrzeżenia") })
    }

    func testPendingFileGivesExit3OnceThenIsNamedEachNight() throws {
        let n1 = try night("2024-12-01")
        XCTAssertEqual(n1.status, 3, n1.err)
        XCTAssertTrue(n1.err.contains("miara: \(Self.pending): odrzucono 100 % wierszy, powyżej max_reject_share 5 %"), n1.err)
        XCTAssertFalse(n1.err.contains("nadal oczekuje"), "the first night gives the exit 3, it does not call the file pending")

        let n2 = try night("2024-12-02")
        XCTAssertEqual(n2.status, 0, n2.err)
        XCTAssertTrue(n2.err.contains("nadal oczekuje: \(Self.pending) (odrzucone 100 %), od 2024-12-01"), n2.err)
        XCTAssertFalse(n2.err.contains("miara: \(Self.pending)"), "no exit-3 line on the second night")
        // The Data quality sheet names it, with its share (a number: 1) and since when (a date serial).
        let rows = try overShareRows()
        XCTAssertEqual(rows.count, 1, "\(rows)")
        XCTAssertTrue(rows.first?.hasPrefix("\(Self.pending)\tngo/stays\t1\t") == true, "\(rows)")
        // 2024-12-01 as an Excel serial: days since 1899-12-30.
        XCTAssertTrue(rows.first?.hasSuffix("\t45627") == true, "\(rows)")

        let n3 = try night("2024-12-03")
        XCTAssertEqual(n3.status, 0, n3.err)
        XCTAssertTrue(n3.err.contains("nadal oczekuje: \(Self.pending) (odrzucone 100 %), od 2024-12-01"), n3.err)

        // New bytes at the same path: a new version, news again; then pending again.
        try write("inbox/" + Self.pending, Self.stays + "S2,44051401359,F1,2024-04-01\n")
        let n4 = try night("2024-12-04")
        XCTAssertEqual(n4.status, 3, n4.err)
        XCTAssertTrue(n4.err.contains("miara: \(Self.pending): odrzucono 100 % wierszy"), n4.err)
        let n5 = try night("2024-12-05")
        XCTAssertEqual(n5.status, 0, n5.err)
        XCTAssertTrue(n5.err.contains("nadal oczekuje: \(Self.pending) (odrzucone 100 %), od 2024-12-04"), n5.err)
        print("exit codes of five nights (new version on the fourth): \([n1, n2, n3, n4, n5].map(\.status))")
    }

    func testFileFixedIsNoLongerNamed() throws {
        // The person of the stay, by PESEL too: without a key both files are C15.
        try write("inbox/mops/persons/2464011-osoby.csv", "person_id,sex,birth_year,teryt,first_seen,ethos\n44051401359,m,1944,2464011,2024-01-10,2\n")
        let first = try night("2024-12-01")
        XCTAssertEqual(first.status, 3)
        XCTAssertTrue(first.err.contains("miara: mops/persons/2464011-osoby.csv: odrzucono 100 % wierszy"), first.err)
        // The MOPS configures the key: the same bytes are now read and accepted.
        let key = root.appendingPathComponent("key")
        try "a-test-key-of-some-length\n".write(to: key, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key.path)
        try pipeline(asOf: "2024-12-02")
        let fixed = try miara(["run", "--pipeline", root.appendingPathComponent("p.yaml").path, "--pseudonym-key", key.path])
        XCTAssertEqual(fixed.status, 0, fixed.err)
        XCTAssertFalse(fixed.err.contains("nadal oczekuje"), fixed.err)
        XCTAssertEqual(try overShareRows(), [])
    }

    func testIngestCommandGivesTheExit3OnceToo() throws {
        let args = ["ingest", "--pipeline", root.appendingPathComponent("p.yaml").path]
        let first = try miara(args)
        XCTAssertEqual(first.status, 3, first.err)
        XCTAssertTrue(first.err.contains("miara: \(Self.pending): odrzucono 100 % wierszy"), first.err)
        let second = try miara(args)
        XCTAssertEqual(second.status, 0, second.err)
        XCTAssertTrue(second.err.contains("nadal oczekuje: \(Self.pending)"), second.err)
        // A run after the ingest that gave it: pending, no exit 3.
        let run = try night("2024-12-01")
        XCTAssertEqual(run.status, 0, run.err)
    }

    /// Issue 19: SIGKILL after the ingest (while the run folder is written); the rerun exits 3,
    /// the run after it 0. The file is one the store keeps (C01, not read again), so the rerun
    /// skips its bytes: only the store's notice can give the exit 3.
    func testExit3SurvivesAKilledRun() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else { throw XCTSkip("miara binary not built") }
        try FileManager.default.removeItem(at: root.appendingPathComponent("inbox/" + Self.pending))
        let broken = "ngo/stays/2464011-bez-daty.csv"
        try write("inbox/" + broken, "stay_id,person_id,facility_id\nS1,person01,F1\n")
        let outputs = root.appendingPathComponent("out")
        var killed = false
        for _ in 0..<20 where !killed {
            try? FileManager.default.removeItem(at: outputs)
            try? FileManager.default.removeItem(at: root.appendingPathComponent("store"))
            let p = Process()
            p.executableURL = Self.binary
            p.arguments = ["run", "--pipeline", root.appendingPathComponent("p.yaml").path]
            p.currentDirectoryURL = root
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            // The report stage has begun (its temporary folder exists): the ingest has committed.
            while p.isRunning {
                let entries = (try? FileManager.default.contentsOfDirectory(atPath: outputs.path)) ?? []
                if entries.contains(where: { $0.hasPrefix(".tmp-") }) { kill(p.processIdentifier, SIGKILL); break }
                usleep(50)
            }
            p.waitUntilExit()
            killed = p.terminationReason == .uncaughtSignal
        }
        XCTAssertTrue(killed, "the run ended before it could be killed")
        let db = try SQLiteDatabase(path: root.appendingPathComponent("store/miara.sqlite").path)
        XCTAssertEqual(try db.scalar("SELECT count(*) FROM files WHERE path = ?", [.text(broken)])?.int, 1, "the killed run's ingest committed")
        XCTAssertEqual(try db.scalar("SELECT count(*) FROM runs WHERE status = 'done'")?.int, 0, "the killed run did not complete")
        let rerun = try night("2024-12-02")
        XCTAssertEqual(rerun.status, 3, "the exit 3 of the killed run is given by the rerun: \(rerun.err)")
        XCTAssertTrue(rerun.err.contains("miara: \(broken): odrzucono 100 % wierszy"), rerun.err)
        let next = try night("2024-12-03")
        XCTAssertEqual(next.status, 0, next.err)
        XCTAssertTrue(next.err.contains("nadal oczekuje: \(broken) (odrzucone 100 %), od 2024-12-01"), next.err)
    }

    /// cron/miara-nightly.sh with the real binary: the mail (the wrapper's standard error) names
    /// the file and its share in Polish on the first night, and is empty on the second.
    func testNightlyWrapperMailsOnceNamingTheFile() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else { throw XCTSkip("miara binary not built") }
        func wrapper() throws -> (status: Int32, mail: String) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/bash")
            p.arguments = [PeriodsKeywordTests.repo.appendingPathComponent("cron/miara-nightly.sh").path]
            p.environment = ProcessInfo.processInfo.environment.merging([
                "MIARA_HOME": root.path, "MIARA_BIN": Self.binary.path, "MIARA_LOG": root.appendingPathComponent("n.log").path,
                "MIARA_PIPELINE": root.appendingPathComponent("p.yaml").path,
            ]) { $1 }
            let e = Pipe()
            p.standardOutput = FileHandle.nullDevice
            p.standardError = e
            try p.run()
            let mail = String(decoding: e.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            return (p.terminationStatus, mail)
        }
        let first = try wrapper()
        XCTAssertEqual(first.status, 3, first.mail)
        let lines = first.mail.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "miara: \(Self.pending): odrzucono 100 % wierszy, powyżej max_reject_share 5 % (wyniki zapisane i oznaczone)")
        XCTAssertEqual(lines.count, 2, first.mail)
        XCTAssertTrue(lines.last?.hasPrefix("log: ") == true, first.mail)
        try pipeline(asOf: "2024-12-02")
        let second = try wrapper()
        XCTAssertEqual(second.status, 0, second.mail)
        XCTAssertEqual(second.mail, "", "no mail for a file still pending")
        let log = try String(contentsOf: root.appendingPathComponent("n.log"), encoding: .utf8)
        XCTAssertTrue(log.contains("nadal oczekuje: \(Self.pending) (odrzucone 100 %), od 2024-12-01"), log)
    }
}
