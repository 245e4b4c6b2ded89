import Foundation
import XCTest
import MiaraTestSupport
@testable import MiaraValues

final class WorkPoolTests: XCTestCase {
    /// Items that take random times finish out of order; the results still come back in the
    /// items' order, each the item's own.
    func testMapGathersResultsInTheItemsOrderWhateverTheTiming() {
        var rng = PropertySeed.generator("WorkPoolTests.testMapGathersResultsInTheItemsOrderWhateverTheTiming")
        let delays = (0..<60).map { _ in UInt32.random(in: 0..<3000, using: &rng) }
        let finished = Recorder()
        let results = WorkPool.map(Array(delays.indices), width: 4) { i in
            usleep(delays[i])
            finished.append(i)
            return i * i
        }
        XCTAssertEqual(results.map { try? $0.get() }, delays.indices.map { $0 * $0 })
        XCTAssertEqual(finished.values.sorted(), Array(delays.indices), "every item ran exactly once")
    }

    /// An item's failure is that item's result; the others still run and succeed.
    func testAFailureStaysWithItsItem() {
        struct Odd: Error, Equatable { let n: Int }
        let results = WorkPool.map(Array(0..<20), width: 3) { i -> Int in
            if i % 2 == 1 { throw Odd(n: i) }
            return i
        }
        for (i, r) in results.enumerated() {
            switch r {
            case .success(let v): XCTAssertEqual(v, i); XCTAssertEqual(i % 2, 0)
            case .failure(let e): XCTAssertEqual(e as? Odd, Odd(n: i))
            }
        }
    }

    /// Each worker (a connection, in the measure engine) is used by one thread at a time, and
    /// more than one thread works when there are several workers.
    func testAWorkerIsNeverUsedByTwoThreadsAtOnce() {
        let workers = (0..<3).map { _ in Recorder() }
        let overlaps = Recorder(), threads = Recorder()
        _ = WorkPool.map(Array(0..<90), workers: workers) { worker, i in
            if !worker.enter() { overlaps.append(i) }
            threads.append(ObjectIdentifier(Thread.current).hashValue)
            usleep(500)
            worker.leave()
        }
        XCTAssertEqual(overlaps.values, [])
        XCTAssertGreaterThan(Set(threads.values).count, 1)
    }

    /// With a width of 1 the items run on the caller's thread, one after the other, in order.
    func testWidthOneRunsInOrderOnTheCallersThread() {
        let caller = ObjectIdentifier(Thread.current).hashValue
        let order = Recorder()
        let results = WorkPool.map(Array(0..<10), width: 1) { i in
            order.append(i)
            return ObjectIdentifier(Thread.current).hashValue == caller
        }
        XCTAssertEqual(order.values, Array(0..<10))
        XCTAssertEqual(results.map { try? $0.get() }, Array(repeating: true, count: 10))
    }

    /// `start` returns before its work is done (the work waits for the caller), and `wait` gives
    /// the work's value, or rethrows its error, on every call.
    func testStartRunsBesideTheCallerAndWaitGivesItsResult() throws {
        let go = DispatchSemaphore(value: 0)
        let job = WorkPool.start { () -> Int in
            guard go.wait(timeout: .now() + 10) == .success else { return -1 }
            return 42
        }
        go.signal()
        XCTAssertEqual(try job.wait(), 42)
        XCTAssertEqual(try job.wait(), 42)
        struct Failed: Error {}
        let failing = WorkPool.start { () -> Int in throw Failed() }
        XCTAssertThrowsError(try failing.wait()) { XCTAssertTrue($0 is Failed) }
        XCTAssertThrowsError(try failing.wait()) { XCTAssertTrue($0 is Failed) }
    }

    /// A handoff keeps the producer's order and never holds more weight than its capacity; a
    /// cancel frees a producer waiting on a full queue.
    func testHandoffKeepsOrderBoundsWeightAndCancels() throws {
        let queue = WorkPool.Handoff<Int>(capacity: 10) { $0 % 4 }   // weights 0…3
        let held = Recorder()
        let producer = WorkPool.start { () -> Bool in
            for i in 0..<500 where !queue.put(i) { return false }
            return true
        }
        var taken: [Int] = []
        for _ in 0..<500 {
            taken.append(queue.take())
            held.append(queue.weightInFlight)
        }
        XCTAssertEqual(try producer.wait(), true)
        XCTAssertEqual(taken, Array(0..<500))
        XCTAssertLessThanOrEqual(held.values.max() ?? 0, 10)

        let full = WorkPool.Handoff<Int>(capacity: 10) { _ in 6 }
        let blocked = WorkPool.start { () -> [Bool] in [full.put(1), full.put(2)] }   // the second waits
        usleep(20_000)
        full.cancel()
        XCTAssertEqual(try blocked.wait(), [true, false])
    }
}

/// Values appended from several threads, and an in-use mark.
// @unchecked proof: every stored var is read and written only while `lock` is held.
private final class Recorder: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Int] = []
    private var inUse = false
    func append(_ v: Int) { lock.lock(); items.append(v); lock.unlock() }
    var values: [Int] { lock.lock(); defer { lock.unlock() }; return items }
    /// Marks the recorder in use; false when it was already.
    func enter() -> Bool { lock.lock(); defer { lock.unlock() }; let was = inUse; inUse = true; return !was }
    func leave() { lock.lock(); inUse = false; lock.unlock() }
}
