import Foundation
import MiaraStore
import MiaraValues

/// rejects.csv (SPEC 9.1): every quarantined row in the store, sorted by file, line as a number,
/// then column; input text formula-escaped after sorting.
public enum RejectsCSV {
    public static let header = ["file", "line", "dataset", "column", "check", "reason", "raw"]

    public static func write(db: SQLiteDatabase, to url: URL) throws {
        var rows = try StoreRecords.rejects(db).map { [$0.file, String($0.line), $0.dataset, $0.column, $0.check, $0.reason, $0.raw] }
        rows.sort(by: FindingOrder.precedes)
        var out = CSVText.line(header)
        for r in rows {
            out += CSVText.line([CSVText.escapeFormula(r[0]), r[1], r[2], CSVText.escapeFormula(r[3]), r[4], r[5], CSVText.escapeFormula(r[6])])
        }
        try AtomicFile.write(Data(out.utf8), to: url)
    }
}

/// Writes a file by writing a temporary sibling and renaming it, so a reader never sees half a file.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        let dir = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        PrivateFiles.removeStaleTemporaries(in: dir) // of a process killed while writing
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        do { try data.write(to: tmp) } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw error
        }
        if rename(tmp.path, url.path) != 0 {
            try? FileManager.default.removeItem(at: tmp)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
    }

    /// Writes the pieces `chunks` hands to its argument, in order, the same way (a large file is
    /// never held whole in memory); the temporary file is created readable by its owner only.
    public static func write(to url: URL, chunks: ((Data) throws -> Void) throws -> Void) throws {
        let dir = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        PrivateFiles.removeStaleTemporaries(in: dir) // of a process killed while writing
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        let fd = open(tmp.path, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: tmp.path]) }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            try chunks { try handle.write(contentsOf: $0) }
            try handle.close()
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw error
        }
        if rename(tmp.path, url.path) != 0 {
            try? FileManager.default.removeItem(at: tmp)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
    }
}
