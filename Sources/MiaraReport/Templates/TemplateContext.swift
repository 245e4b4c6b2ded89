import MiaraValues
import MiaraXLSX

/// The context columns of a template (`DatasetSpec.contextColumns`; `miara plan`): written to the
/// right of the input columns, grey, for reading only. Ingestion knows their names and skips them
/// without a W01, so a filled template goes back into the inbox as it is.
enum TemplateContext {
    /// Writes the headers from `firstColumn` on and the values of `request.rows` (numbers as
    /// numbers, the rest as text); a validation that refuses any typed value marks them read-only.
    static func write(_ ws: XLSXWorksheet, _ request: TemplateRequest, firstColumn: Int, _ wb: XLSXWorkbook) {
        let lang = request.language
        let names = request.dataset.contextColumns
        guard !names.isEmpty else { return }
        let head = wb.addFormat(XLSXFormatSpec(italic: true, bgColor: 0xE7E6E6, wrap: true, border: true))
        let text = wb.addFormat(XLSXFormatSpec(numFormat: "@", italic: true, bgColor: 0xF2F2F2, fontColor: 0x595959))
        let number = wb.addFormat(XLSXFormatSpec(numFormat: "0.######", italic: true, bgColor: 0xF2F2F2, fontColor: 0x595959))
        let readOnly = lang == .pl ? "Tylko do odczytu: kolumna pomocnicza, miara jej nie wczytuje." : "Read only: a helper column miara does not read."
        for (i, name) in names.enumerated() {
            let c = firstColumn + i
            ws.setColumnWidth(c, c, name == PlanContext.measureName ? 40 : 16)
            ws.write(0, c, string: name, head)
            let label = PlanContext.label(name)
            ws.dataValidation(firstRow: 1, firstCol: c, lastRow: TemplateWorkbook.dataRows, lastCol: c,
                              rule: .textLength(min: 0, max: 0),
                              texts: XLSXValidationTexts(inputTitle: TemplateColumn.fit(name, XLSXValidationTexts.maxTitle),
                                                         inputMessage: TemplateColumn.fit((lang == .pl ? label.pl : label.en) + ". " + readOnly,
                                                                                          XLSXValidationTexts.maxMessage),
                                                         errorTitle: TemplateText.errorTitle(lang), errorMessage: readOnly, stop: true))
            for (r, row) in request.rows.enumerated() {
                guard let v = row[name], !v.isEmpty else { continue }
                if name != PlanContext.measureName, let x = Double(v) { ws.write(r + 1, c, number: x, number) }
                else { ws.write(r + 1, c, string: v, text) }
            }
        }
    }
}
