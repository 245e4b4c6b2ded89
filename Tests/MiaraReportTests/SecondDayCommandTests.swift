import Foundation
import MiaraTestSupport
import MiaraValues
import XCTest

/// What a user meets on the second day (issue 22), through the built binary: commands run in an
/// empty folder, a run without a pipeline file, the modes of the files a run writes, a reviewer's
/// `verify` with a pipeline file whose store is elsewhere.
final class SecondDayCommandTests: XCTestCase {
    func emptyFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("miara-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    func testCommandsInAnEmptyFolderSayWhatIsMissingSuggestAPipelineOrTheDemoAndWriteNothing() throws {
        let dir = try emptyFolder()
        for args in [["status"], ["ingest"], ["explain", "E01", "--unit", "all", "--period", "2024"], ["run"], ["compute"]] {
            let r = try ReportHarness.miara(args, cwd: dir)
            XCTAssertEqual(r.status, 2, "\(args): \(r.err)")
            // Old code: "--store: store: no store at Outputs/miara.sqlite", a flag nobody gave.
            XCTAssertFalse(r.err.contains("--store:"), "\(args): \(r.err)")
            XCTAssertFalse(r.err.contains("--inbox:"), "\(args): \(r.err)")
            XCTAssertTrue(r.err.contains("--pipeline"), "\(args): \(r.err)")
            XCTAssertTrue(r.err.contains("miara demo"), "\(args): \(r.err)")
            XCTAssertTrue(r.err.contains("błąd konfiguracji"), "\(args): \(r.err)")   // Polish by default
            // Old code: `ingest` and `run` created Outputs/ (and `run` a store in it) before failing.
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), [], "\(args) wrote into the folder")
        }
        // A key that is not there: said (in Polish, with how to create it) before anything is written.
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("inbox"), withIntermediateDirectories: true)
        let noKey = try ReportHarness.miara(["ingest", "--pseudonym-key", "k"], cwd: dir)
        XCTAssertEqual(noKey.status, 2)
        XCTAssertTrue(noKey.err.contains("plik klucza k nie istnieje; utwórz go: openssl rand -hex 32 > k; chmod 600 k"), noKey.err)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["inbox"])
        let en = try ReportHarness.miara(["status", "--lang", "en"], cwd: dir)
        XCTAssertTrue(en.err.hasPrefix("miara: configuration error: no store: no pipeline file (--pipeline) nor --store was given"), en.err)
    }

    func testAStoreNamedByTheUserIsBlamedOnWhereItWasNamed() throws {
        let dir = try emptyFolder()
        try "store: elsewhere/m.sqlite\n".write(to: dir.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        let viaFile = try ReportHarness.miara(["status", "--pipeline", "p.yaml"], cwd: dir)
        XCTAssertEqual(viaFile.status, 2)
        XCTAssertTrue(viaFile.err.contains("p.yaml:1: store: nie ma magazynu "), viaFile.err)
        XCTAssertTrue(viaFile.err.contains("elsewhere/m.sqlite; najpierw uruchom miara ingest"), viaFile.err)
        let viaFlag = try ReportHarness.miara(["status", "--store", "x.sqlite", "--lang", "en"], cwd: dir)
        XCTAssertTrue(viaFlag.err.contains("--store: store: no store at x.sqlite; run miara ingest"), viaFlag.err)
    }

    func testRunWithoutAPipelineFileSaysWhichDefaultsItUses() throws {
        let ws = try workspace(ingested: false)
        // The workspace's folder has `inbox/`: a run there without --pipeline uses it.
        let r = try ReportHarness.miara(["run", "--as-of", "2026-10-31", "--pseudonym-key", "key", "--period", "2026"], cwd: ws.dir)
        XCTAssertTrue([0, 3].contains(r.status), r.err)
        XCTAssertTrue(r.out.contains("miara: bez pliku potoku (--pipeline): skrzynka inbox (wartość domyślna), magazyn Outputs/miara.sqlite (wartość domyślna), wyniki Outputs/latest"),
                      r.out)
        XCTAssertTrue(r.out.contains("klucz pseudonimów key"), r.out)
        XCTAssertTrue(r.out.contains("bez progów"), r.out)
        let quiet = try ReportHarness.miara(["run", "--as-of", "2026-10-31", "--pseudonym-key", "key", "--period", "2026", "--quiet"], cwd: ws.dir)
        XCTAssertFalse(quiet.out.contains("bez pliku potoku"), quiet.out)
        let withPipeline = try ReportHarness.miara(["run", "--pipeline", ws.pipeline.path], cwd: ws.dir)
        XCTAssertFalse(withPipeline.out.contains("bez pliku potoku"), withPipeline.out)
    }

    /// Outputs follow the umask; the files with rows of the inbox stay the owner's (decisions.md 119).
    func testOutputsFollowTheUmaskAndTheStoreRejectsAndExplainCSVStayPrivate() throws {
        let ws = try workspace(ingested: false)
        let old = umask(0o022)
        defer { umask(old) }
        let r = try ReportHarness.miara(["run", "--pipeline", ws.pipeline.path, "--quiet"], cwd: ws.dir)
        XCTAssertTrue([0, 3].contains(r.status), r.err)
        let latest = ws.outputs.appendingPathComponent("latest").resolvingSymlinksInPath()
        func mode(_ u: URL) -> mode_t? { PrivateFiles.mode(u.path) }
        XCTAssertEqual(mode(latest), 0o755)
        XCTAssertEqual(mode(ws.outputs), 0o755)
        for name in ["measures.csv", "benchmark.csv", "coverage.csv", "manifest.json"] {
            XCTAssertEqual(mode(latest.appendingPathComponent(name)), 0o644, name)
        }
        let workbooks = try FileManager.default.subpathsOfDirectory(atPath: latest.path).filter { $0.hasSuffix(".xlsx") }
        XCTAssertFalse(workbooks.isEmpty)
        for w in workbooks { XCTAssertEqual(mode(latest.appendingPathComponent(w)), 0o644, w) }
        XCTAssertEqual(mode(latest.appendingPathComponent("rejects.csv")), 0o600)
        XCTAssertEqual(mode(ws.dir.appendingPathComponent("rejects.csv")), 0o600)   // beside the store
        XCTAssertEqual(mode(ws.store), 0o600)
        let csv = ws.dir.appendingPathComponent("explained.csv")
        let e = try ReportHarness.miara(["explain", "S05", "--unit", "all", "--period", "2026", "--pipeline", ws.pipeline.path, "--csv", csv.path])
        XCTAssertEqual(e.status, 0, e.err)
        XCTAssertEqual(mode(csv), 0o600)
    }

    func testVerifyWithAPipelineWhoseStoreIsNotThereStillChecksTheRunFolder() throws {
        let ws = try workspace(ingested: false)
        XCTAssertTrue([0, 3].contains(try ReportHarness.miara(["run", "--pipeline", ws.pipeline.path, "--quiet"], cwd: ws.dir).status))
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: ws.store.path + suffix) }
        let r = try ReportHarness.miara(["verify", ws.outputs.appendingPathComponent("latest").path, "--pipeline", ws.pipeline.path])
        // Old code: exit 2, "no store at miara.sqlite".
        XCTAssertEqual(r.status, 0, r.out + r.err)
        XCTAssertTrue(r.out.contains("nie ma: nie porównano z zapisanym"), r.out)
    }
}

