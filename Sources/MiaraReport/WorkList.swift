import Foundation

/// Runs `count` independent jobs on up to `workers` threads; each thread takes the next job not
/// yet started. Returns each job's error (nil when it succeeded) in job order, so callers gather
/// results in a fixed order whatever the threads' timing.
enum WorkList {
    static func run(count: Int, workers: Int, _ job: (Int) throws -> Void) -> [Error?] {
        var errors = [Error?](repeating: nil, count: count)
        let threads = max(1, min(workers, count))
        if threads == 1 {
            for i in 0..<count { do { try job(i) } catch { errors[i] = error } }
            return errors
        }
        let lock = NSLock()
        var next = 0
        errors.withUnsafeMutableBufferPointer { slots in
            let out = slots
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                while true {
                    lock.lock()
                    let i = next
                    next += 1
                    lock.unlock()
                    guard i < count else { return }
                    // Each slot is written by the one thread that took job i.
                    do { try job(i) } catch { out[i] = error }
                }
            }
        }
        return errors
    }
}
