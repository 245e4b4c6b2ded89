import Foundation
import MiaraValues

/// SplitMix64: a small deterministic PRNG (never Foundation's random).
struct RNG {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    init(_ seed: UInt64, _ salt: String) {
        var h = FNV1a()
        h.add(salt)
        state = seed ^ h.value
        _ = next()
    }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
    /// 0..<n
    mutating func int(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
    /// a...b
    mutating func range(_ a: Int, _ b: Int) -> Int { b <= a ? a : a + int(b - a + 1) }
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
    mutating func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * unit() }
    mutating func chance(_ p: Double) -> Bool { unit() < p }
    mutating func pick<T>(_ xs: [T]) -> T { xs[int(xs.count)] }
    /// Picks by integer weights.
    mutating func weighted<T>(_ xs: [(T, Int)]) -> T {
        let total = xs.reduce(0) { $0 + $1.1 }
        var r = int(total)
        for (x, w) in xs { if r < w { return x }; r -= w }
        return xs[xs.count - 1].0
    }
}

/// How one file is written: delimiter, number and date forms, encoding, line ends, code spelling.
struct Dialect {
    enum Encoding { case utf8, utf8BOM, windows1250 }
    var semicolon = false
    var decimalComma = false
    var polishDates = false
    var encoding: Encoding = .utf8
    var crlf = false
    /// 0 `T/N`, 1 `tak/nie`, 2 `1/0`, 3 `true/false`, 4 `Y/N`
    var flagStyle = 0
    /// 0 lower, 1 Title_Case, 2 UPPER
    var codeCase = 0
    /// 0 `f/m`, 1 `K/M`, 2 `kobieta/mężczyzna`
    var sexStyle = 0
    var delimiter: UInt8 { semicolon ? UInt8(ascii: ";") : UInt8(ascii: ",") }

    static let plain = Dialect()
    /// `;`, decimal commas with space groups, `DD.MM.YYYY`.
    static let polish = Dialect(semicolon: true, decimalComma: true, polishDates: true, flagStyle: 1, codeCase: 1, sexStyle: 1)
}

/// A typed cell, rendered by the file's dialect (CSV) or as an XLSX cell.
enum Cell {
    case text(String)
    case code(String)
    case int(Int)
    case dec(Double)
    case day(Day)
    case month(Month)
    case flag(Bool)
    case sex(String)
    case null
}

protocol RowSink: AnyObject {
    var path: String { get }
    var rows: Int { get }
    /// Writes a record; returns the physical line it starts on (header = 1).
    @discardableResult func row(_ cells: [Cell]) -> Int
    func close() throws
}

/// A buffered CSV file writer (~1 MB buffer) in a given dialect; counts physical lines.
final class CSVSink: RowSink {
    let path: String
    let dialect: Dialect
    private var buf: [UInt8] = []
    private let fp: UnsafeMutablePointer<FILE>
    private(set) var rows = 0
    /// The physical line the next record starts on.
    private(set) var line = 1
    private var closed = false
    static let capacity = 1 << 20

