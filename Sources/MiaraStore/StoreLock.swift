import MiaraValues
import Foundation

/// The store's writer lock: an exclusive `flock` on `<store>.lock` held by the one process that
/// ingests into the store (`run`, `ingest`); the file holds that process's id, so a second
/// writer can name it.
public final class StoreLock {
    public let url: URL
    private let fd: Int32

    private init(url: URL, fd: Int32) { self.url = url; self.fd = fd }
    deinit { flock(fd, LOCK_UN); close(fd) }

    /// The lock file of the store at `storePath`.
    public static func url(forStore storePath: String) -> URL { URL(fileURLWithPath: storePath + ".lock") }

    /// The process id the lock file at `url` holds (the holder's, while it is held); nil when
    /// unreadable.
    public static func holder(_ url: URL) -> Int32? {
        guard let data = FileManager.default.contents(atPath: url.path), data.count <= 32 else { return nil }
        return Int32(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Takes the lock without waiting, creating the store's folder and lock file (mode 0600) if
    /// needed; throws `MiaraError` `.lockHeld` (exit 75) when another process holds it.
    public static func acquire(storePath: String) throws -> StoreLock {
        let u = url(forStore: storePath)
        try FileManager.default.createDirectory(at: u.deletingLastPathComponent(), withIntermediateDirectories: true)
        return try acquire(u)
    }

    /// Takes an exclusive lock on `url` without waiting; throws `.lockHeld` naming the holder's pid.
    public static func acquire(_ url: URL) throws -> StoreLock {
        let fd = open(url.path, O_CREAT | O_RDWR, 0o600)
        guard fd >= 0 else { throw MiaraError(.lock, FileText.cannotOpenLock(url.path), cause: SystemError("open", errno: errno, reason: String(cString: strerror(errno)))) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let e = errno
            var buf = [UInt8](repeating: 0, count: 32)
            let n = pread(fd, &buf, 32, 0)
            close(fd)
            if e == EWOULDBLOCK {
                let text = n > 0 ? String(decoding: buf[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : ""
                throw MiaraError(.lockHeld, StoreText.lockHeld(url.path, pid: Int32(text)))
            }
            throw MiaraError(.lock, FileText.cannotLock(url.path), cause: SystemError("flock", errno: e, reason: String(cString: strerror(e))))
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pwrite(fd, pid, pid.count, 0)
        return StoreLock(url: url, fd: fd)
    }

}
