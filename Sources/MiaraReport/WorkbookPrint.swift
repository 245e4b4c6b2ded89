import MiaraXLSX

/// Page setup shared by every workbook sheet: A4, fit to one page wide, the header rows
/// repeated, and a footer naming the unit (municipality, provider or the whole group), the
/// headline period (marked provisional while it runs), the as-of date and "page N of M".
struct WorkbookPrint {
    /// Left footer text: the unit the workbook is about.
    let unit: String
    let period: String
    let asOf: String
    let labels: Labels

    /// `labels`: the footer's language when it differs from the run's (the ministry's is Polish).
    init(_ index: WorkbookIndex, unit: String, labels: Labels? = nil) {
        self.unit = unit
        let l = labels ?? index.labels
        let p = index.headlinePeriod
        period = p.map { $0.end > index.ctx.asOf ? "\($0.text) (\(l[.flagProvisional]))" : $0.text } ?? ""
        asOf = index.ctx.asOf.iso
        self.labels = l
    }

    /// Applies the page setup to `ws`; `headerRows` are repeated on every page; `onePage`
    /// scales the sheet to one page (the summary).
    func apply(_ ws: XLSXWorksheet, landscape: Bool = true, headerRows: ClosedRange<Int>? = nil, onePage: Bool = false) {
        let l = labels
        let centre = period.isEmpty ? "" : "\(l[.periodLabel]) \(period) · "
        var setup = XLSXPrintSetup(
            orientation: landscape ? .landscape : .portrait, fitWide: 1, fitTall: onePage ? 1 : 0, repeatRows: headerRows,
            footerLeft: XLSXPrintSetup.literal(unit),
            footerCenter: XLSXPrintSetup.literal(centre + "\(l[.asOfLabel]) \(asOf)"),
            footerRight: XLSXPrintSetup.literal(l[.pageWord]) + " &P " + XLSXPrintSetup.literal(l[.pageOf]) + " &N")
        setup.paperA4 = true
        ws.setPrint(setup)
    }
}
