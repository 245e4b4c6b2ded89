/// The words of `miara verify` (a run folder against its manifest, `--recompute`): part of the
/// one dictionary (`Wording`). Column names, keys, paths and digests stay as written.
public enum VerifyText {
    public static let giveRunFolder = Phrase(pl: "podaj folder przebiegu albo --measures", en: "give a run folder, or --measures")
    public static let recomputeNeedsInbox = Phrase(pl: "--recompute potrzebuje --inbox (albo pliku potoku z `inbox`)",
                                                   en: "--recompute needs --inbox (or a pipeline file with `inbox`)")
    // Kinds of mismatch (the line's head).
    public static let missingOutput = Phrase(pl: "brak pliku wynikowego", en: "missing output")
    public static let changedOutput = Phrase(pl: "zmieniony plik wynikowy", en: "changed output")
    public static let extraOutput = Phrase(pl: "plik spoza manifestu", en: "extra file")
    public static let missingInput = Phrase(pl: "brak pliku wejściowego", en: "missing input")
    public static let changedInput = Phrase(pl: "zmieniony plik wejściowy", en: "changed input")
    public static let badManifest = Phrase(pl: "wadliwy manifest", en: "bad manifest")
    public static let changedManifest = Phrase(pl: "zmieniony manifest", en: "changed manifest")
    public static let refusedPath = Phrase(pl: "odrzucona ścieżka", en: "refused path")
    // Details.
    public static let notRegularManifest = Phrase(pl: "brak pliku albo to nie zwykły plik", en: "missing or not a regular file")
    public static let outsideRunFolder = Phrase(pl: "poza folderem przebiegu", en: "outside the run folder")
    public static let notInManifest = Phrase(pl: "nie ma go w manifeście", en: "not in the manifest")
    public static let outsideInbox = Phrase(pl: "poza skrzynką", en: "outside the inbox")
    public static let notRegularFile = Phrase(pl: "to nie zwykły plik", en: "not a regular file")
    public static let unreadable = Phrase(pl: "nie można go odczytać", en: "unreadable")
    public static func digests(_ now: String, manifest: String) -> Phrase {
        Phrase(pl: "sha256 \(now), w manifeście \(manifest)", en: "sha256 \(now), manifest \(manifest)")
    }
    // --recompute.
    public static let missingInputCopy = Phrase(pl: "brak pliku wejściowego", en: "missing input")
    public static func publishedNothing(_ status: String) -> Phrase {
        Phrase(pl: "przeliczony przebieg nic nie opublikował (stan \(status))", en: "the recomputed run published nothing (status \(status))")
    }
    public static let notRecomputed = Phrase(pl: "nie powstał przy przeliczeniu", en: "not recomputed")
    public static let onlyRecomputed = Phrase(pl: "powstał przy przeliczeniu, ale nie był opublikowany", en: "recomputed but not published")
    public static let differs = Phrase(pl: "różni się po przeliczeniu", en: "differs when recomputed")
    public static func keyDiffers(_ run: String, _ now: String) -> Phrase {
        Phrase(pl: "inne ustawienie: klucz pseudonimizacji (sha256 przebiegu \(run), tego potoku \(now)); każdy pseudonim numeru PESEL jest inny — podaj --pipeline z kluczem przebiegu",
               en: "setting differs: the pseudonym key (the run's sha256 \(run), this pipeline's \(now)); every pseudonym of a PESEL differs — give --pipeline with the run's key")
    }
    public static func catalogueDiffers(_ name: String, _ run: String, _ now: String) -> Phrase {
        Phrase(pl: "inne ustawienie: katalog \(name) (sha256 przebiegu \(run), tego potoku \(now))",
               en: "setting differs: the \(name) catalogue (the run's sha256 \(run), this pipeline's \(now))")
    }
    public static let none = Phrase(pl: "brak", en: "none")
    public static func firstAt(byte: Int, line: Int) -> Phrase {
        Phrase(pl: " (pierwsza różnica: bajt \(byte), wiersz \(line))", en: " (first at byte \(byte), line \(line))")
    }
    // CSV rows (decisions.md 122).
    public static func header(_ a: String, _ b: String) -> Phrase {
        Phrase(pl: "nagłówek: opublikowany \(a), przeliczony \(b)", en: "header: published \(a), recomputed \(b)")
    }
    public static func rowOnlyRecomputed(_ n: Int, _ key: String) -> Phrase {
        Phrase(pl: "wiersz \(n) (\(key)) tylko w przeliczeniu", en: "row \(n) (\(key)) only recomputed")
    }
    public static func rowOnlyPublished(_ n: Int, _ key: String) -> Phrase {
        Phrase(pl: "wiersz \(n) (\(key)) tylko w opublikowanym", en: "row \(n) (\(key)) only published")
    }
    public static func rowKeys(_ n: Int, _ a: String, _ b: String) -> Phrase {
        Phrase(pl: "wiersz \(n): opublikowany \(a), przeliczony \(b)", en: "row \(n): published \(a), recomputed \(b)")
    }
    public static func cell(_ column: String, _ a: String, _ b: String) -> Phrase {
        Phrase(pl: "\(column) opublikowane \(a), przeliczone \(b)", en: "\(column) published \(a), recomputed \(b)")
    }
    public static func columnNumber(_ n: Int) -> Phrase { Phrase(pl: "kolumna \(n)", en: "column \(n)") }
    public static func row(_ n: Int) -> Phrase { Phrase(pl: "wiersz \(n)", en: "row \(n)") }
}
