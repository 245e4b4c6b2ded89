import Foundation
import MiaraValues

/// The private folder (0700) an XLSX file's parts are extracted to (0600 files), and the
/// removal of those a killed process left behind.
///
/// A live folder holds `owner.lock`, locked (`flock`, exclusive) by the reading process for as
/// long as the folder exists: a folder whose lock can be taken belongs to a process that is
/// gone, whatever its pid namespace. Folders of earlier versions (no lock file) count as left
/// behind once nothing in them changed for an hour. Their parts are sheets in clear, so they
/// are removed by the next process that reads an XLSX file or ingests (decisions.md 82).
final class XLSXTemporaryFolder {
    static let prefix = "miara-xlsx-"
    static let lockName = "owner.lock"
    let url: URL
    private let lockFD: Int32

    /// Creates the folder in `parent` and takes its lock; removes stale folders first (once per process).
    init(in parent: URL = FileManager.default.temporaryDirectory) throws {
        Self.sweepOnce(parent)
        url = parent.appendingPathComponent(Self.prefix + UUID().uuidString, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let fd = open(url.appendingPathComponent(Self.lockName).path, O_CREAT | O_RDWR, 0o600)
        guard fd >= 0 else {
            let cause = SystemError("open", errno: errno, reason: String(cString: strerror(errno)))
            // Removing the folder just made while failing: the error below is thrown.
            try? FileManager.default.removeItem(at: url)
            throw MiaraError.unreadable(XLSXText.noTemporaryFile(url.path), environmental: true, cause: cause)
        }
        flock(fd, LOCK_EX)
        lockFD = fd
    }

    /// Removes the folder, then lets go of its lock.
    func remove() {
        try? FileManager.default.removeItem(at: url)
        flock(lockFD, LOCK_UN)
        close(lockFD)
    }

    // nonisolated(unsafe) proof: read and written only while `sweepLock` is held.
    nonisolated(unsafe) private static var swept: Set<String> = []
    private static let sweepLock = NSLock()

    static func sweepOnce(_ parent: URL) {
        sweepLock.lock()
        let first = swept.insert(parent.path).inserted
        sweepLock.unlock()
        if first { _ = sweep(parent) }
    }

    /// Removes the `miara-xlsx-*` folders in `parent` whose owner is gone; returns their names.
    @discardableResult
    static func sweep(_ parent: URL = FileManager.default.temporaryDirectory, now: Date = Date()) -> [String] {
        let fm = FileManager.default
        // Nothing to sweep when the temporary folder cannot be listed.
        guard let names = try? fm.contentsOfDirectory(atPath: parent.path) else { return [] }
        var removed: [String] = []
        for name in names.sorted() where name.hasPrefix(prefix) {
            let dir = parent.appendingPathComponent(name)
            var st = stat()
            // Only real folders (never follow a link planted in a shared /tmp), owned by this user.
            guard lstat(dir.path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR, st.st_uid == geteuid() else { continue }
            let lockPath = dir.appendingPathComponent(lockName).path
            let fd = open(lockPath, O_RDWR | O_NOFOLLOW)
            if fd >= 0 {
                defer { close(fd) }
                guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { continue }   // its owner still runs
                // A sweep is best effort: a folder not removed now is tried again by the next one.
                if (try? fm.removeItem(at: dir)) != nil { removed.append(name) }
                flock(fd, LOCK_UN)
            } else {
                // A folder of an earlier version: left behind once nothing in it changed for an hour.
                var newest = st.st_mtim.tv_sec
                for f in (try? fm.contentsOfDirectory(atPath: dir.path)) ?? [] {
                    var fs = stat()
                    if lstat(dir.appendingPathComponent(f).path, &fs) == 0 { newest = max(newest, fs.st_mtim.tv_sec) }
                }
                guard now.timeIntervalSince1970 - Double(newest) > 3600 else { continue }
                // A sweep is best effort: a folder not removed now is tried again by the next one.
                if (try? fm.removeItem(at: dir)) != nil { removed.append(name) }
            }
        }
        return removed
    }
}

/// Removal of the XLSX reader's temporary folders that killed processes left behind.
public enum XLSXTemporaryFiles {
    /// Removes the stale `miara-xlsx-*` folders in the temporary folder (see `XLSXTemporaryFolder`);
    /// returns their names. Ingestion calls it once at its start.
    @discardableResult
    public static func removeStale(in parent: URL = FileManager.default.temporaryDirectory) -> [String] {
        XLSXTemporaryFolder.sweep(parent)
    }
}
