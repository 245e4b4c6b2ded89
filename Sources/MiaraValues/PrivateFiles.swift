import Foundation

/// The files that hold rows of the inbox — the store (with its WAL), rejects.csv, `explain --csv`
/// — are created 0600 by their writers, whatever the umask; an existing store readable by others
/// is tightened. Every other output follows the user's umask (decisions.md 119).
public enum PrivateFiles {
    /// Removes group and other permissions from an existing file; returns the old mode when it had any.
    @discardableResult
    public static func tighten(_ path: String) -> mode_t? {
        var st = stat()
        guard stat(path, &st) == 0, st.st_mode & 0o077 != 0 else { return nil }
        let old = st.st_mode & 0o7777
        return chmod(path, old & 0o700) == 0 ? old : nil
    }

    /// Permission bits of the file a path leads to (symlinks followed), or nil when it does not exist.
    public static func mode(_ path: String) -> mode_t? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return st.st_mode & 0o7777
    }

    /// Removes leftovers `.<name>.tmp-<pid>` of `AtomicFile`-style writes in `dir` whose process is
    /// gone (killed while writing).
    public static func removeStaleTemporaries(in dir: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return }
        for n in names where n.hasPrefix(".") {
            guard let r = n.range(of: ".tmp-", options: .backwards), let pid = Int32(n[r.upperBound...]) else { continue }
            if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH {
                // A dead process's leftover that cannot be removed now is tried again next time.
                try? FileManager.default.removeItem(at: dir.appendingPathComponent(n))
            }
        }
    }
}
