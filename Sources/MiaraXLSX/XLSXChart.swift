import Foundation
import CXLSXWriter
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A rectangular cell range on a named worksheet (0-based rows and columns), used by chart series.
public struct XLSXRange: Sendable, Equatable {
    public var sheet: String
    public var firstRow: Int
    public var firstCol: Int
    public var lastRow: Int
    public var lastCol: Int
    public init(sheet: String, firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int) {
        self.sheet = sheet; self.firstRow = firstRow; self.firstCol = firstCol; self.lastRow = lastRow; self.lastCol = lastCol
    }
    /// A single column from `firstRow` to `lastRow`.
    public init(sheet: String, column: Int, firstRow: Int, lastRow: Int) {
        self.init(sheet: sheet, firstRow: firstRow, firstCol: column, lastRow: lastRow, lastCol: column)
    }

    var isValid: Bool {
        firstRow >= 0 && firstCol >= 0 && firstRow <= lastRow && firstCol <= lastCol
            && lastRow <= XLSXFormatLimits.maxRow && lastCol <= XLSXFormatLimits.maxCol && !sheet.isEmpty
            && sheet.utf8.count <= 31 * 4 && !sheet.utf8.contains(0)
    }
}

/// The chart types the wrapper exposes.
public enum XLSXChartType: Sendable {
    case column, bar, line

    var raw: UInt8 {
        switch self {
        case .column: return UInt8(LXW_CHART_COLUMN.rawValue)
        case .bar: return UInt8(LXW_CHART_BAR.rawValue)
        case .line: return UInt8(LXW_CHART_LINE.rawValue)
        }
    }
}

/// Look of one chart series.
public struct XLSXSeriesStyle: Sendable, Equatable {
    /// Fill colour (column and bar charts), 0xRRGGBB.
    public var fillColor: UInt32?
    /// Line colour, 0xRRGGBB.
    public var lineColor: UInt32?
    /// Line width in points.
    public var lineWidth: Double?
    /// Hide the line (a line chart series shown by its markers only).
    public var noLine = false
    /// Hide the markers of a line series.
    public var noMarkers = false
    public init(fillColor: UInt32? = nil, lineColor: UInt32? = nil, lineWidth: Double? = nil,
                noLine: Bool = false, noMarkers: Bool = false) {
        self.fillColor = fillColor; self.lineColor = lineColor; self.lineWidth = lineWidth
        self.noLine = noLine; self.noMarkers = noMarkers
    }
}

/// A chart owned by its workbook (libxlsxwriter `workbook_add_chart`). Insert it into exactly
/// one worksheet with `XLSXWorksheet.insertChart`. Texts are copied by libxlsxwriter; a text
/// starting with `=` would be read as a range reference, so the wrapper prefixes it with a space.
public final class XLSXChart {
    let pointer: UnsafeMutablePointer<lxw_chart>
    let workbook: XLSXWorkbook
    public let type: XLSXChartType
    var inserted = false
    var combinedInto = false

    init(pointer: UnsafeMutablePointer<lxw_chart>, workbook: XLSXWorkbook, type: XLSXChartType) {
        self.pointer = pointer; self.workbook = workbook; self.type = type
    }

    static func literal(_ s: String) -> String {
        var t = s.replacingOccurrences(of: "\0", with: "")
        if t.hasPrefix("=") { t = " " + t }
        if t.unicodeScalars.count > XLSXFormatLimits.maxProperty {
            t = String(String.UnicodeScalarView(t.unicodeScalars.prefix(XLSXFormatLimits.maxProperty)))
        }
        return t
    }

    /// Adds a series: `values` against `categories`, named `name` (literal text).
    public func addSeries(name: String?, categories: XLSXRange?, values: XLSXRange, style: XLSXSeriesStyle = XLSXSeriesStyle()) {
        guard workbook.isOpen else { workbook.record("addSeries after close()"); return }
        guard values.isValid, categories?.isValid ?? true else {
            workbook.record("addSeries: invalid range"); return
        }
        guard let series = chart_add_series(pointer, nil, nil) else {
            workbook.record("chart_add_series failed"); return
        }
        if let c = categories {
            chart_series_set_categories(series, c.sheet, lxw_row_t(c.firstRow), lxw_col_t(c.firstCol),
                                        lxw_row_t(c.lastRow), lxw_col_t(c.lastCol))
        }
        chart_series_set_values(series, values.sheet, lxw_row_t(values.firstRow), lxw_col_t(values.firstCol),
                                lxw_row_t(values.lastRow), lxw_col_t(values.lastCol))
        if let name { chart_series_set_name(series, Self.literal(name)) }
        if style.fillColor != nil {
            var fill = lxw_chart_fill()
            fill.color = lxw_color_t(style.fillColor! & 0xFF_FFFF)
            chart_series_set_fill(series, &fill)
        }
        if style.lineColor != nil || style.lineWidth != nil || style.noLine {
            var line = lxw_chart_line()
            if let c = style.lineColor { line.color = lxw_color_t(c & 0xFF_FFFF) }
            if let w = style.lineWidth, w.isFinite, w > 0 { line.width = Float(w) }
            line.none = style.noLine ? 1 : 0
            chart_series_set_line(series, &line)
        }
        if style.noMarkers { chart_series_set_marker_type(series, UInt8(LXW_CHART_MARKER_NONE.rawValue)) }
    }

