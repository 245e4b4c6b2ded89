import Foundation
import MiaraMeasures
import MiaraPipeline
@testable import MiaraReport
import MiaraStore
import MiaraValues
import XCTest

/// Workbooks only where something changed (issue 23, 4): a workbook whose inputs did not change
/// since the last published run is copied from its folder; the copy is the bytes a run from
/// scratch writes, and the manifest says which files were copied and from which run.
final class WorkbookReuseTests: XCTestCase {
    /// Runs `miara run` in-process; returns its manifest and folder.
    private func night(_ config: PipelineConfig, _ id: String, reuse: Bool = true) throws -> (manifest: Manifest, folder: URL) {
        var stage = RunStage(config: config)
        stage.reuse = reuse
        let r = try stage.run(RunContext(config: config, runID: id, console: Printer(mode: .quiet)))
        return (try XCTUnwrap(r.manifest), try XCTUnwrap(r.runFolder))
    }

    /// Runs `miara report` in-process (it always computes).
    private func report(_ config: PipelineConfig, _ id: String) throws -> (ComputeStage.Result, ReportStage.Result) {
        try ReportCommandStage(config: config).run(RunContext(config: config, runID: id, command: "report", console: Printer(mode: .quiet)))
    }

    /// The workbooks of a manifest: path → the run it was copied from ("" when written).
    private func copied(_ m: Manifest) -> [String: String] {
        var out: [String: String] = [:]
        for o in m.outputs where o.path.hasSuffix(".xlsx") { out[o.path] = o.reusedFrom ?? "" }
        return out
    }

    private func bytes(_ folder: URL, _ name: String) throws -> Data { try Data(contentsOf: folder.appendingPathComponent(name)) }

