import Foundation
import CDeflate

/// A file's bytes as the store archives them (`file_archive`): deflated (zlib, its fastest
/// level: a CSV shrinks about fourfold, an XLSX, compressed already, hardly changes). Staging
/// keeps an accepted row's values only; the text of a record that a later derivation rejects
/// (C10, C16, C19, C11–C13) is read again from here by its line (`DerivedRejectText`), so it
/// is found whether or not the inbox still holds the file.
enum FileArchive {
    struct Broken: Error {}

    /// The deflated bytes of `bytes`.
    static func pack(_ bytes: [UInt8]) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(compressBound(uLong(bytes.count))))
        var size = uLongf(out.count)
        let rc = bytes.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                compress2(dst.baseAddress, &size, src.baseAddress, uLong(src.count), 1)
            }
        }
        guard rc == Z_OK else { throw Broken() }
        out.removeSubrange(Int(size)...)
        return out
    }

    /// The file of `url` deflated.
    static func pack(url: URL) throws -> [UInt8] {
        try pack([UInt8](try Data(contentsOf: url)))
    }

    /// The bytes of an archived file of `size` bytes.
    static func unpack(_ packed: [UInt8], size: Int) throws -> [UInt8] {
        if size == 0 { return [] }
        var out = [UInt8](repeating: 0, count: max(size, 1))
        var got = uLongf(size)
        let rc = packed.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                uncompress(dst.baseAddress, &got, src.baseAddress, uLong(src.count))
            }
        }
        guard rc == Z_OK, Int(got) == size else { throw Broken() }
        out.removeSubrange(size...)
        return out
    }
}
