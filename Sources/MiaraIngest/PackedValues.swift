import MiaraStore

/// The values of planned rows packed for the writer: the texts of many rows in one byte buffer
/// (a text ends at its first NUL byte, as SQLite reads a C string), so the writer binds them
/// without a copy, an allocation or a release per value.
// @unchecked proof: one thread fills it and `RecordPlanner.takePacked` hands it over whole, keeping no reference.
final class PackedValues: @unchecked Sendable {
    enum Slot {
        case null
        case integer(Int64)
        case real(Double)
        case text(start: Int, count: Int)
    }
    // One thread at a time, once per value: no dynamic exclusivity checks.
    @exclusivity(unchecked) private(set) var bytes: [UInt8] = []
    @exclusivity(unchecked) private(set) var slots: [Slot] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity * 160)
        slots.reserveCapacity(capacity * 10)
    }

    var count: Int { slots.count }

    func append(_ v: SQLValue) {
        switch v {
        case .null: slots.append(.null)
        case .integer(let i): slots.append(.integer(i))
        case .real(let d): slots.append(.real(d))
        case .text(let s): append(text: s)
        }
    }

    func append(text: String) {
        let start = bytes.count
        var s = text
        s.withUTF8 { u in
            if let z = u.firstIndex(of: 0) { bytes.append(contentsOf: u[..<z]) } else { bytes.append(contentsOf: u) }
        }
        slots.append(.text(start: start, count: bytes.count - start))
    }

    /// Binds slots `range` to the statement's parameters from `first` on, then steps it to its
    /// end while the bytes are still in place; `ledger` records the row written (the dataset's
    /// columns are the slots from `range.lowerBound + columnsAt` on: a record's text may come first).
    func run(_ st: Statement, slots range: Range<Int>, from first: Int32, ledger: StagedRowLedger.Table? = nil, columnsAt: Int = 0) throws {
        try bytes.withUnsafeBufferPointer { buf in
            // The texts are bound without a copy: unbound before the buffer can change or go.
            defer { st.clearBindings() }
            var i = first
            for k in range {
                switch slots[k] {
                case .null: try st.bind(.null, at: i)
                case .integer(let x): try st.bind(.integer(x), at: i)
                case .real(let x): try st.bind(.real(x), at: i)
                case .text(let start, let count):
                    if count == 0 { try st.bind(.text(""), at: i) } else { try st.bindText(buf.baseAddress! + start, count: count, at: i) }
                }
                i += 1
            }
            try st.run()
            ledger?.record { i in
                switch slots[range.lowerBound + columnsAt + i] {
                case .null: return .null
                case .integer(let x): return .integer(x)
                case .real: return .other
                case .text(let start, let count):
                    return .text(UnsafeBufferPointer(start: count == 0 ? nil : buf.baseAddress! + start, count: count))
                }
            }
        }
    }

    func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        slots.removeAll(keepingCapacity: true)
    }
}
