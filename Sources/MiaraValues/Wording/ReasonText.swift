/// The words miara adds to a check's message in a reason (rejects.csv, `validate`, the console's
/// file lines): part of the one dictionary (`Wording`). Column names, codes and values stay as
/// written; SPEC 9.1 leaves `reason` to the tool ("the tool's own text"), the `check` column is
/// the code.
public enum ReasonText {
    /// C20: a CSV file that is valid in neither encoding SPEC 1.2 reads.
    public static let notUTF8NorWindows1250 = Phrase(pl: "ani UTF-8, ani Windows-1250", en: "neither UTF-8 nor Windows-1250")
    /// C20: a CSV header line that ends inside a quoted field.
    public static let headerUnterminatedQuote = Phrase(pl: "nie da się odczytać wiersza nagłówka (niezamknięty cudzysłów)",
                                                       en: "the header line cannot be parsed (unterminated quote)")
    /// C20: an `.xlsx` file that is not a zip archive; `cause` is the ZIP reader's own code.
    public static func notZip(_ name: String, _ cause: String) -> Phrase {
        Phrase(pl: "\(name) nie jest poprawnym archiwum zip (\(cause))", en: "\(name) is not a readable zip archive (\(cause))")
    }
    /// C19: a programme with an `outcome` but no `end` date (SPEC 2).
    public static func outcomeWithoutEnd(_ outcome: String) -> Phrase {
        Phrase(pl: "outcome=\(outcome) bez daty end", en: "outcome \(outcome) without end")
    }
}
