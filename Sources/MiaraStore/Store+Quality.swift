import MiaraValues

/// Accepted rows of one file whose optional columns are empty, counted per column.
public struct EmptyColumnCounts: Sendable, Equatable {
    public var fileID: Int
    /// In the order of the columns asked for.
    public var counts: [Int]
}

/// Accepted rows of a dataset whose event date lies `days` before the night their file was read,
/// counted per municipality of the row's facility.
public struct EventDelayCount: Sendable, Equatable {
    public var teryt: String
    /// Days from the event to the as-of date of the run that read the file (negative: the event is
    /// later); nil when a date cannot be read as one.
    public var days: Double?
    public var rows: Int
}

extension StoreRecords {
    /// Per file (by file id), the accepted rows of `dataset` where each of `columns` is empty (NULL).
    ///
    /// Counted in one pass over the rows in storage order (no index orders a staged table by
    /// file; sorting the national services by file would cost several seconds).
    public static func emptyCounts(_ db: StoreReader, dataset: DatasetSpec, columns: [String]) throws -> [EmptyColumnCounts] {
        guard !columns.isEmpty else { return [] }
        let flags = columns.map { "\"\($0)\" IS NULL" }.joined(separator: ", ")
        var counts: [Int: [Int]] = [:]
        var file = Int.min, current = [Int](repeating: 0, count: columns.count)
        // The rowid range (always true) makes SQLite read the table in storage order, where a
        // file's rows follow each other.
        try db.forEach("SELECT file_id, \(flags) FROM \(dataset.table) WHERE row_id >= -9223372036854775808") { st in
            let f = st.int(0)
            if f != file {
                if file != .min { counts[file] = current }
                file = f
                current = counts[f] ?? [Int](repeating: 0, count: columns.count)
            }
            for i in columns.indices { current[i] += st.int(1 + i) }
        }
        if file != .min { counts[file] = current }
        return counts.keys.sorted().map { EmptyColumnCounts(fileID: $0, counts: counts[$0]!) }
    }

    /// The days from each accepted row's `column` (a full ISO date; rows dated by month are left
    /// out) to the night its file was read: the as-of date of the run that read it, else `asOf`
    /// (as after a bare `miara ingest`). Grouped by the municipality of the row's facility and the
    /// number of days, by municipality then days. `dataset` must have a `facility_id` column.
    ///
    /// The same counts as joining each row to its file and facility and grouping (the test keeps
    /// the two equal), in one pass over the dataset in storage order: a row is counted under its
    /// file's night, facility and date, and SQLite's `julianday` is applied to the few distinct
    /// dates and nights only. (Joined per row, SQLite walks a covering index and seeks every
    /// table row: 15 s for the 3.3 M services of a national store, against 1 s.)
    public static func eventDelays(_ db: StoreReader, dataset: DatasetSpec, column: String, asOf: String) throws -> [EventDelayCount] {
        // The night each file was read, as an index into `nights`.
        var nights: [String] = [], nightIndex: [String: Int] = [:], nightOfFile: [Int: Int] = [:]
        try db.forEach("SELECT fl.id, coalesce((SELECT r.as_of FROM runs r WHERE r.run_id = fl.run_id), ?1) FROM files fl",
                       [.text(asOf)]) { st in
            let night = st.string(1) ?? ""
            let i = nightIndex[night] ?? { nights.append(night); nightIndex[night] = nights.count - 1; return nights.count - 1 }()
            nightOfFile[st.int(0)] = i
        }
        // Every accepted facility row of an id (a row counts once per match, as in a join).
        var terytsOfFacility: [String: [String?]] = [:]
        try db.forEach("SELECT facility_id, teryt FROM facilities WHERE facility_id IS NOT NULL") { st in
            terytsOfFacility[st.string(0)!, default: []].append(st.string(1))
        }

        struct Event: Hashable { var night: Int, facility: Int, date: Int }
        var events: [Event: Int] = [:]
        var facilities = DistinctTexts(), dates = DistinctTexts()
        // The rowid range (always true) makes SQLite read the table in storage order.
        try db.forEach("""
            SELECT t.file_id, t.facility_id, t."\(column)" FROM \(dataset.table) t
            WHERE t.row_id >= -9223372036854775808 AND length(t."\(column)") = 10
            """) { st in
            guard let night = nightOfFile[st.int(0)], let facility = facilities.number(st, 1), let date = dates.number(st, 2) else { return }
            events[Event(night: night, facility: facility, date: date), default: 0] += 1
        }

        let julian = try db.prepare("SELECT julianday(?1)")
        func julianDay(_ text: String) throws -> Double? {
            try julian.bind([.text(text)])
            return try julian.step() ? julian.double(0) : nil
        }
        let nightDays = try nights.map(julianDay)
        let dateDays = try dates.texts.map(julianDay)
        let terytsOf = facilities.texts.map { terytsOfFacility[$0] }

        struct Group: Hashable { var teryt: String?, days: Double? }
        var groups: [Group: Int] = [:]
        for (e, n) in events {
            guard let teryts = terytsOf[e.facility] else { continue }
            let d = dateDays[e.date]
            let days: Double? = if let night = nightDays[e.night], let d { night - d } else { nil }
            for t in teryts { groups[Group(teryt: t, days: days), default: 0] += n }
        }
        // By municipality then days, NULL first (as SQLite orders).
        func before(_ a: Group, _ b: Group) -> Bool {
            if a.teryt != b.teryt { return b.teryt.map { t in a.teryt.map { $0 < t } ?? true } ?? false }
            return b.days.map { x in a.days.map { $0 < x } ?? true } ?? false
        }
        return groups.sorted { before($0.key, $1.key) }.map { EventDelayCount(teryt: $0.key.teryt ?? "", days: $0.key.days, rows: $0.value) }
    }
}

/// Numbers the distinct texts of a column read row by row. A text equal to the previous row's is
/// recognised by its bytes without building a string: rows in storage order repeat their
/// facility and date in runs.
struct DistinctTexts {
    private(set) var texts: [String] = []
    private var numbers: [String: Int] = [:]
    private var last: [UInt8] = []
    private var lastNumber = -1

    /// The number of the current row's text in `column` (nil for NULL).
    mutating func number(_ st: Statement, _ column: Int) -> Int? {
        guard let bytes = st.textBytes(column) else { return nil }
        if lastNumber >= 0, bytes.elementsEqual(last) { return lastNumber }
        let text = String(decoding: bytes, as: UTF8.self)
        let n: Int
        if let known = numbers[text] { n = known } else { n = texts.count; texts.append(text); numbers[text] = n }
        last = Array(bytes)
        lastNumber = n
        return n
    }
}