    init(root: URL, path: String, dialect: Dialect, header: [String]) throws {
        self.path = path; self.dialect = dialect
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard let f = fopen(url.path, "wb") else { throw MiaraError(.generator, FileText.cannotWrite(url.path)) }
        fp = f
        buf.reserveCapacity(CSVSink.capacity + 4096)
        if dialect.encoding == .utf8BOM { buf.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
        for (i, h) in header.enumerated() {
            if i > 0 { buf.append(dialect.delimiter) }
            field(h)
        }
        endLine()
    }

    @discardableResult func row(_ cells: [Cell]) -> Int {
        let start = line
        for (i, c) in cells.enumerated() {
            if i > 0 { buf.append(dialect.delimiter) }
            cell(c)
        }
        endLine()
        rows += 1
        return start
    }

    /// Writes a record verbatim (already in the file's encoding, without line end); for corrupt rows.
    @discardableResult func raw(_ text: String, countsAsRow: Bool = true) -> Int {
        let start = line
        appendText(text)
        endLine()
        if countsAsRow { rows += 1 }
        return start
    }

    private func endLine() {
        if dialect.crlf { buf.append(13) }
        buf.append(10)
        line += 1
        if buf.count >= CSVSink.capacity { flush() }
    }

    private func flush() {
        if !buf.isEmpty { buf.withUnsafeBufferPointer { _ = fwrite($0.baseAddress, 1, $0.count, fp) } }
        buf.removeAll(keepingCapacity: true)
    }

    func close() throws {
        guard !closed else { return }
        closed = true
        flush()
        fclose(fp)
    }

    private func appendText(_ s: String) {
        var ascii = true
        for b in s.utf8 {
            if b >= 0x80 { ascii = false }
            if b == 10 { line += 1 }
        }
        if ascii || dialect.encoding != .windows1250 {
            buf.append(contentsOf: s.utf8)
        } else {
            buf.append(contentsOf: Windows1250.encode(s))
        }
    }

    private func field(_ s: String) {
        let d = dialect.delimiter
        if s.utf8.contains(where: { $0 == d || $0 == 34 || $0 == 10 || $0 == 13 }) {
            appendText("\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
        } else {
            appendText(s)
        }
    }

    private func digits(_ v: Int) {
        var v = v
        if v < 0 { buf.append(UInt8(ascii: "-")); v = -v }
        if v < 10 { buf.append(UInt8(48 + v)); return }
        var tmp: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &tmp) { p in
            while v > 0 { p[n] = UInt8(48 + v % 10); v /= 10; n += 1 }
            for i in stride(from: n - 1, through: 0, by: -1) { buf.append(p[i]) }
        }
    }

    private func pad2(_ v: Int) { buf.append(UInt8(48 + v / 10)); buf.append(UInt8(48 + v % 10)) }

    private func cell(_ c: Cell) {
        switch c {
        case .null: break
        case .text(let s): field(s)
        case .code(let s): field(Self.spell(s, dialect.codeCase))
        case .int(let v): digits(v)
        case .dec(let v):
            let cents = Int((v * 100).rounded())
            let neg = cents < 0
            let a = abs(cents)
            let ip = a / 100, fp = a % 100
            if neg { buf.append(UInt8(ascii: "-")) }
            if dialect.decimalComma {
                // `1 234,50`
                var groups: [Int] = []
                var x = ip
                repeat { groups.append(x % 1000); x /= 1000 } while x > 0
                for (i, g) in groups.reversed().enumerated() {
                    if i == 0 { digits(g) } else {
                        buf.append(32)
                        buf.append(UInt8(48 + g / 100)); pad2(g % 100)
                    }
                }
                buf.append(UInt8(ascii: ","))
            } else {
                digits(ip)
                buf.append(UInt8(ascii: "."))
            }
            pad2(fp)
        case .day(let d):
            let c = d.components
            if dialect.polishDates {
                pad2(c.day); buf.append(46); pad2(c.month); buf.append(46); digits(c.year)
            } else {
                digits(c.year); buf.append(45); pad2(c.month); buf.append(45); pad2(c.day)
            }
        case .month(let m):
            if dialect.polishDates { pad2(m.month); buf.append(46); digits(m.year) } else { digits(m.year); buf.append(45); pad2(m.month) }
        case .flag(let b):
            let s: String
            switch dialect.flagStyle {
            case 1: s = b ? "tak" : "nie"
            case 2: s = b ? "1" : "0"
            case 3: s = b ? "true" : "false"
            case 4: s = b ? "Y" : "N"
            default: s = b ? "T" : "N"
            }
            appendText(s)
        case .sex(let s):
            switch dialect.sexStyle {
            case 1: appendText(s == "f" ? "K" : "M")
            case 2: appendText(s == "f" ? "kobieta" : "mężczyzna")
            default: appendText(s)
            }
        }
    }

    static func spell(_ code: String, _ style: Int) -> String {
        switch style {
        case 1:
            return code.split(separator: "_", omittingEmptySubsequences: false)
                .map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: "_")
        case 2: return code.uppercased()
        default: return code
        }
    }
}

