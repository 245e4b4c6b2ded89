import Foundation
import CDeflate
import MiaraValues

/// A CSV file's bytes as the store archives them (`file_archive`): every PESEL masked as in a
/// record's text (`PESEL.masked(bytes:)`: digits only, so lines and fields stay where they were),
/// then deflated (zlib, its fastest level). Staging keeps an accepted CSV row's values only; the
/// text of a record that a later derivation rejects (C10, C16, C19, C11–C13) is read again from
/// here by its line (`DerivedRejectText`), so it is found whether or not the inbox still holds
/// the file. An XLSX file is not archived (its bytes would hold PESELs in clear): its rows keep
/// their text in staging.
enum FileArchive {
    /// zlib refused the bytes (a damaged store): `MiaraError` `.archive`, zlib's result as the cause.
    static func broken(_ rc: Int32, size: Int? = nil) -> MiaraError {
        let sizeText = size.map { ", \($0) bytes expected" } ?? ""
        return MiaraError(.archive, StoreText.archiveDamaged, cause: MiaraError(.archive, Phrase(verbatim: "zlib result \(rc)\(sizeText)")))
    }

    /// The deflated bytes of `bytes`.
    static func pack(_ bytes: [UInt8]) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(compressBound(uLong(bytes.count))))
        var size = uLongf(out.count)
        let rc = bytes.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                compress2(dst.baseAddress, &size, src.baseAddress, uLong(src.count), 1)
            }
        }
        guard rc == Z_OK else { throw broken(rc) }
        out.removeSubrange(Int(size)...)
        return out
    }

    /// The CSV file of `url`, PESELs masked, deflated, and the masked file's length.
    static func pack(url: URL) throws -> (packed: [UInt8], bytes: Int) {
        let masked = PESEL.masked(bytes: [UInt8](try Data(contentsOf: url)))
        return (try pack(masked), masked.count)
    }

    /// The bytes of an archived file `size` bytes long.
    static func unpack(_ packed: [UInt8], size: Int) throws -> [UInt8] {
        if size == 0 { return [] }
        var out = [UInt8](repeating: 0, count: max(size, 1))
        var got = uLongf(size)
        let rc = packed.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                uncompress(dst.baseAddress, &got, src.baseAddress, uLong(src.count))
            }
        }
        guard rc == Z_OK, Int(got) == size else { throw broken(rc, size: size) }
        out.removeSubrange(size...)
        return out
    }
}
