import Foundation
import MiaraMeasures
import MiaraPipeline
import MiaraValues
import XCTest

/// docs/measures.md is the formula book `miara docs` generates from the built-in catalogue.
final class FormulaBookTests: XCTestCase {
    func testCommittedFormulaBookIsCurrent() throws {
        let url = PeriodsKeywordTests.repo.appendingPathComponent("docs/measures.md")
        let committed = try String(contentsOf: url, encoding: .utf8)
        XCTAssertEqual(committed, FormulaBook.markdown(try MeasureCatalogue.builtIn()),
                       "docs/measures.md is stale: run `miara docs docs` after changing the catalogue")
    }

    func testCommittedDatasetsReferenceIsCurrent() throws {
        let url = PeriodsKeywordTests.repo.appendingPathComponent("docs/datasets.md")
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), DatasetsBook.markdown(),
                       "docs/datasets.md is stale: run `miara docs docs` after changing the dataset definitions")
    }

    /// docs/checks.md documents every check code with its message and an example.
    func testChecksPageNamesEveryCheck() throws {
        let text = try String(contentsOf: PeriodsKeywordTests.repo.appendingPathComponent("docs/checks.md"), encoding: .utf8)
        for code in CheckCode.allCases {
            XCTAssertTrue(text.contains("## \(code.rawValue)"), "\(code.rawValue) has no section in docs/checks.md")
            XCTAssertTrue(text.contains(code.check.polish), "\(code.rawValue): Polish message missing")
            XCTAssertTrue(text.contains(code.check.english), "\(code.rawValue): English message missing")
        }
    }

    func testEveryMeasureHasItsSection() throws {
        let cat = try MeasureCatalogue.builtIn()
        let text = FormulaBook.markdown(cat)
        for d in cat.definitions {
            XCTAssertTrue(text.contains("\n## \(d.code.raw)\n\n**\(d.namePL)** — *\(d.nameEN)*"), d.code.raw)
            XCTAssertTrue(text.contains("| formula | \(FormulaBookTests.cell(d.formulaEN)) |"), d.code.raw)
        }
    }

    static func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
}
