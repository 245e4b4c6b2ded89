import Foundation

/// One piece of work run on its own thread while the caller does something else; `wait()`
/// returns when it is done and rethrows its error.
final class BackgroundJob: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var error: Error?

    init(_ work: @escaping () throws -> Void) {
        let thread = Thread { [self] in
            do { try work() } catch { self.error = error }
            done.signal()
        }
        thread.start()
    }

    /// Waits for the work to finish; throws what it threw. May be called again.
    func wait() throws {
        done.wait()
        done.signal()
        if let error { throw error }
    }
}
