import Foundation

/// The one rule that keeps personal data out of everything miara writes or prints: every run of
/// exactly 11 digits (not adjacent to other digits) that passes the PESEL checksum becomes
/// `[PESEL]`. Applied where text leaves the parsers (`Problem`, `ValueError`), in the CSV writer,
/// to inbox paths and to console lines.
public enum PersonalData {
    /// The text with every valid PESEL replaced by `[PESEL]`, except digits inside a SHA-256
    /// digest (a token of exactly 64 hexadecimal characters with at least one letter): miara's
    /// own checksums, which a reviewer must be able to compare, are not personal data.
    public static func masked(_ text: String) -> String {
        guard let m = PESEL.masked(text) else { return text }
        let digests = sha256Tokens(in: text)
        guard !digests.isEmpty else { return m }
        // Mask the stretches between the digests only; the digests stay as they are.
        var out = "", from = text.startIndex
        for r in digests {
            out += PESEL.masked(String(text[from..<r.lowerBound])) ?? String(text[from..<r.lowerBound])
            out += text[r]
            from = r.upperBound
        }
        out += PESEL.masked(String(text[from...])) ?? String(text[from...])
        return out
    }

    /// The ranges of SHA-256 digests in `text`: maximal runs of exactly 64 hexadecimal
    /// characters (digits, a–f, A–F) holding at least one letter, not adjacent to a letter or digit.
    static func sha256Tokens(in text: String) -> [Range<String.Index>] {
        var found: [Range<String.Index>] = []
        let u = text.utf8
        var i = u.startIndex
        func isHex(_ c: UInt8) -> Bool { (48...57).contains(c) || (97...102).contains(c) || (65...70).contains(c) }
        func isWord(_ c: UInt8) -> Bool { (48...57).contains(c) || (97...122).contains(c) || (65...90).contains(c) }
        while i < u.endIndex {
            guard isHex(u[i]) else { i = u.index(after: i); continue }
            var j = i, count = 0, letter = false
            while j < u.endIndex, isHex(u[j]) { if u[j] > 57 { letter = true }; count += 1; j = u.index(after: j) }
            let before = i == u.startIndex ? nil : u[u.index(before: i)]
            let after = j == u.endIndex ? nil : u[j]
            if count == 64, letter, before.map(isWord) != true, after.map(isWord) != true {
                found.append(i..<j)
            }
            // Skip the rest of a word that continues with non-hex letters.
            i = j
            while i < u.endIndex, isWord(u[i]) { i = u.index(after: i) }
        }
        return found
    }

    /// True when the text holds a valid PESEL by the masking rule.
    public static func containsPESEL(_ text: String) -> Bool { PESEL.masked(text) != nil }

    /// The PESEL an identifier cell holds, if any: 11 digits passing the checksum; with
    /// `excelNumber` also the 10-digit text of an XLSX number whose zero-padded 11-digit form
    /// passes (a PESEL with a leading zero typed as a number).
    public static func pesel(inIdentifier text: String, excelNumber: Bool = false) -> String? {
        let b = text.utf8
        if b.count == 11 { return UTF8Bytes.with(text) { PESEL.isValid($0) } ? text : nil }
        if excelNumber, b.count == 10, b.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            let padded = "0" + text
            return PESEL.isValid(padded) ? padded : nil
        }
        return nil
    }

    /// True when an identifier cell holds a PESEL the identifier rule pseudonymises: the whole
    /// value (`pesel(inIdentifier:)`) or a run inside it (`NC-70111213891`, by the masking rule).
    public static func holdsPESEL(identifier text: String, excelNumber: Bool = false) -> Bool {
        pesel(inIdentifier: text, excelNumber: excelNumber) != nil || containsPESEL(text)
    }

    /// An identifier as stored (SPEC 1.4): a PESEL becomes its pseudonym (`pseudonymised` true),
    /// and so does every PESEL run inside a longer identifier (`NC-70111213891` →
    /// `NC-P…`, decisions.md 79), so the store, the CSVs and the workbooks show the same id and
    /// two ids that differ only in their PESEL stay two ids; any other text is kept. A PESEL
    /// without a key fails with C15.
    public static func identifier(_ text: String, excelNumber: Bool = false,
                                  pseudonymiser: Pseudonymiser?) -> Result<(value: String, pseudonymised: Bool), ValueError> {
        if let p = pesel(inIdentifier: text, excelNumber: excelNumber) {
            guard let key = pseudonymiser else { return .failure(ValueError(.C15)) }
            return .success((key.pseudonym(forPESEL: p), true))
        }
        guard containsPESEL(text) else { return .success((text, false)) }
        guard let key = pseudonymiser else { return .failure(ValueError(.C15)) }
        return .success((PESEL.replacingRuns(in: text) { key.pseudonym(forPESEL: $0) } ?? text, true))
    }
}

/// Console output with the masking rule applied: every line miara prints goes through here.
public enum Console {
    /// Writes a line to standard output, masked.
    public static func out(_ line: String) { write(FileHandle.standardOutput, line) }
    /// Writes a line to standard error, masked.
    public static func err(_ line: String) { write(FileHandle.standardError, line) }

    /// Writes `text` (a newline added unless `terminator` says otherwise) without ever trapping on
    /// a closed pipe.
    public static func write(_ handle: FileHandle, _ text: String, terminator: String = "\n") {
        try? handle.write(contentsOf: Data((PersonalData.masked(text) + terminator).utf8))
    }
}
