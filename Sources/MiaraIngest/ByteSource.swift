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

    /// Consumes the bytes up to the first `stop`, LF or CR (left unconsumed) or the end of the
    /// file, appending them to `a` and `b` run by run (the CSV reader's plain stretches of a field).
    @inline(__always) func takeRun(until stop: UInt8, into a: inout [UInt8], _ b: inout [UInt8]) {
        while true {
            if index >= buffer.count { guard fill() else { return } }
            let n = buffer.count
            let from = index
            let to = buffer.withUnsafeBufferPointer { p -> Int in
                var j = from
                while j < n { let c = p[j]; if c == stop || c == 10 || c == 13 { break }; j += 1 }
                if j > from {
                    let run = UnsafeBufferPointer(rebasing: p[from..<j])
                    a.append(contentsOf: run)
                    b.append(contentsOf: run)
                }
                return j
            }
            index = to
            if to < n { return }
        }
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
