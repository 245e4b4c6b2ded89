import Foundation

/// miara's one work pool: every piece of work that runs beside the caller's thread goes through
/// it (the measures' periods, the workbooks, the CSVs written while the workbooks are, the files
/// planned while the store is written). In the manner of swift-nio's `NIOThreadPool`, but scoped:
/// its threads live for one call, so nothing is left running when a stage returns.
///
/// Results are always gathered in the items' order, so what a caller builds from them does not
/// depend on the threads' timing. The work closures are `@Sendable`: the compiler checks what
/// they capture.
public enum WorkPool {
    /// Runs `work` on every item on up to `width` threads at once, each taking the next item not
    /// yet started; returns each item's result in the items' order. With a width of 1 (or one
    /// item) everything runs on the caller's thread, in order.
    public static func map<Item: Sendable, Output: Sendable>(
        _ items: [Item], width: Int, _ work: @Sendable (Item) throws -> Output
    ) -> [Result<Output, Error>] {
        map(items, workers: Array(repeating: (), count: max(1, width))) { _, item in try work(item) }
    }

    /// As `map(_:width:_:)` with one thread per worker (a connection of its own, say): each thread
    /// is given its worker for every item it takes, so a worker is never used by two threads.
    public static func map<Worker: Sendable, Item: Sendable, Output: Sendable>(
        _ items: [Item], workers: [Worker], _ work: @Sendable (Worker, Item) throws -> Output
    ) -> [Result<Output, Error>] {
        precondition(!workers.isEmpty, "a work pool needs a worker")
        let width = min(workers.count, items.count)
        if width <= 1 {
            return items.map { item in Result { try work(workers[0], item) } }
        }
        let slots = Slots<Output>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: width) { w in
            while let i = slots.claim() {
                let r = Result { try work(workers[w], items[i]) }
                slots.store(i, r)
            }
        }
        return slots.results()
    }

    /// Starts `work` on a thread of its own and returns at once; `Pending.wait()` gives its result.
    public static func start<Output: Sendable>(_ work: @escaping @Sendable () throws -> Output) -> Pending<Output> {
        let pending = Pending<Output>()
        let thread = Thread { pending.finish(Result { try work() }) }
        thread.stackSize = 8 << 20
        thread.start()
        return pending
    }

    /// The results of a `map`, and the next item to take.
    // @unchecked proof: every stored property is read and written only while `lock` is held.
    private final class Slots<Output: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private var slots: [Result<Output, Error>?]
        init(count: Int) { slots = Array(repeating: nil, count: count) }

        /// The index of the next item not yet taken, or nil when all are.
        func claim() -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard next < slots.count else { return nil }
            next += 1
            return next - 1
        }

        func store(_ i: Int, _ r: Result<Output, Error>) {
            lock.lock(); defer { lock.unlock() }
            slots[i] = r
        }

        /// Every item's result (call after all threads have returned).
        func results() -> [Result<Output, Error>] {
            lock.lock(); defer { lock.unlock() }
            return slots.map { $0! }
        }
    }

    /// Work started by `start`: `wait()` blocks until it is done and gives its result (again on
    /// every call).
    // @unchecked proof: `result` is read and written only while `done` is locked.
    public final class Pending<Output: Sendable>: @unchecked Sendable {
        private let done = NSCondition()
        private var result: Result<Output, Error>?

        fileprivate init() {}

        fileprivate func finish(_ r: Result<Output, Error>) {
            done.lock(); defer { done.unlock() }
            result = r
            done.broadcast()
        }

        /// Waits for the work to finish; returns what it returned, throws what it threw.
        @discardableResult
        public func wait() throws -> Output {
            done.lock(); defer { done.unlock() }
            while result == nil { done.wait() }
            return try result!.get()
        }
    }
}
