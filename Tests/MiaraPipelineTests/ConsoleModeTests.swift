import Foundation
import MiaraPipeline
import MiaraTestSupport
import XCTest

/// What `miara run` prints in each console mode, on a small fixture inbox, compared line by line
/// (timestamps, run ids, seconds and the temporary folder replaced by placeholders).
final class ConsoleModeTests: XCTestCase {
    var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("miara-console-\(UUID().uuidString)")
        let files: [String: String] = [
            "inbox/mops/municipalities/m.csv": "teryt,name,year,population,county,kind\n2464011,Częstochowa,2024,214342,,urban\n",
            "inbox/mops/municipalities/m-copy.csv": "teryt,name,year,population,county,kind\n2464011,Częstochowa,2024,214342,,urban\n",
            "inbox/ngo/providers/p.csv": "provider_id,name,legal_form\nKRS:0000184388,Fundacja A,foundation\n",
            "inbox/mops/persons/p.csv": "person_id,sex,birth_year,teryt,first_seen,ethos\nperson01,m,1970,2464011,2024-01-10,2\nperson02,x,1980,2464011,2024-02-01,3\n",
            "inbox/ngo/facilities/f.csv": "facility_id,provider_id,teryt,type,places,floor_area_m2,opened\nF1,KRS:0000184388,2464011,night_shelter,20,60,2020-01-01\n",
            "inbox/ngo/stays/no-date.csv": "stay_id,person_id,facility_id\nS1,person01,F1\n",
            "inbox/ngo/stays/s.csv": "stay_id,person_id,facility_id,admitted,uwagi\nS2,person01,F1,2024-03-01,x\n",
            "key": "a-test-key-of-some-length\n",
            "p.yaml": "inbox: inbox\nstore: out/miara.sqlite\noutputs: out\nas_of: 2024-12-31\nperiods: [2024]\npseudonym_key_file: key\nlang: en\nmax_reject_share: 1\n",
        ]
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: root.appendingPathComponent("key").path)
        // The store's folder exists, as on an installed host (a missing one is announced: decisions.md 81).
        try FileManager.default.createDirectory(at: root.appendingPathComponent("out"), withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    var binary: URL { get throws { try MiaraBinary.url() } }

    /// Runs `miara run` (or another `command`) with extra flags; returns status, stdout lines,
    /// stderr lines (raw).
    func run(_ flags: [String], command: String = "run") throws -> (status: Int32, out: [String], err: [String]) {
        let r = try MiaraBinary.run([command, "--pipeline", root.appendingPathComponent("p.yaml").path] + flags, cwd: root,
                                    environment: ["NO_COLOR": "1"])
        func lines(_ s: String) -> [String] { s.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
        return (r.status, lines(r.out), lines(r.err))
    }

    /// Placeholders for what changes from run to run.
    func normalise(_ lines: [String]) -> [String] {
        lines.map { l in
            var s = l.replacingOccurrences(of: root.standardizedFileURL.path, with: "ROOT").replacingOccurrences(of: root.path, with: "ROOT")
            for (pattern, with) in [(#"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ "#, ""), (#"\d{8}T\d{6}Z-\d+"#, "RUN"), (#"\d+\.\d\d s"#, "T s"),
                                    (#"miara \d+\.\d+\.\d+"#, "miara V")] {
                s = s.replacingOccurrences(of: pattern, with: with, options: .regularExpression)
            }
            return s
        }
    }

    static let firstRunOut = [
        "miara V: run RUN, as of 2024-12-31, periods 2024",
        "mops/municipalities: files: 1, rows read: 1, accepted: 1, rejected: 0, of which pending: 0, T s",
        "mops/persons: files: 1, rows read: 2, accepted: 1, rejected: 1, of which pending: 0, T s",
        "ngo/facilities: files: 1, rows read: 1, accepted: 1, rejected: 0, of which pending: 0, T s",
        "ngo/providers: files: 1, rows read: 1, accepted: 1, rejected: 0, of which pending: 0, T s",
        "ngo/stays: files: 2, rows read: 2, accepted: 1, rejected: 1, of which pending: 0, T s",
        // Old code: "unchanged files (ingested before): 1" for a copy read the same night.
        "mops/municipalities/m-copy.csv: duplicate of mops/municipalities/m.csv (the same bytes), skipped",   // the shorter name is the original (decisions.md 139)
    ]
    static let firstRunErr = [
        "ngo/stays/no-date.csv: rejected whole — C01 a required column is missing: admitted; fix: add the column `admitted` to the header (required columns of ngo/stays: docs/input-files.md) and send the file again",
        "warnings W01 (unknown columns ignored): 1; listed in warnings.csv in the run folder",
    ]

    func testDefaultModePrintsOneLinePerDatasetAndWhereTheResultsAre() throws {
        let r = try run([])
        XCTAssertEqual(r.status, 0, r.err.joined(separator: "\n"))
        let out = normalise(r.out)
        XCTAssertEqual(Array(out.prefix(7)), Self.firstRunOut)
        XCTAssertTrue(out[7].hasPrefix("compute: "), out[7])
        XCTAssertTrue(out[8].hasPrefix("report: "), out[8])
        XCTAssertEqual(out[9], "results: ROOT/out/2024-12-31/RUN (the newest always in ROOT/out/latest)")
        XCTAssertEqual(out.count, 10)
        XCTAssertEqual(normalise(r.err), Self.firstRunErr)

        // An unchanged night: no warnings, four lines — the last run's outputs are published again.
        let again = try run([])
        XCTAssertEqual(again.status, 0)
        XCTAssertEqual(again.err, [])
        let o2 = normalise(again.out)
        XCTAssertEqual(o2.count, 4, o2.joined(separator: "\n"))
        XCTAssertEqual(o2[1], "no new files; unchanged files: 6, duplicates of other files: 1")
        XCTAssertTrue(o2[2].hasPrefix("nothing new since run "), o2[2])

        // The same night recomputed: five lines.
        let forced = try run(["--no-reuse"])
        XCTAssertEqual(forced.status, 0)
        let o3 = normalise(forced.out)
        XCTAssertEqual(o3.count, 5, o3.joined(separator: "\n"))
        XCTAssertTrue(o3[2].hasPrefix("compute: "), o3[2])
    }

    /// A stay whose person arrives on a later night is pending (counted among the rejected rows,
    /// checked again by every run); the night the person arrives, it is accepted: pending 1, then 0.
    func testPendingRowsAreShownThenClearedWhenTheReferenceArrives() throws {
        let persons = root.appendingPathComponent("inbox/mops/persons/p.csv"), aside = root.appendingPathComponent("p.csv")
        try FileManager.default.moveItem(at: persons, to: aside)
        let first = try run([])
        XCTAssertEqual(first.status, 0, first.err.joined(separator: "\n"))
        let o1 = normalise(first.out)
        XCTAssertTrue(o1.contains("ngo/stays: files: 2, rows read: 2, accepted: 0, rejected: 2, of which pending: 1, T s"), o1.joined(separator: "\n"))
        XCTAssertFalse(o1.contains { $0.contains("pending rows of earlier files") }, o1.joined(separator: "\n"))

        try FileManager.default.moveItem(at: aside, to: persons)
        let second = try run([])
        XCTAssertEqual(second.status, 0, second.err.joined(separator: "\n"))
        let o2 = normalise(second.out)
        XCTAssertTrue(o2.contains("mops/persons: files: 1, rows read: 2, accepted: 1, rejected: 1, of which pending: 0, T s"), o2.joined(separator: "\n"))
        XCTAssertTrue(o2.contains("ngo/stays: pending rows of earlier files: 0 (before this ingest: 1)"), o2.joined(separator: "\n"))

        // A third night with nothing new and nothing pending says nothing of pending rows.
        let third = normalise(try run([]).out)
        XCTAssertFalse(third.contains { $0.contains("pending") }, third.joined(separator: "\n"))
    }

    /// The same lines in Polish (`--lang pl`): the per-dataset line and the pending line.
    func testPendingLinesInPolish() throws {
        let persons = root.appendingPathComponent("inbox/mops/persons/p.csv"), aside = root.appendingPathComponent("p.csv")
        try FileManager.default.moveItem(at: persons, to: aside)
        let first = normalise(try run(["--lang", "pl"]).out)
        XCTAssertTrue(first.contains("ngo/stays: 2 pliki, wiersze odczytane: 2, przyjęte: 0, odrzucone: 2, w tym oczekujące: 1, T s"),
                      first.joined(separator: "\n"))
        try FileManager.default.moveItem(at: aside, to: persons)
        let second = normalise(try run(["--lang", "pl"]).out)
        XCTAssertTrue(second.contains("ngo/stays: wiersze oczekujące we wcześniejszych plikach: 0 (przed tym wczytaniem: 1)"),
                      second.joined(separator: "\n"))
    }

    /// `miara demo` on the fixture inbox: its closing lines speak the console's language (`--lang`),
    /// with no English line left in a Polish run.
    func testDemoClosingLinesFollowTheLanguage() throws {
        let pl = try run(["--lang", "pl"], command: "demo")
        XCTAssertEqual(pl.status, 0, pl.err.joined(separator: "\n"))
        let o = normalise(pl.out).map { $0.replacingOccurrences(of: #"\(\d+\.\d s\)"#, with: "(T s)", options: .regularExpression) }
        for line in ["wczytano 7 plików; wiersze odczytane: 7, przyjęte: 5, odrzucone: 2 (T s)", "magazyn: ROOT/out/miara.sqlite",
                     "odrzucone wiersze: ROOT/out/rejects.csv", "skoroszyty:"] {
            XCTAssertTrue(o.contains(line), line + "\n" + o.joined(separator: "\n"))
        }
        XCTAssertTrue(o.contains { $0.hasPrefix("obliczenia: ") && $0.hasSuffix(" wierszy porównań, okresy 2024 (T s)") }, o.joined(separator: "\n"))
        XCTAssertTrue(o.contains { $0.hasPrefix("folder wyników: ROOT/out/2024-12-31/") }, o.joined(separator: "\n"))
        for english in ["ingested ", "store:", "rejects:", "computed ", "run folder:", "workbooks:", "files:", "rows read"] {
            XCTAssertFalse(o.contains { $0.hasPrefix(english) || $0.contains(": " + english) }, english)
        }
        try FileManager.default.removeItem(at: root.appendingPathComponent("out"))
        let en = normalise(try run(["--lang", "en"], command: "demo").out)
        XCTAssertTrue(en.contains("store: ROOT/out/miara.sqlite") && en.contains("workbooks:"), en.joined(separator: "\n"))
    }

    func testRunRecordsItsStagesAndStatusShowsThem() throws {
        XCTAssertEqual(try run([]).status, 0)
        let text = try MiaraBinary.run(["status", "--pipeline", root.appendingPathComponent("p.yaml").path]).out
        let stages = text.split(separator: "\n").filter { $0.hasPrefix("      ") }
            .map { $0.split(separator: " ").first.map(String.init) ?? "" }
        XCTAssertEqual(stages, ["discover", "ingest", "check", "compute", "report", "publish"], text)
        XCTAssertTrue(text.contains("discover  ") && text.contains("done  rows 7"), text)
    }

    func testFileWithPESELsAndNoKeyNamesTheSettingToAdd() throws {
        var yaml = try String(contentsOf: root.appendingPathComponent("p.yaml"), encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "pseudonym_key_file: key\n", with: "")
        try yaml.write(to: root.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        try "person_id,sex,birth_year,teryt,first_seen,ethos\n44051401359,m,1944,2464011,2024-01-10,2\n"
            .write(to: root.appendingPathComponent("inbox/mops/persons/pesel.csv"), atomically: true, encoding: .utf8)
        let r = try run([])
        let line = normalise(r.err).first { $0.hasPrefix("mops/persons/pesel.csv: rejected whole — C15") }
        XCTAssertNotNil(line, r.err.joined(separator: "\n"))
        XCTAssertTrue(line?.contains("fix: add `pseudonym_key_file: /etc/miara/pseudonym.key` (a file of mode 0600) to ROOT/p.yaml or pass --pseudonym-key") ?? false,
                      line ?? "")
        XCTAssertFalse((r.out + r.err).joined().contains("44051401359"), "no PESEL on the console")
    }

    func testVerboseModeAddsALinePerFile() throws {
        let r = try run(["--verbose"])
        XCTAssertEqual(r.status, 0)
        let out = normalise(r.out)
        XCTAssertTrue(out.contains("ngo/stays/s.csv  ngo/stays  read 1  accepted 1  rejected 0  utf-8"), out.joined(separator: "\n"))
        XCTAssertTrue(out.contains("mops/municipalities/m.csv: skipped, the same bytes as mops/municipalities/m-copy.csv were ingested already")
                      || out.contains("mops/municipalities/m-copy.csv: skipped, the same bytes as mops/municipalities/m.csv were ingested already"),
                      out.joined(separator: "\n"))
        // Every line of the default mode is there too.
        for l in Self.firstRunOut { XCTAssertTrue(out.contains(l), l) }
        XCTAssertEqual(normalise(r.err), Self.firstRunErr)
    }

    func testQuietModePrintsErrorsOnly() throws {
        let r = try run(["--quiet"])
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.out, [])
        XCTAssertEqual(r.err, [])
        // An error still shows: a rejected share over the limit exits 3 with a line per file.
        var yaml = try String(contentsOf: root.appendingPathComponent("p.yaml"), encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "max_reject_share: 1", with: "max_reject_share: 0.05")
        try yaml.write(to: root.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        try "stay_id,person_id,facility_id\nS9,person01,F1\n".write(to: root.appendingPathComponent("inbox/ngo/stays/new.csv"), atomically: true, encoding: .utf8)
        let bad = try run(["--quiet"])
        XCTAssertEqual(bad.status, 3)
        XCTAssertEqual(bad.out, [])
        XCTAssertEqual(normalise(bad.err), ["miara: ngo/stays/new.csv: 100 % of rows rejected, above max_reject_share 5 % (outputs written and marked)"])
    }

    /// On a terminal (a pseudo-terminal from util-linux `script`): a progress bar, no timestamps.
    func testOnATerminalThereIsAProgressBarAndNoTimestamps() throws {
        let script = "/usr/bin/script"
        guard FileManager.default.isExecutableFile(atPath: script) else { throw XCTSkip("util-linux script is not installed") }
        let binary = try self.binary
        let r = try Subprocess.run(URL(fileURLWithPath: script),
                                   ["-qec", "'\(binary.path)' run --pipeline '\(root.appendingPathComponent("p.yaml").path)'", "/dev/null"],
                                   cwd: root, environment: ["NO_COLOR": "1"])
        let text = r.out
        XCTAssertEqual(r.status, 0, text + r.err)
        XCTAssertTrue(text.contains("\r\u{1B}[2Kingest ["), text)
        XCTAssertTrue(text.contains("7/7 files"), text)
        XCTAssertTrue(text.hasPrefix("miara "), "no timestamp on a terminal: \(text.prefix(40))")
        XCTAssertFalse(text.contains("\u{1B}[33m"), "NO_COLOR: no colours")
    }

    func testOffATerminalEveryLineIsTimestampedAndThereIsNoProgressBar() throws {
        let r = try run([])
        XCTAssertFalse(r.out.isEmpty)
        for l in r.out + r.err {
            XCTAssertNotNil(l.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ "#, options: .regularExpression), l)
            XCTAssertFalse(l.contains("\r") || l.contains("\u{1B}"), l)
        }
    }
}

/// The printer itself: modes, colours, masking.
final class ConsoleTests: XCTestCase {
    func capture(_ c: Printer) -> () -> [(String, Bool)] {
        let box = Box()
        c.write = { text, isError in box.lines.append((text, isError)) }
        return { box.lines }
    }
    // @unchecked proof: `lines` grows only in the printer's `write`, which `Printer` calls under its lock; the test reads it after.
    final class Box: @unchecked Sendable { var lines: [(String, Bool)] = [] }

    func testModesFilterLines() {
        for (mode, expected) in [(ConsoleMode.quiet, ["e"]), (.normal, ["i", "w", "e"]), (.verbose, ["i", "d", "w", "e"])] {
            let c = Printer(mode: mode, timestamps: false, progressBars: false)
            let lines = capture(c)
            c.info("i"); c.detail("d"); c.warning("w"); c.error("e")
            XCTAssertEqual(lines().map { $0.0 }, expected.map { $0 + "\n" }, "\(mode)")
        }
    }

    func testNoColorTurnsColoursOff() {
        XCTAssertFalse(Printer(environment: ["NO_COLOR": "1"]).colour)
    }

    func testEveryLineIsMaskedOnce() {
        let c = Printer(mode: .normal, timestamps: false, progressBars: false)
        let lines = capture(c)
        c.error("bad person 44051401359 in file")
        c.logger().warning("via swift-log 44051401359")
        XCTAssertEqual(lines().map { $0.0 }, ["bad person [PESEL] in file\n", "via swift-log [PESEL]\n"])
    }

    func testTimestampsUseTheConsoleClock() {
        let c = Printer(mode: .normal, timestamps: true, progressBars: false)
        c.now = { Date(timeIntervalSince1970: 86400) }
        let lines = capture(c)
        c.info("x")
        XCTAssertEqual(lines().first?.0, "1970-01-02T00:00:00Z x\n")
    }
}
