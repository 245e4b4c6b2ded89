import Foundation
import MiaraPipeline
import MiaraValues
import XCTest

/// `miara plan` through the binary, the round trip of SPEC 12: the template pre-filled with the
/// municipality's below-average measures, filled by another program (openpyxl) as a person would,
/// put into the inbox, ingested without a warning or a reject, and monitored in plans.csv.
final class PlanTemplateTests: XCTestCase {
    let python = "/usr/bin/python3"

    func testAPlanTemplateFilledInGoesBackWithoutWarningsAndIsMonitoredInPlansCSV() throws {
        guard FileManager.default.isExecutableFile(atPath: python), shell(python, ["-c", "import openpyxl"]) == 0 else {
            throw XCTSkip("python3-openpyxl is not installed")
        }
        let ws = try ReportHarness.workspace()
        let teryt = "2264011"
        let template = ws.dir.appendingPathComponent("plan.xlsx")
        let p = ["--pipeline", ws.pipeline.path]
        let made = try ReportHarness.miara(["plan", "--teryt", teryt, "--period", "2026", "--out", template.path] + p, cwd: ws.dir)
        XCTAssertEqual(made.status, 0, made.err)

        // Fill in: action, owner, start, deadline, target (the group mean), state; save into the inbox.
        let filled = ws.inbox.appendingPathComponent("mops/plans/plan-\(teryt).xlsx")
        let script = """
            import datetime, json, sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb.worksheets[0]
            head = [c.value for c in ws[1]]
            col = {h: i + 1 for i, h in enumerate(head)}
            rows = []
            for r in range(2, ws.max_row + 1):
                if ws.cell(r, col["measure"]).value is None: continue
                ws.cell(r, col["action"]).value = "Działanie naprawcze"
                ws.cell(r, col["owner"]).value = "Dział Pomocy"
                ws.cell(r, col["start"]).value = datetime.date(2026, 1, 1)
                ws.cell(r, col["deadline"]).value = datetime.date(2026, 12, 31)
                ws.cell(r, col["target"]).value = ws.cell(r, col["group_mean"]).value
                ws.cell(r, col["state"]).value = "in_progress"
                rows.append([ws.cell(r, col[c]).value for c in ["teryt", "measure", "action_no", "baseline_period", "current_value"]])
            wb.save(sys.argv[2])
            print(json.dumps(rows))
            """
        let (status, out) = shellOutput(python, ["-c", script, template.path, filled.path])
        XCTAssertEqual(status, 0, out)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[Any]])
        let measures = rows.compactMap { $0[1] as? String }

        let run = try ReportHarness.miara(["run", "--no-reuse"] + p, cwd: ws.dir)
        XCTAssertTrue([0, 3].contains(run.status), run.err)
        let folder = ws.outputs.appendingPathComponent("latest")
        let rejects = try String(contentsOf: folder.appendingPathComponent("rejects.csv"), encoding: .utf8)
        let warnings = try String(contentsOf: folder.appendingPathComponent("warnings.csv"), encoding: .utf8)
        XCTAssertFalse(rejects.contains("plan-\(teryt)"), rejects)
        XCTAssertFalse(warnings.contains("plan-\(teryt)"), warnings)

        // The template's rows are exactly the municipality's below-average measures of 2026 in benchmark.csv.
        let benchmark = try String(contentsOf: folder.appendingPathComponent("benchmark.csv"), encoding: .utf8)
        let below = benchmark.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            .filter { $0.count > 13 && $0[1] == "2026" && $0[2] == teryt && $0[13].split(separator: ";").contains("below_average") }.map { $0[0] }
        XCTAssertFalse(measures.isEmpty)
        XCTAssertEqual(Set(measures), Set(below))
        for r in rows {
            XCTAssertEqual(r[0] as? String, teryt)
            XCTAssertEqual(r[2] as? Int, 1)
            XCTAssertEqual(r[3] as? String, "2026")
        }

        // plans.csv: each action in 2026H1 and 2026H2 (clipped at 2026-10-31), the baseline being
        // the value the template showed, 2026H1's value the one measures.csv publishes.
        let plans = try String(contentsOf: folder.appendingPathComponent("plans.csv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertEqual(plans.first, ["teryt", "measure", "action_no", "period", "baseline", "value", "target", "progress", "elapsed", "assessment", "flags"])
        let measuresCSV = try String(contentsOf: folder.appendingPathComponent("measures.csv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        for r in rows {
            let m = r[1] as! String
            let mine = plans.filter { $0[0] == teryt && $0[1] == m && $0[2] == "1" }
            XCTAssertEqual(mine.map { $0[3] }, ["2026H1", "2026H2"], m)
            XCTAssertEqual(mine.first.flatMap { Double($0[4]) }, (r[4] as? NSNumber)?.doubleValue, m)
            XCTAssertEqual(mine.first?[8], "0.49589", m)                   // 181 of 365 days
            XCTAssertEqual(mine.last?[8], "0.832877", m)                   // 304 of 365 days
            XCTAssertEqual(mine.last?[10].hasPrefix("provisional"), true, m)
            let published = measuresCSV.first { $0[0] == m && $0[1] == "2026H1" && $0[2] == "municipality" && $0[3] == teryt && $0[4].isEmpty && $0[5].isEmpty }
            XCTAssertEqual(mine.first?[5], published?[6], m)
        }
    }

    @discardableResult
    func shell(_ exe: String, _ args: [String]) -> Int32 { shellOutput(exe, args).0 }

    func shellOutput(_ exe: String, _ args: [String]) -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        p.environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        guard (try? p.run()) != nil else { return (-1, "") }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
