import Foundation
import MiaraValues

/// Reads and plans the files of an ingest on a second thread while the ingest's own thread writes
/// the store: each file's digest, header plan and staged records (`RecordPlanner`) are handed over
/// in the files' order through a bounded queue, so the store is written exactly as by one thread.
/// A file the store already holds is only digested; the writer decides anyway, and reads a file
/// itself when it was not planned here.
final class StagingPrefetch {
    /// A file's digest (or why it could not be read) and whether its records follow.
    struct Start {
        var scan: Result<FileScan, Error>
        var planned: Bool
    }
    /// One step of a planned file's stream.
    enum Step {
        case header(HeaderPlan)
        case records([StagedRecord], PackedValues)
        /// The file's encoding (or why it could not be read) and, for a dataset file read
        /// whole, its bytes packed for the store's archive (`FileArchive`).
        case end(Result<String, Error>, archive: [UInt8]?)
    }
    private enum Item {
        case start(Int, Start)
        case step(Step)
    }

    private let cond = NSCondition()
    private var queue: [Item] = []
    private var head = 0
    private var cancelled = false
    private var finished = false
    /// Planned records in flight at most (the other steps are small and never wait, so the
    /// reader runs ahead over files the store holds already and the writer seldom waits).
    private let capacity = 16384
    private let chunk = 1024
    private var inFlight = 0

    /// Starts planning `files` in order. `known`: digests of files the store holds and does not
    /// read again; `plan(file)` gives a file's planner, nil when the file is not read (a survey
    /// without its map).
    init(files: [InboxFile], known: Set<String>, planner: @escaping (InboxFile) -> RecordPlanner?) {
        // The thread holds the prefetch until it ends; `close` waits for that.
        let t = Thread { self.produce(files, known: known, planner: planner) }
        t.stackSize = 8 << 20
        t.start()
    }

    /// Stops the planning thread and waits for it (call when the ingest ends, however it ends).
    func close() {
        cond.lock()
        cancelled = true
        cond.broadcast()
        while !finished { cond.wait() }
        cond.unlock()
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

    private func take() -> Item {
        cond.lock()
        defer { cond.unlock() }
        while head == queue.count { cond.wait() }
        let item = queue[head]
        head += 1
        if case .step(.records(let rs, _)) = item { inFlight -= rs.count }
        if head >= 256 { queue.removeFirst(head); head = 0 }
        cond.broadcast()
        return item
    }

    /// Appends an item, waiting while the queue is full; false when cancelled.
    private func put(_ item: Item) -> Bool {
        cond.lock()
        defer { cond.unlock() }
        var n = 0
        if case .step(.records(let rs, _)) = item { n = rs.count }
        while n > 0 && inFlight + n > capacity && !cancelled { cond.wait() }
        if cancelled { return false }
        inFlight += n
        queue.append(item)
        cond.broadcast()
        return true
    }

    private func produce(_ files: [InboxFile], known: Set<String>, planner: (InboxFile) -> RecordPlanner?) {
        defer { cond.lock(); finished = true; cond.broadcast(); cond.unlock() }
        var seen = known
        for (i, f) in files.enumerated() {
            let scan = Result { try FileScan(url: f.url) }
            guard case .success(let s) = scan, !seen.contains(s.sha256), let p = planner(f) else {
                if !put(.start(i, Start(scan: scan, planned: false))) { return }
                continue
            }
            seen.insert(s.sha256)
            if !put(.start(i, Start(scan: scan, planned: true))) { return }
            var records: [StagedRecord] = []
            records.reserveCapacity(chunk)
            struct Cancelled: Error {}
            let result = Result {
                try p.read(url: f.url, scan: s, onHeader: { h in
                    if !self.put(.step(.header(h))) { throw Cancelled() }
                }, onRecord: { r in
                    records.append(r)
                    if records.count == self.chunk {
                        if !self.put(.step(.records(records, p.takePacked(capacity: self.chunk)))) { throw Cancelled() }
                        records.removeAll(keepingCapacity: true)
                    }
                })
            }
            if case .failure(let e) = result, e is Cancelled { return }
            if !records.isEmpty, !put(.step(.records(records, p.takePacked(capacity: 0)))) { return }
            // Packed here, on this thread, while the file is still in the page cache.
            let archive = p.questionnaire == nil && (try? result.get()) != nil ? try? FileArchive.pack(url: f.url) : nil
            if !put(.step(.end(result, archive: archive))) { return }
            // A failure outside the file's bytes: the writer reads an identical later file again.
            if case .failure(let e as UnreadableFile) = result, e.environmental { seen.remove(s.sha256) }
        }
    }
}