/// A reviewer's `verify --recompute` (issue 22): the manifest records the effective settings, the
/// recompute uses them or names the one that differs, and a CSV difference names its row.
final class RecomputeSettingsTests: XCTestCase {
    func testRecomputeWithoutThePipelineUsesTheManifestsSettingsAndNamesTheKey() throws {
        let ws = try workspace(ingested: false)
        XCTAssertTrue([0, 3].contains(try ReportHarness.miara(["run", "--pipeline", ws.pipeline.path, "--quiet"], cwd: ws.dir).status))
        let latest = ws.outputs.appendingPathComponent("latest")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: latest.appendingPathComponent("manifest.json"))) as! [String: Any]
        let settings = manifest["settings"] as! [String: Any]
        // The key's SHA-256, never the key: the workspace's key is this text (trimmed).
        XCTAssertEqual(settings["pseudonym_key_sha256"] as? String, FileScan.sha256(Data("00112233445566778899aabbccddeeff".utf8)))
        XCTAssertFalse(String(decoding: try Data(contentsOf: latest.appendingPathComponent("manifest.json")), as: UTF8.self)
            .contains("00112233445566778899aabbccddeeff"))
        XCTAssertEqual((settings["targets"] as? [String: [String: Double]])?["S05"]?["max"], 120)
        XCTAssertNotNil((settings["catalogues"] as? [String: String])?["measures"])

        let bare = try ReportHarness.miara(["verify", latest.path, "--inbox", ws.inbox.path, "--recompute", "--lang", "en"])
        // Old code: every output "differs when recomputed", nothing said why.
        XCTAssertTrue(bare.out.contains("setting differs: the pseudonym key (the run's sha256 "), bare.out)
        XCTAssertTrue(bare.out.contains("this pipeline's none"), bare.out)
        let withPipeline = try ReportHarness.miara(["verify", latest.path, "--pipeline", ws.pipeline.path, "--recompute", "--lang", "en"])
        XCTAssertEqual(withPipeline.status, 0, withPipeline.out + withPipeline.err)
        XCTAssertFalse(withPipeline.out.contains("setting differs"), withPipeline.out)
    }

    func testACSVDifferenceNamesTheRowColumnAndBothValues() throws {
        let ws = try workspace(ingested: false)
        XCTAssertTrue([0, 3].contains(try ReportHarness.miara(["run", "--pipeline", ws.pipeline.path, "--quiet"], cwd: ws.dir).status))
        let measures = ws.outputs.appendingPathComponent("latest").resolvingSymlinksInPath().appendingPathComponent("measures.csv")
        var rows = CSVText.records(try String(contentsOf: measures, encoding: .utf8))
        let value = rows[0].firstIndex(of: "value")!, n = rows.firstIndex { $0.count > value && !$0[value].isEmpty && $0 != rows[0] }!
        let old = rows[n][value]
        rows[n][value] = "12345"
        try rows.map { CSVText.line($0) }.joined().write(to: measures, atomically: true, encoding: .utf8)
        let r = try ReportHarness.miara(["verify", ws.outputs.appendingPathComponent("latest").path, "--pipeline", ws.pipeline.path, "--recompute", "--lang", "en"])
        XCTAssertEqual(r.status, 1)
        let expected = "row \(n + 1) measure=\(rows[n][0]) "
        let line = r.out.split(separator: "\n").first { $0.hasPrefix("differs when recomputed") && $0.hasSuffix(": measures.csv") }.map(String.init) ?? ""
        // Old code: "(first at byte …, line …)".
        XCTAssertTrue(line.contains(expected), r.out)
        XCTAssertTrue(line.contains("value published 12345, recomputed \(old)"), line)
        XCTAssertTrue(line.contains("period=\(rows[n][rows[0].firstIndex(of: "period")!])"), line)
    }
}

