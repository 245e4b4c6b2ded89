import Foundation
import MiaraValues

/// Reads and plans the files of an ingest on a second thread while the ingest's own thread writes
/// the store: each file's digest, header plan and staged records (`RecordPlanner`) are handed over
/// in the files' order through a bounded queue, so the store is written exactly as by one thread.
/// A file the store already holds is only digested; the writer decides anyway, and reads a file
/// itself when it was not planned here. The thread and the queue are the work pool's
/// (`WorkPool.start`, `WorkPool.Handoff`).
final class StagingPrefetch {
    /// A file's digest (or why it could not be read) and whether its records follow.
    struct Start: Sendable {
        var scan: Result<FileScan, Error>
        var planned: Bool
    }
    /// One step of a planned file's stream.
    enum Step: Sendable {
        case header(HeaderPlan)
        case records([StagedRecord], PackedValues)
        /// The file's encoding (or why it could not be read) and, for a CSV dataset file read
        /// whole, its bytes packed for the store's archive (`FileArchive`).
        case end(Result<String, Error>, archive: (packed: [UInt8], bytes: Int)?)
    }
    enum Item: Sendable {
        case start(Int, Start)
        case step(Step)
    }

    /// Planned records in flight at most (the other steps are small and never wait, so the
    /// reader runs ahead over files the store holds already and the writer seldom waits).
    private static let capacity = 16384
    private static let chunk = 1024
    private let queue: WorkPool.Handoff<Item>
    private let producer: WorkPool.Pending<Void>

    /// Starts planning `files` in order. `known`: digests of files the store holds and does not
    /// read again; `plan(file)` gives a file's planner, nil when the file is not read (a survey
    /// without its map).
    init(files: [InboxFile], known: Set<String>, planner: @escaping @Sendable (InboxFile) -> RecordPlanner?) {
        let queue = WorkPool.Handoff<Item>(capacity: Self.capacity) { item in
            if case .step(.records(let rs, _)) = item { return rs.count }
            return 0
        }
        self.queue = queue
        producer = WorkPool.start { Self.produce(files, known: known, planner: planner, into: queue) }
    }

    /// Stops the planning thread and waits for it (call when the ingest ends, however it ends).
    func close() {
        queue.cancel()
        try? producer.wait()   // the producer throws nothing: its failures travel in the queue
    }

    /// The start of file `index` (files are taken in order).
    func start(_ index: Int) -> Start {
        guard case .start(let i, let s) = take() else { preconditionFailure("staging prefetch out of step") }
        precondition(i == index, "staging prefetch out of step")
        return s
    }

    /// The next step of the file just started with `planned` true.
    func next() -> Step {
        guard case .step(let s) = take() else { preconditionFailure("staging prefetch out of step") }
        return s
    }

    /// Skips the rest of a planned file's stream (a file the writer does not read after all).
    func drain() {
        while true { if case .end = next() { return } }
    }

    private func take() -> Item { queue.take() }

    /// Files up to this size are read whole (at most one in memory at a time); larger ones stream.
    private static let wholeFileLimit = 64 << 20

    /// A CSV file's bytes when it is at most `wholeFileLimit` long; nil for anything else or when
    /// it cannot be read (the file is then read as a stream, which reports why).
    private static func readWhole(_ f: InboxFile) -> [UInt8]? {
        guard TabularFile.format(of: f.url) == .csv, let size = FileScan.size(of: f.url),
              size <= wholeFileLimit, let data = try? Data(contentsOf: f.url) else { return nil }
        return [UInt8](data)
    }

    private static func produce(_ files: [InboxFile], known: Set<String>, planner: (InboxFile) -> RecordPlanner?,
                                into queue: WorkPool.Handoff<Item>) {
        func put(_ item: Item) -> Bool { queue.put(item) }
        var seen = known
        for (i, f) in files.enumerated() {
            // A CSV file of ordinary size is read once: digested, planned and archived from memory.
            let bytes = Self.readWhole(f)
            let scan = Result { try bytes.map { FileScan(bytes: $0) } ?? FileScan(url: f.url) }
            guard case .success(let s) = scan, !seen.contains(s.sha256), let p = planner(f) else {
                if !put(.start(i, Start(scan: scan, planned: false))) { return }
                continue
            }
            seen.insert(s.sha256)
            if !put(.start(i, Start(scan: scan, planned: true))) { return }
            var records: [StagedRecord] = []
            records.reserveCapacity(Self.chunk)
            // Control flow only: the writer stopped taking steps; caught below, the thread ends.
            struct Cancelled: Error {}
            let result = Result {
                try p.read(url: f.url, scan: s, csvBytes: bytes, onHeader: { h in
                    if !put(.step(.header(h))) { throw Cancelled() }
                }, onRecord: { r in
                    records.append(r)
                    if records.count == Self.chunk {
                        if !put(.step(.records(records, p.takePacked(capacity: Self.chunk)))) { throw Cancelled() }
                        records.removeAll(keepingCapacity: true)
                    }
                })
            }
            if case .failure(let e) = result, e is Cancelled { return }
            if !records.isEmpty, !put(.step(.records(records, p.takePacked(capacity: 0)))) { return }
            // Packed here, on this thread, while the file is still in the page cache.
            let archive = p.keepsNoText && (try? result.get()) != nil ? try? bytes.map { try FileArchive.pack(file: $0) } ?? FileArchive.pack(url: f.url) : nil
            if !put(.step(.end(result, archive: archive))) { return }
            // A failure outside the file's bytes: the writer reads an identical later file again.
            if case .failure(let e as MiaraError) = result, e.isEnvironmental { seen.remove(s.sha256) }
        }
    }
}
