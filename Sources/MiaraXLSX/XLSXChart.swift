import Foundation
import CXLSXWriter
import MiaraValues
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

/// A hatched fill of one chart point: diagonal stripes of `foreground` on `background`.
public struct XLSXPattern: Sendable, Equatable {
    public var foreground: UInt32
    public var background: UInt32
    public init(foreground: UInt32, background: UInt32 = 0xFFFFFF) { self.foreground = foreground; self.background = background }
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
    /// A visible marker of a line series: square markers of this size (points), filled with
    /// `lineColor` (or `fillColor`).
    public var markerSize: Int?
    /// Fill colours of single points (0-based index in the series → 0xRRGGBB): one bar highlighted.
    public var pointFills: [Int: UInt32] = [:]
    /// Hatched points (0-based index → pattern): a point marked apart from its series' fill.
    public var pointPatterns: [Int: XLSXPattern] = [:]
    /// Show each point's value as a data label (in `labelNumFormat`, else the value axis' format).
    public var valueLabels = false
    public var labelNumFormat: String?
    public init(fillColor: UInt32? = nil, lineColor: UInt32? = nil, lineWidth: Double? = nil,
                noLine: Bool = false, noMarkers: Bool = false, markerSize: Int? = nil,
                pointFills: [Int: UInt32] = [:], valueLabels: Bool = false, labelNumFormat: String? = nil,
                pointPatterns: [Int: XLSXPattern] = [:]) {
        self.fillColor = fillColor; self.lineColor = lineColor; self.lineWidth = lineWidth
        self.noLine = noLine; self.noMarkers = noMarkers; self.markerSize = markerSize
        self.pointFills = pointFills; self.valueLabels = valueLabels; self.labelNumFormat = labelNumFormat
        self.pointPatterns = pointPatterns
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
    /// The value axis' number format, reused by data labels added later.
    var valueAxisFormat: String?

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
        else if let size = style.markerSize {
            chart_series_set_marker_type(series, UInt8(LXW_CHART_MARKER_SQUARE.rawValue))
            chart_series_set_marker_size(series, UInt8(clamping: max(2, min(72, size))))
            if let c = style.lineColor ?? style.fillColor {
                var fill = lxw_chart_fill()
                fill.color = lxw_color_t(c & 0xFF_FFFF)
                chart_series_set_marker_fill(series, &fill)
                var line = lxw_chart_line()
                line.color = lxw_color_t(c & 0xFF_FFFF)
                chart_series_set_marker_line(series, &line)
            }
        }
        let marked = Set(style.pointFills.keys).union(style.pointPatterns.keys)
        if let last = marked.max(), marked.min()! >= 0, last <= values.lastRow - values.firstRow + (values.lastCol - values.firstCol) {
            setPoints(series, count: last + 1, fills: style.pointFills, patterns: style.pointPatterns)
        }
        if style.valueLabels {
            chart_series_set_labels(series)
            if let code = style.labelNumFormat ?? valueAxisFormat, !code.isEmpty, code.unicodeScalars.count <= XLSXFormatLimits.maxNumFormat {
                chart_series_set_labels_num_format(series, code.replacingOccurrences(of: "\0", with: ""))
            }
        }
    }