/// The options ArgumentParser checks itself (issue 20, item 2): the shared compute options'
/// `validate()`, `Grain` and `Language` as argument types.
final class ArgumentTypesTests: XCTestCase {
    func testBadValuesAreRefusedByTheParserWithTheValidOnesBeforeAnythingRuns() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("miara-args-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        for command in ["run", "compute", "report"] {
            let r = try ReportHarness.miara([command, "--min-cell", "0"], cwd: dir)
            XCTAssertEqual(r.status, 2, "\(command): \(r.err)")
            XCTAssertTrue(r.err.contains("--min-cell must be at least 1 (found 0)"), "\(command): \(r.err)")
        }
        let grain = try ReportHarness.miara(["explain", "E01", "--unit", "all", "--period", "2026", "--grain", "castle"], cwd: dir)
        XCTAssertEqual(grain.status, 2)
        XCTAssertTrue(grain.err.contains("'castle'") && grain.err.contains("'facility'") && grain.err.contains("'municipality'"), grain.err)
        let lang = try ReportHarness.miara(["status", "--lang", "de"], cwd: dir)
        XCTAssertEqual(lang.status, 2)
        XCTAssertTrue(lang.err.contains("'de'") && lang.err.contains("'pl'") && lang.err.contains("'en'"), lang.err)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), [])
    }
}

extension SecondDayCommandTests {
    /// A night with nothing new publishes the last run's files again: its rejects.csv stays private too.
    func testAReusedNightKeepsRejectsPrivate() throws {
        let ws = try workspace(ingested: false)
        let old = umask(0o022)
        defer { umask(old) }
        for _ in 0..<2 { XCTAssertTrue([0, 3].contains(try ReportHarness.miara(["run", "--pipeline", ws.pipeline.path, "--quiet"], cwd: ws.dir).status)) }
        XCTAssertEqual(ws.runFolders.count, 2)
        let latest = ws.outputs.appendingPathComponent("latest").resolvingSymlinksInPath()
        XCTAssertNotNil(try? Data(contentsOf: latest.appendingPathComponent("manifest.json")).range(of: Data("reused_from".utf8)))
        XCTAssertEqual(PrivateFiles.mode(latest.appendingPathComponent("rejects.csv").path), 0o600)
        XCTAssertEqual(PrivateFiles.mode(latest.appendingPathComponent("measures.csv").path), 0o644)
    }
}
