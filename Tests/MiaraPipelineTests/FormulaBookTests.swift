import Foundation
import MiaraMeasures
import MiaraPipeline
import XCTest

/// docs/measures.md is the formula book `miara docs` generates from the built-in catalogue.
final class FormulaBookTests: XCTestCase {
    func testCommittedFormulaBookIsCurrent() throws {
        let url = PeriodsKeywordTests.repo.appendingPathComponent("docs/measures.md")
        let committed = try String(contentsOf: url, encoding: .utf8)
        XCTAssertEqual(committed, FormulaBook.markdown(try MeasureCatalogue.builtIn()),
                       "docs/measures.md is stale: run `miara docs docs` after changing the catalogue")
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