    /// Formats single points: every point up to the last marked one gets an entry (an
    /// empty one keeps the series' look); a pattern wins over a fill; libxlsxwriter copies them.
    private func setPoints(_ series: UnsafeMutablePointer<lxw_chart_series>, count: Int, fills: [Int: UInt32],
                           patterns: [Int: XLSXPattern] = [:]) {
        let fillStore = UnsafeMutablePointer<lxw_chart_fill>.allocate(capacity: count)
        let patternStore = UnsafeMutablePointer<lxw_chart_pattern>.allocate(capacity: count)
        let pointStore = UnsafeMutablePointer<lxw_chart_point>.allocate(capacity: count)
        let list = UnsafeMutablePointer<UnsafeMutablePointer<lxw_chart_point>?>.allocate(capacity: count + 1)
        defer { fillStore.deallocate(); patternStore.deallocate(); pointStore.deallocate(); list.deallocate() }
        for i in 0..<count {
            fillStore[i] = lxw_chart_fill()
            patternStore[i] = lxw_chart_pattern()
            pointStore[i] = lxw_chart_point()
            if let p = patterns[i] {
                patternStore[i].fg_color = lxw_color_t(p.foreground & 0xFF_FFFF)
                patternStore[i].bg_color = lxw_color_t(p.background & 0xFF_FFFF)
                patternStore[i].type = UInt8(LXW_CHART_PATTERN_WIDE_UPWARD_DIAGONAL.rawValue)
                pointStore[i].pattern = patternStore + i
            } else if let c = fills[i] {
                fillStore[i].color = lxw_color_t(c & 0xFF_FFFF)
                pointStore[i].fill = fillStore + i
            }
            list[i] = pointStore + i
        }
        list[count] = nil
        workbook.check(chart_series_set_points(series, list), "chart_series_set_points")
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

    /// Names the value axis (its unit) in a small font.
    public func setValueAxisName(_ name: String, fontSize: Double) {
        guard workbook.isOpen, !name.isEmpty else { return }
        chart_axis_set_name(valueAxis, Self.literal(name))
        var f = lxw_chart_font(); f.size = fontSize
        chart_axis_set_name_font(valueAxis, &f)
    }

    /// Number format of the value axis (e.g. `0.0%`).
    public func setValueAxisNumFormat(_ code: String) {
        guard workbook.isOpen, !code.isEmpty, code.unicodeScalars.count <= XLSXFormatLimits.maxNumFormat else { return }
        let c = code.replacingOccurrences(of: "\0", with: "")
        valueAxisFormat = c
        chart_axis_set_num_format(valueAxis, c)
    }

    /// The axis of the values: the horizontal one (`x_axis`) in a bar chart, else `y_axis`.
    var valueAxis: UnsafeMutablePointer<lxw_chart_axis> { type == .bar ? pointer.pointee.x_axis : pointer.pointee.y_axis }
    /// The axis of the categories.
    var categoryAxis: UnsafeMutablePointer<lxw_chart_axis> { type == .bar ? pointer.pointee.y_axis : pointer.pointee.x_axis }

    /// Starts the value axis at `min` (0: bars keep their true proportions).
    public func setValueAxisMin(_ min: Double) {
        guard workbook.isOpen, min.isFinite else { return }
        chart_axis_set_min(valueAxis, min)
    }

    /// Plots cells of hidden rows and columns too (chart data kept out of sight on its sheet).
    public func showHiddenData() {
        guard workbook.isOpen else { return }
        chart_show_hidden_data(pointer)
    }

    /// Removes the legend (a chart with one series named in its title needs none).
    public func hideLegend() {
        guard workbook.isOpen else { return }
        chart_legend_set_position(pointer, UInt8(LXW_CHART_LEGEND_NONE.rawValue))
    }

    /// Lists the categories from the top (bar charts otherwise draw the first category at the bottom).
    public func reverseCategoryAxis() {
        guard workbook.isOpen else { return }
        chart_axis_set_reverse(categoryAxis)
    }

    /// Font sizes of the title and of both axes' numbers (small charts on a printed page).
    public func setFontSizes(title: Double, axes: Double) {
        guard workbook.isOpen else { return }
        var t = lxw_chart_font(); t.size = title; t.bold = 1
        chart_title_set_name_font(pointer, &t)
        var a = lxw_chart_font(); a.size = axes
        chart_axis_set_num_font(pointer.pointee.x_axis, &a)
        chart_axis_set_num_font(pointer.pointee.y_axis, &a)
        chart_legend_set_font(pointer, &a)
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
        guard let pointer = rawPointer else { throw MiaraError.xlsxWrite("workbook already closed") }
        guard let chart = workbook_add_chart(pointer, type.raw) else { throw MiaraError.xlsxWrite("workbook_add_chart failed") }
        return XLSXChart(pointer: chart, workbook: self, type: type)
    }
}

extension XLSXWorksheet {
    /// Inserts `chart` with its top-left corner at (row, col); `scale` multiplies the default
    /// 480 × 288 pixel size.
    public func insertChart(_ row: Int, _ col: Int, _ chart: XLSXChart, xScale: Double = 1, yScale: Double = 1,
                            xOffset: Int = 0, yOffset: Int = 0) {
        guard workbook.isOpen else { workbook.record("insertChart after close()"); return }
        guard chart.workbook === workbook else { workbook.record("insertChart: chart of another workbook"); return }
        guard !chart.inserted, !chart.combinedInto else { workbook.record("insertChart: chart already used"); return }
        guard row >= 0, row <= XLSXFormatLimits.maxRow, col >= 0, col <= XLSXFormatLimits.maxCol else {
            workbook.record("insertChart on \(name): cell out of range"); return
        }
        var opt = lxw_chart_options()
        opt.x_scale = xScale.isFinite && xScale > 0 ? xScale : 1
        opt.y_scale = yScale.isFinite && yScale > 0 ? yScale : 1
        opt.x_offset = Int32(clamping: max(0, xOffset))
        opt.y_offset = Int32(clamping: max(0, yOffset))
        workbook.check(worksheet_insert_chart_opt(pointer, lxw_row_t(row), lxw_col_t(col), chart.pointer, &opt),
                       "insert chart on \(name)")
        chart.inserted = true
    }
}
