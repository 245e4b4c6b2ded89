import Foundation

/// Buffered reading of a file's bytes in 1 MiB chunks, with one byte of look-ahead.
final class ByteSource {
    private let handle: FileHandle?
    // Read once per byte: no dynamic exclusivity checks on the hot path.
    @exclusivity(unchecked) private var buffer: [UInt8] = []
    @exclusivity(unchecked) private var index = 0
    private var eof = false

    init(url: URL, skip: Int = 0) throws {
        let h = try FileHandle(forReadingFrom: url)
        if skip > 0 { try h.seek(toOffset: UInt64(skip)) }
        handle = h
    }

    /// The bytes of a file held in memory (an archived file, `FileArchive`).
    init(bytes: [UInt8], skip: Int = 0) {
        handle = nil
        buffer = bytes
        index = min(skip, bytes.count)
        eof = true
    }
    // Closing a file that was only read: nothing can be lost.
    deinit { try? handle?.close() }

    private func fill() -> Bool {
        if eof { return false }
        // A read error after the file was opened and hashed (FileScan read it whole) ends the records there; the file changed or the disk failed under the run.
        guard let d = try? handle?.read(upToCount: 1 << 20), !d.isEmpty else { eof = true; return false }
        buffer = [UInt8](d)
        index = 0
        return true
    }

    /// The next byte, or nil at the end of the file.
    @inline(__always) func next() -> UInt8? {
        if index < buffer.count { let b = buffer[index]; index += 1; return b }
        guard fill() else { return nil }
        let b = buffer[index]; index += 1; return b
    }

    /// The byte `n` positions ahead without consuming anything (reads more of the file if needed).
    func lookahead(_ n: Int) -> UInt8? {
        while index + n >= buffer.count {
            if eof { return nil }
            // As in `fill`: a read error ends the records there.
            guard let d = try? handle?.read(upToCount: 1 << 20), !d.isEmpty else { eof = true; return nil }
            buffer = Array(buffer[index...]) + [UInt8](d)
            index = 0
        }
        return buffer[index + n]
    }

    /// The next byte without consuming it.
    @inline(__always) func peek() -> UInt8? {
        if index < buffer.count { return buffer[index] }
        guard fill() else { return nil }
        return buffer[index]
    }
}
