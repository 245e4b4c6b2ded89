/// A user-facing text in both languages miara speaks: the entry type of the one dictionary
/// (`Sources/MiaraValues/Wording/`). Every message, label and reason is a `Phrase`, written
/// there, and rendered in the run's language where it is printed or written.
public struct Phrase: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let pl: String
    public let en: String

    public init(pl: String, en: String) { self.pl = pl; self.en = en }

    /// The same words in both languages: a code, a path, a number (nothing to translate).
    public init(verbatim: String) { pl = verbatim; en = verbatim }

    /// The text in `lang`.
    public func callAsFunction(_ lang: Language) -> String { lang == .pl ? pl : en }

    /// The English text (logs and `description`s read by developers).
    public var description: String { en }

    /// Both languages joined: `self` then `other` with `separator` between.
    public func joined(_ other: Phrase, separator: String = ": ") -> Phrase {
        Phrase(pl: pl + separator + other.pl, en: en + separator + other.en)
    }

    /// Each language's text passed through `transform` (masking, quoting).
    public func map(_ transform: (String) -> String) -> Phrase { Phrase(pl: transform(pl), en: transform(en)) }
}
