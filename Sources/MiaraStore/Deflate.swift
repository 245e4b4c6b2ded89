import CDeflate
import MiaraValues

/// zlib's deflate as the store packs bytes: archived input files (`file_archive`) and the measures'
/// stored rows (`measure_results`). Level 1, zlib's fastest: the bytes are text that shrinks
/// several times even so.
public enum Deflate {
    /// zlib refused the bytes (a damaged store): `MiaraError` `.archive`, zlib's result as the cause.
    public static func broken(_ rc: Int32, size: Int? = nil) -> MiaraError {
        let sizeText = size.map { ", \($0) bytes expected" } ?? ""
        return MiaraError(.archive, StoreText.archiveDamaged, cause: MiaraError(.archive, Phrase(verbatim: "zlib result \(rc)\(sizeText)")))
    }

    /// The deflated bytes of `bytes`.
    public static func pack(_ bytes: [UInt8]) throws -> [UInt8] {
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

    /// The `size` bytes that `packed` holds (an error when it holds other than `size` bytes).
    public static func unpack(_ packed: [UInt8], size: Int) throws -> [UInt8] {
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
