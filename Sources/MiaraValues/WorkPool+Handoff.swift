import Foundation

extension WorkPool {
    /// Items handed from one producer (work begun with `WorkPool.start`) to one consumer, in
    /// order, through a bounded queue: the producer waits while the items in flight weigh more
    /// than `capacity` (an item of weight 0 never waits), the consumer waits while the queue is
    /// empty. `cancel()` wakes a waiting producer, whose `put` then returns false.
    // @unchecked proof: every stored var is read and written only while `cond` is locked.
    public final class Handoff<Item: Sendable>: @unchecked Sendable {
        private let cond = NSCondition()
        private var queue: [Item] = []
        private var head = 0
        private var inFlight = 0
        private var cancelled = false
        private let capacity: Int
        private let weight: @Sendable (Item) -> Int

        public init(capacity: Int, weight: @escaping @Sendable (Item) -> Int) {
            self.capacity = capacity; self.weight = weight
        }

        /// Appends an item, waiting while the queue is full; false when cancelled.
        public func put(_ item: Item) -> Bool {
            cond.lock(); defer { cond.unlock() }
            let n = weight(item)
            while n > 0 && inFlight + n > capacity && !cancelled { cond.wait() }
            if cancelled { return false }
            inFlight += n
            queue.append(item)
            cond.broadcast()
            return true
        }

        /// The next item, waiting for it.
        public func take() -> Item {
            cond.lock(); defer { cond.unlock() }
            while head == queue.count { cond.wait() }
            let item = queue[head]
            head += 1
            inFlight -= weight(item)
            if head >= 256 { queue.removeFirst(head); head = 0 }
            cond.broadcast()
            return item
        }

        /// The weight of the items put and not yet taken.
        var weightInFlight: Int {
            cond.lock(); defer { cond.unlock() }
            return inFlight
        }

        /// Makes every `put` from now on (and one waiting) return false.
        public func cancel() {
            cond.lock(); defer { cond.unlock() }
            cancelled = true
            cond.broadcast()
        }
    }
}