    /// The first plan file of the inbox sent again as a new file, with its first action's owner
    /// corrected: a change of one municipality's data that no measure reads. Returns its teryt.
    private func correctOnePlanOwner(_ inbox: URL) throws -> String {
        let plans = inbox.appendingPathComponent("mops/plans")
        let name = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: plans.path).sorted().first { $0.hasSuffix(".csv") })
        let lines = try String(contentsOf: plans.appendingPathComponent(name), encoding: .utf8)
            .components(separatedBy: "\n").filter { !$0.isEmpty }
        let header = lines[0].replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: ",")
        let owner = try XCTUnwrap(header.firstIndex(of: "owner")), teryt = try XCTUnwrap(header.firstIndex(of: "teryt"))
        var row = lines[1].components(separatedBy: ",")
        XCTAssertEqual(row.count, header.count, "a plain row: \(lines[1])")
        XCTAssertNotEqual(row[owner], "Zespół Interwencji Kryzysowej")
        row[owner] = "Zespół Interwencji Kryzysowej"
        try (lines[0] + "\n" + row.joined(separator: ",") + "\n")
            .write(to: plans.appendingPathComponent("zz-korekta.csv"), atomically: true, encoding: .utf8)
        return row[teryt]
    }

    func testOneMunicipalitysChangeRewritesOnlyItsWorkbookAndTheOthersAreTheBytesOfARunFromScratch() throws {
        let ws = try workspace(ingested: false)
        let config = try ws.config()
        let n1 = try night(config, "n1")
        XCTAssertTrue(copied(n1.manifest).values.allSatisfy { $0.isEmpty }, "a first night writes every workbook")
        XCTAssertTrue(n1.manifest.outputs.filter { $0.path.hasSuffix(".xlsx") }.allSatisfy { $0.inputsSHA256?.count == 64 })
        // The compute CSVs have their inputs' digest too (`CSVInputs`); rejects.csv and warnings.csv none.
        let computeCSVs = ["benchmark.csv", "coverage.csv", "measures.csv", "plans.csv"]
        XCTAssertEqual(n1.manifest.outputs.filter { !$0.path.hasSuffix(".xlsx") && $0.inputsSHA256 != nil }.map(\.path), computeCSVs)
        XCTAssertTrue(n1.manifest.outputs.filter { computeCSVs.contains($0.path) }.allSatisfy { $0.inputsSHA256?.count == 64 })

        let teryt = try correctOnePlanOwner(ws.inbox)
        let n2 = try night(config, "n2")
        XCTAssertNil(n2.manifest.reusedFrom, "a new file: the night computes")
        let mine = "gmina-\(teryt).xlsx"
        var expected = copied(n1.manifest).mapValues { _ in "n1" }
        XCTAssertGreaterThan(expected.count, 4)
        XCTAssertNotNil(expected[mine])
        expected[mine] = ""
        XCTAssertEqual(copied(n2.manifest), expected, "only the municipality's workbook is written again")
        // No measure reads a plan's owner: measures.csv, benchmark.csv and coverage.csv are copied.
        let csvCopies = Dictionary(n2.manifest.outputs.filter { $0.path.hasSuffix(".csv") }.map { ($0.path, $0.reusedFrom ?? "") },
                                   uniquingKeysWith: { a, _ in a })
        for name in ["benchmark.csv", "coverage.csv", "measures.csv"] {
            XCTAssertEqual(csvCopies[name], "n1", name)
            XCTAssertEqual(try bytes(n2.folder, name), try bytes(n1.folder, name), name)
        }
        XCTAssertEqual(csvCopies["rejects.csv"], "")
        XCTAssertNotEqual(try bytes(n2.folder, mine), try bytes(n1.folder, mine), "its workbook shows the correction")
        XCTAssertEqual(Verifier.verify(runFolder: n2.folder), [])

        // A run from scratch on the same inbox: a store and outputs of its own, one night.
        var scratch = config
        scratch.store = ws.dir.appendingPathComponent("scratch.sqlite").path
        scratch.outputs = ws.dir.appendingPathComponent("scratch-out").path
        let fresh = try night(scratch, "fresh")
        XCTAssertEqual(copied(fresh.manifest).values.filter { !$0.isEmpty }, [])
        for name in Array(expected.keys) + computeCSVs {
            XCTAssertEqual(try bytes(n2.folder, name), try bytes(fresh.folder, name), name)
        }
        XCTAssertEqual(n2.manifest.outputs.map(\.inputsSHA256), fresh.manifest.outputs.map(\.inputsSHA256))
    }

    func testAnotherAsOfHeadlineOrSettingRewritesEveryWorkbook() throws {
        let ws = try workspace(ingested: false)
        var config = try ws.config()
        _ = try night(config, "n1")
        // `miara report` always computes: with nothing changed every workbook is copied.
        let (_, same) = try report(config, "r1")
        XCTAssertTrue(copied(same.manifest).values.allSatisfy { $0 == "n1" }, "\(copied(same.manifest))")

        func rewritesAll(_ id: String, _ change: (inout PipelineConfig) -> Void) throws {
            change(&config)
            let n = try night(config, id)
            XCTAssertNil(n.manifest.reusedFrom)
            XCTAssertGreaterThan(copied(n.manifest).count, 4)
            XCTAssertEqual(copied(n.manifest).filter { !$0.value.isEmpty }, [:], id)
        }
        try rewritesAll("min-cell") { $0.minCell = 7 }
        try rewritesAll("headline") { $0.headline = .previousYear }
        try rewritesAll("as-of") { $0.asOfText = "2026-10-30" }
        try rewritesAll("target") { $0.targets = [:] }
        try rewritesAll("author") { $0.author = "MOPS Inny" }
    }

    func testAnEditedOrRemovedWorkbookOfThePreviousRunIsWrittenAgain() throws {
        let ws = try workspace(ingested: false)
        let config = try ws.config()
        let n1 = try night(config, "n1")
        let names = copied(n1.manifest).keys.sorted()
        let edited = try XCTUnwrap(names.first { $0.hasPrefix("gmina-") }), removed = try XCTUnwrap(names.first { $0.hasPrefix("podmiot-") })
        let original = try bytes(n1.folder, edited)
        var changed = original
        changed[changed.count - 1] ^= 0x01
        try changed.write(to: n1.folder.appendingPathComponent(edited))
        try FileManager.default.removeItem(at: n1.folder.appendingPathComponent(removed))
        let (_, r) = try report(config, "r1")
        var expected = Dictionary(uniqueKeysWithValues: names.map { ($0, "n1") })
        expected[edited] = ""; expected[removed] = ""
        XCTAssertEqual(copied(r.manifest), expected)
        XCTAssertEqual(try bytes(r.runFolder, edited), original, "written again, not copied")
        XCTAssertEqual(Verifier.verify(runFolder: r.runFolder), [])
    }

    func testDeletingThePreviousRunFolderLeavesTheCopiesWhole() throws {
        let ws = try workspace(ingested: false)
        let config = try ws.config()
        let n1 = try night(config, "n1")
        let (_, r) = try report(config, "r1")
        XCTAssertTrue(copied(r.manifest).values.allSatisfy { $0 == "n1" })
        try FileManager.default.removeItem(at: n1.folder)
        XCTAssertEqual(Verifier.verify(runFolder: r.runFolder), [], "copies, not links into the deleted folder")
    }

    func testNoReuseWritesEveryWorkbookAndRecordsTheSameDigests() throws {
        let ws = try workspace(ingested: false)
        let config = try ws.config()
        let n1 = try night(config, "n1")
        let n2 = try night(config, "n2", reuse: false)
        XCTAssertEqual(copied(n2.manifest).filter { !$0.value.isEmpty }, [:])
        XCTAssertEqual(n2.manifest.outputs.map(\.inputsSHA256), n1.manifest.outputs.map(\.inputsSHA256))
        // A night with nothing new publishes the whole folder again: every file names the run it came from.
        let n3 = try night(config, "n3")
        XCTAssertEqual(n3.manifest.reusedFrom, "n2")
        XCTAssertEqual(Set(n3.manifest.outputs.map { $0.reusedFrom ?? "" }), ["n2"])
        XCTAssertEqual(n3.manifest.outputs.map(\.inputsSHA256), n1.manifest.outputs.map(\.inputsSHA256))
    }

    /// Through the built binary, one process a night: the digests of a workbook are the same in
    /// every process (no per-process hashing order reaches them).
    func testTheBinaryReusesAcrossProcesses() throws {
        guard ReportHarness.binary != nil else { throw XCTSkip("the miara binary is not built") }
        let ws = try workspace(ingested: false)
        let run = { (id: String) throws -> Manifest in
            let r = try ReportHarness.miara(["run", "--pipeline", ws.pipeline.path, "--quiet"], cwd: ws.dir)
            XCTAssertTrue(r.status == 0 || r.status == 3, "\(id): \(r.status) \(r.err)")
            return try Manifest.load(ws.outputs.appendingPathComponent("latest/manifest.json"))
        }
        let first = try run("first")
        let teryt = try correctOnePlanOwner(ws.inbox)
        let second = try run("second")
        let reused = copied(second)
        XCTAssertEqual(reused["gmina-\(teryt).xlsx"], "")
        XCTAssertEqual(reused.filter { $0.value.isEmpty }.count, 1, "\(reused)")
        XCTAssertTrue(reused.filter { !$0.value.isEmpty }.values.allSatisfy { $0 == first.runID })
    }

    /// The digests read every stored property of the rows they take field by field.
    func testTheRowDigestsTakeEveryField() {
        let p = Period("2026")!
        XCTAssertEqual(Mirror(reflecting: MeasureRow(measure: MeasureCode("E01"), period: p, grain: .municipality, unitID: "x",
                                                     value: 1, numerator: 1, denominator: 1, unit: "PLN")).children.count,
                       WorkbookInputs.measureRowFields)
        XCTAssertEqual(Mirror(reflecting: BenchmarkRow(measure: MeasureCode("E01"), period: p, teryt: "x", value: 1)).children.count,
                       WorkbookInputs.benchmarkRowFields)
        XCTAssertEqual(Mirror(reflecting: CoverageRow(month: "2026-01", teryt: "x", providerID: "p", facilityID: "f", facilityType: "shelter",
                                                      costRows: 1, activityRows: 1)).children.count,
                       WorkbookInputs.coverageRowFields)
        // One changed field changes the digest.
        var a = InputDigest("t"), b = InputDigest("t")
        WorkbookInputs.add(MeasureRow(measure: MeasureCode("E01"), period: p, grain: .municipality, unitID: "x", value: 1, numerator: 1,
                                      denominator: 1, unit: "PLN"), to: &a)
        WorkbookInputs.add(MeasureRow(measure: MeasureCode("E01"), period: p, grain: .municipality, unitID: "x", value: 1, numerator: 1,
                                      denominator: 1, unit: "PLN", sd: 0.5), to: &b)
        XCTAssertNotEqual(a.finish(), b.finish())
    }

    /// The store's records and the data-quality rows enter the digests field by field too: the
    /// counts of their stored properties, taken from records of a real store.
    func testTheRecordDigestsTakeEveryField() throws {
        let ws = try workspace()
        let store = try Store.open(ws.store.path, .readWrite)
        try store.read { db in
            let p = try XCTUnwrap(try StoreRecords.providers(db).first)
            XCTAssertEqual(Mirror(reflecting: p).children.count, WorkbookInputs.providerFields)
            let f = try XCTUnwrap(try StoreRecords.facilities(db).first)
            XCTAssertEqual(Mirror(reflecting: f).children.count, WorkbookInputs.facilityFields)
            let c = try XCTUnwrap(try StoreRecords.contracts(db).first)
            XCTAssertEqual(Mirror(reflecting: c).children.count, WorkbookInputs.contractFields)
            let a = try XCTUnwrap(try StoreRecords.audits(db).first)
            XCTAssertEqual(Mirror(reflecting: a).children.count, WorkbookInputs.auditFields)
        }
        XCTAssertEqual(Mirror(reflecting: DataQualityTables.HUD(dataset: "d", column: "c", rowsRead: 1, missing: 0, invalid: 0,
                                                                emptyOptional: nil)).children.count, WorkbookInputs.hudFields)
        XCTAssertEqual(Mirror(reflecting: DataQualityTables.Timeliness(dataset: "d", column: "c", buckets: [])).children.count,
                       WorkbookInputs.timelinessFields)
    }

    func testTheDigestTellsSequencesApart() {
        func digest(_ build: (inout InputDigest) -> Void) -> String { var d = InputDigest("t"); build(&d); return d.finish() }
        XCTAssertNotEqual(digest { $0.add("ab"); $0.add("c") }, digest { $0.add("a"); $0.add("bc") })
        XCTAssertNotEqual(digest { $0.add(nil as Double?) }, digest { $0.add(0.0) })
        XCTAssertNotEqual(digest { $0.add(nil as String?) }, digest { $0.add("") })
        XCTAssertNotEqual(digest { $0.add(1) }, digest { $0.add(1.0) })
        XCTAssertEqual(digest { $0.add("ab"); $0.add(2) }, digest { $0.add("ab"); $0.add(2) })
        // Past one block of buffered bytes the digest is still the SHA-256 of the whole stream.
        XCTAssertNotEqual(digest { for i in 0..<20_000 { $0.add(i) } }, digest { for i in 0..<20_000 { $0.add(i == 19_999 ? 0 : i) } })
    }
}
