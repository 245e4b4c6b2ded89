import Crypto
import Foundation

/// One pass over a file's bytes: its SHA-256, size, and what its text encoding can be.
public struct FileScan: Sendable {
    public let sha256: String
    public let bytes: Int
    /// Starts with the UTF-8 byte order mark.
    public let hasBOM: Bool
    /// The whole file is valid UTF-8.
    public let validUTF8: Bool
    /// Some byte is undefined in Windows-1250 (so a non-UTF-8 file cannot be read at all).
    public let hasUndefinedWindows1250: Bool

    /// The size in bytes of the file at `url` (following a symbolic link), nil when it cannot
    /// be read: one `stat`, where Foundation's `resourceValues` builds an `NSURL` first (a
    /// national inbox of 3,500 files spent 0.5 s of every night's ingest there).
    public static func size(of url: URL) -> Int? {
        var st = stat()
        let ok = url.withUnsafeFileSystemRepresentation { path in path.map { stat($0, &st) == 0 } ?? false }
        return ok ? Int(st.st_size) : nil
    }

    /// Reads the file in 1 MiB chunks; memory does not grow with its size.
    public init(url: URL) throws {
        let h = try FileHandle(forReadingFrom: url)
        defer { try? h.close() }
        var hasher = SHA256()
        var total = 0
        var validator = UTF8Validator()
        var undefined = false
        var first = true
        var bom = false
        while let chunk = try h.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            total += chunk.count
            chunk.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                let b = raw.bindMemory(to: UInt8.self)
                if first { bom = b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF; first = false }
                validator.feed(b)
                if !undefined { undefined = FileScan.holdsUndefinedWindows1250(b) }
            }
        }
        sha256 = Hex.encode(hasher.finalize())
        bytes = total
        hasBOM = bom
        validUTF8 = validator.finish()
        hasUndefinedWindows1250 = undefined
    }
}

extension FileScan {
    /// The same scan of a file's bytes held in memory (read once by the ingest, which also parses
    /// and archives them): the same digest and findings as `init(url:)` of that file.
    public init(bytes: [UInt8]) {
        var hasher = SHA256()
        var validator = UTF8Validator()
        var undefined = false
        bytes.withUnsafeBufferPointer { b in
            hasher.update(bufferPointer: UnsafeRawBufferPointer(b))
            validator.feed(b)
            undefined = FileScan.holdsUndefinedWindows1250(b)
        }
        sha256 = Hex.encode(hasher.finalize())
        self.bytes = bytes.count
        hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        validUTF8 = validator.finish()
        hasUndefinedWindows1250 = undefined
    }

    /// The lower-case hex SHA-256 and length of a file, read in 1 MiB chunks (no encoding checks:
    /// for files miara wrote itself).
    public static func digest(url: URL) throws -> (sha256: String, bytes: Int) {
        let h = try FileHandle(forReadingFrom: url)
        defer { try? h.close() }
        var hasher = SHA256()
        var total = 0
        while let chunk = try h.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            total += chunk.count
        }
        return (Hex.encode(hasher.finalize()), total)
    }

    /// The lower-case hex SHA-256 of bytes in memory.
    public static func sha256(_ data: Data) -> String { Hex.encode(SHA256.hash(data: data)) }

    /// True when `path` names a regular file (symlinks followed): the only kind miara opens, so it
    /// never waits on a FIFO or a device.
    public static func isRegularFile(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFREG
    }
}

/// A streaming UTF-8 validator (rejects overlong forms, surrogates and values above U+10FFFF).
extension FileScan {
    /// True when some byte of `b` is undefined in Windows-1250 (ASCII is skipped eight bytes at a time).
    static func holdsUndefinedWindows1250(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress else { return false }
        let n = b.count
        var i = 0
        while i < n {
            if i + 8 <= n, UnsafeRawPointer(base).loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
            let c = b[i]
            if c >= 0x80 && !Windows1250.isDefined(c) { return true }
            i += 1
        }
        return false
    }
}

public struct UTF8Validator: Sendable {
    var need = 0
    var lower: UInt8 = 0x80
    var upper: UInt8 = 0xBF
    var ok = true
    public init() {}

    public mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard ok, let base = bytes.baseAddress else { return }
        let n = bytes.count
        var i = 0
        while i < n {
            if need == 0 {
                // ASCII eight bytes at a time (most inputs are ASCII but for a few letters).
                while i + 8 <= n, UnsafeRawPointer(base).loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
                if i == n { return }
            }
            let c = bytes[i]
            i += 1
            if need == 0 {
                if c < 0x80 { continue }
                switch c {
                case 0xC2...0xDF: need = 1; lower = 0x80; upper = 0xBF
                case 0xE0: need = 2; lower = 0xA0; upper = 0xBF
                case 0xE1...0xEC, 0xEE...0xEF: need = 2; lower = 0x80; upper = 0xBF
                case 0xED: need = 2; lower = 0x80; upper = 0x9F
                case 0xF0: need = 3; lower = 0x90; upper = 0xBF
                case 0xF1...0xF3: need = 3; lower = 0x80; upper = 0xBF
                case 0xF4: need = 3; lower = 0x80; upper = 0x8F
                default: ok = false; return
                }
            } else {
                guard c >= lower && c <= upper else { ok = false; return }
                lower = 0x80; upper = 0xBF
                need -= 1
            }
        }
    }

    public func finish() -> Bool { ok && need == 0 }
}