    public func setTitle(_ title: String) {
        guard workbook.isOpen else { return }
        chart_title_set_name(pointer, Self.literal(title))
    }

    public func setAxisNames(x: String?, y: String?) {
        guard workbook.isOpen else { return }
        if let x { chart_axis_set_name(pointer.pointee.x_axis, Self.literal(x)) }
        if let y { chart_axis_set_name(pointer.pointee.y_axis, Self.literal(y)) }
    }

    /// Number format of the value axis (e.g. `0.0%`).
    public func setValueAxisNumFormat(_ code: String) {
        guard workbook.isOpen, !code.isEmpty, code.unicodeScalars.count <= XLSXFormatLimits.maxNumFormat else { return }
        chart_axis_set_num_format(pointer.pointee.y_axis, code.replacingOccurrences(of: "\0", with: ""))
    }

    public func setLegendBottom() {
        guard workbook.isOpen else { return }
        chart_legend_set_position(pointer, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
    }

    /// Whether this libxlsxwriter can combine two charts (`chart_combine`, added after 1.1.4).
    /// Looked up at run time so the same binary uses it where the library has it.
    public static var canCombine: Bool { combineFunction != nil }

    private typealias CombineFn = @convention(c) (UnsafeMutablePointer<lxw_chart>?, UnsafeMutablePointer<lxw_chart>?) -> Void
    private static let combineFunction: CombineFn? = {
        guard let sym = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "chart_combine") else { return nil }
        return unsafeBitCast(sym, to: CombineFn.self)
    }()

    /// Draws `other` (e.g. a line) over this chart (e.g. columns) in one plot. Returns false —
    /// and leaves both charts alone — when the library has no `chart_combine`.
    @discardableResult
    public func combine(_ other: XLSXChart) -> Bool {
        guard workbook.isOpen, other.workbook === workbook, other !== self, let fn = Self.combineFunction else { return false }
        fn(pointer, other.pointer)
        other.combinedInto = true
        return true
    }
}

extension XLSXWorkbook {
    /// Adds a chart to the workbook (insert it with `XLSXWorksheet.insertChart`).
    public func addChart(_ type: XLSXChartType) throws -> XLSXChart {
        guard let pointer = rawPointer else { throw XLSXWriteError("workbook already closed") }
        guard let chart = workbook_add_chart(pointer, type.raw) else { throw XLSXWriteError("workbook_add_chart failed") }
        return XLSXChart(pointer: chart, workbook: self, type: type)
    }
}

extension XLSXWorksheet {
    /// Inserts `chart` with its top-left corner at (row, col); `scale` multiplies the default
    /// 480 × 288 pixel size.
    public func insertChart(_ row: Int, _ col: Int, _ chart: XLSXChart, xScale: Double = 1, yScale: Double = 1) {
        guard workbook.isOpen else { workbook.record("insertChart after close()"); return }
        guard chart.workbook === workbook else { workbook.record("insertChart: chart of another workbook"); return }
        guard !chart.inserted, !chart.combinedInto else { workbook.record("insertChart: chart already used"); return }
        guard row >= 0, row <= XLSXFormatLimits.maxRow, col >= 0, col <= XLSXFormatLimits.maxCol else {
            workbook.record("insertChart on \(name): cell out of range"); return
        }
        var opt = lxw_chart_options()
        opt.x_scale = xScale.isFinite && xScale > 0 ? xScale : 1
        opt.y_scale = yScale.isFinite && yScale > 0 ? yScale : 1
        workbook.check(worksheet_insert_chart_opt(pointer, lxw_row_t(row), lxw_col_t(col), chart.pointer, &opt),
                       "insert chart on \(name)")
        chart.inserted = true
    }
}
