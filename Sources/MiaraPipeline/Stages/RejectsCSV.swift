import Foundation
import MiaraStore
import MiaraValues

/// rejects.csv (SPEC 9.1): every quarantined row in the store, sorted by file, line as a number,
/// then column; input text formula-escaped after sorting.
public enum RejectsCSV {
    public static let header = ["file", "line", "dataset", "column", "check", "reason", "raw"]
    public static let fileName = "rejects.csv"

    /// Whether the run-folder output at `path` holds raw rows of the inbox and is written 0600
    /// whatever the umask (decisions.md 119): rejects.csv.
    public static func isPrivate(_ path: String) -> Bool { (path as NSString).lastPathComponent == fileName }

    public static func write(db: StoreReader, to url: URL) throws {
        var rows = try StoreRecords.rejects(db).map { [$0.file, String($0.line), $0.dataset, $0.column, $0.check, $0.reason, $0.raw] }
        rows.sort(by: FindingOrder.precedes)
        var out = CSVText.line(header)
        for r in rows {
            out += CSVText.line([CSVText.escapeFormula(r[0]), r[1], r[2], CSVText.escapeFormula(r[3]), r[4], r[5], CSVText.escapeFormula(r[6])])
        }
        // Raw rows of the inbox: readable by the owner only, whatever the umask (decisions.md 119).
        try AtomicFile.write(Data(out.utf8), to: url, private: true)
    }
}

/// Writes a file by writing a temporary sibling and renaming it, so a reader never sees half a file.
/// A file is created with the mode the umask leaves of 0666 (outputs are shared as the user's
/// umask says, decisions.md 119); `private` files (rejects.csv, `explain --csv`: rows of the inbox)
/// are 0600 whatever the umask.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL, private isPrivate: Bool = false) throws {
        try write(to: url, private: isPrivate) { write in try write(data) }
    }

    /// Writes the pieces `chunks` hands to its argument, in order, the same way (a large file is
    /// never held whole in memory).
    public static func write(to url: URL, private isPrivate: Bool = false, chunks: ((Data) throws -> Void) throws -> Void) throws {
        let dir = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        PrivateFiles.removeStaleTemporaries(in: dir) // of a process killed while writing
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        let fd = open(tmp.path, O_CREAT | O_WRONLY | O_TRUNC, isPrivate ? 0o600 : 0o666)
        guard fd >= 0 else {
            throw MiaraError(.runFolder, FileText.cannotWrite(tmp.path), cause: SystemError("open", errno: errno, reason: String(cString: strerror(errno))))
        }
        // An older temporary of this pid may have had another mode: the file's mode is the one asked for.
        if isPrivate { fchmod(fd, 0o600) }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            try chunks { try handle.write(contentsOf: $0) }
            try handle.close()
        } catch {
            // Removing the partial temporary file while failing: the write's error is thrown below.
            try? FileManager.default.removeItem(at: tmp)
            throw error
        }
        if rename(tmp.path, url.path) != 0 {
            let cause = SystemError("rename", errno: errno, reason: String(cString: strerror(errno)))
            // Removing the temporary file while failing: the rename's error is thrown below.
            try? FileManager.default.removeItem(at: tmp)
            throw MiaraError(.runFolder, FileText.cannotWrite(url.path), cause: cause)
        }
    }
}
