import Foundation
import MiaraStore
import MiaraValues

/// A CSV file's bytes as the store archives them (`file_archive`): every PESEL masked as in a
/// record's text (`PESEL.masked(bytes:)`: digits only, so lines and fields stay where they were),
/// then deflated (zlib, its fastest level). Staging keeps an accepted CSV row's values only; the
/// text of a record that a later derivation rejects (C10, C16, C19, C11–C13) is read again from
/// here by its line (`DerivedRejectText`), so it is found whether or not the inbox still holds
/// the file. An XLSX file is not archived (its bytes would hold PESELs in clear): its rows keep
/// their text in staging.
enum FileArchive {
    /// The deflated bytes of `bytes` (`Deflate`, the store's packing).
    static func pack(_ bytes: [UInt8]) throws -> [UInt8] { try Deflate.pack(bytes) }

    /// The CSV file of `url`, PESELs masked, deflated, and the masked file's length.
    static func pack(url: URL) throws -> (packed: [UInt8], bytes: Int) {
        try pack(file: [UInt8](try Data(contentsOf: url)))
    }

    /// The same of a CSV file's bytes already read.
    static func pack(file bytes: [UInt8]) throws -> (packed: [UInt8], bytes: Int) {
        let masked = PESEL.masked(bytes: bytes)
        return (try pack(masked), masked.count)
    }

    /// The bytes of an archived file `size` bytes long.
    static func unpack(_ packed: [UInt8], size: Int) throws -> [UInt8] { try Deflate.unpack(packed, size: size) }
}
