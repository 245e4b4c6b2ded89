import CSQLite
import Foundation
import MiaraValues

/// Copies a store's write-ahead log into the store file on a connection and thread of its own,
/// after a commit that leaves the log long, instead of inside that commit (SQLite's automatic
/// checkpoint, which it replaces on the store's connection).
///
/// A national first night commits over 600 MB of log; copying it and waiting for the disk took
/// the committing thread 2.5 s with the processor nearly idle. Here the computation of the
/// measures runs while the disk works. The checkpoint is `PASSIVE`: it never waits for, nor
/// holds up, a reader or a writer, and what it has not copied (frames committed meanwhile, or
/// all of them if it fails, e.g. on a full disk) stays in the log, read as before, until the next
/// checkpoint or the last connection's close, which copies the rest and deletes the log. A
/// commit with `synchronous = NORMAL` is durable once its log is synced, which the checkpoint
/// does first, as before: only the moment moves, not what is kept.
// @unchecked proof: `inFlight` is read and written under `lock`; every other property is a constant.
final class BackgroundCheckpoint: @unchecked Sendable {
    let path: String
    /// The log's length in frames (pages) from which a commit starts a checkpoint: SQLite's
    /// automatic checkpoint's default.
    let frames: Int32
    private let lock = NSLock()
    private var inFlight = false
    private let group = DispatchGroup()
    /// Runs a checkpoint's work: on a thread of the work pool's own (a test holds it back to look
    /// at the files in between).
    private let start: @Sendable (@escaping @Sendable () -> Void) -> Void

    init(path: String, frames: Int32 = 1000,
         start: @escaping @Sendable (@escaping @Sendable () -> Void) -> Void = { work in _ = WorkPool.start(work) }) {
        self.path = path; self.frames = frames; self.start = start
    }

    /// Installs the checkpoint on a connection of the store at `path` as its write-ahead-log hook
    /// (called after each commit with the log's length), in place of the automatic checkpoint.
    func install(on handle: OpaquePointer) {
        sqlite3_wal_hook(handle, { context, _, _, frames in
            guard let context else { return SQLITE_OK }
            Unmanaged<BackgroundCheckpoint>.fromOpaque(context).takeUnretainedValue().committed(frames: frames)
            return SQLITE_OK
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// A commit left `n` frames in the log: starts a checkpoint when they are enough and none is
    /// running (frames committed while one runs wait for the next commit or the close).
    func committed(frames n: Int32) {
        guard n >= frames else { return }
        lock.lock(); defer { lock.unlock() }
        guard !inFlight else { return }
        inFlight = true
        group.enter()
        start { [self] in
            Self.checkpoint(path)
            lock.lock(); inFlight = false; lock.unlock()
            group.leave()
        }
    }

    /// Returns when no checkpoint is running (the connection's owner waits before it closes).
    func wait() { group.wait() }

    /// One passive checkpoint on a connection of its own. A failure is left to the next
    /// checkpoint: the log still holds every frame.
    private static func checkpoint(_ path: String) {
        var db: OpaquePointer?
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK, let db else {
            sqlite3_close(db); return
        }
        defer { sqlite3_close_v2(db) }
        // A new connection finds the log when it first reads the file; before, a checkpoint does nothing.
        guard sqlite3_exec(db, "PRAGMA schema_version", nil, nil, nil) == SQLITE_OK else { return }
        _ = sqlite3_wal_checkpoint_v2(db, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
    }
}
