/// The words of the store's errors and of the commands that find it unusable: part of the one
/// dictionary (`Wording`).
public enum StoreText {
    public static func newer(_ version: Int, _ known: Int) -> Phrase {
        Phrase(pl: "magazyn ma schemat w wersji \(version), nowszej niż zna ta miara (\(known)); użyj nowszej miary",
               en: "the store has schema version \(version), newer than this miara knows (\(known)); use a newer miara")
    }
    public static let readOnly = Phrase(pl: "magazyn jest tylko do odczytu", en: "the store is read-only")
    public static let openedForReading = Phrase(pl: "otwarto go tylko do odczytu", en: "it was opened for reading only")
    public static func olderSchema(_ version: Int, _ known: Int) -> Phrase {
        Phrase(pl: "jego schemat (wersja \(version)) jest starszy niż schemat tej miary (\(known)); uruchom raz miara ingest z magazynem do zapisu, by go przenieść",
               en: "its schema (version \(version)) is older than this miara's (\(known)); run miara ingest once with the store writable to migrate it")
    }
    public static let reportNeedsWritable = Phrase(
        pl: "report zapisuje w nim swój przebieg (przebieg i SHA-256 manifestu, które porównuje verify); nadaj prawo zapisu albo użyj miara compute, które magazyn tylko czyta",
        en: "report records its run there (the run and the manifest's SHA-256 that verify compares); make it writable, or use miara compute, which only reads the store")
    public static func noCompletedIngestRunning(_ path: String, pid: Int32?) -> Phrase {
        let p = pid.map { " (pid \($0))" } ?? ""
        return Phrase(pl: "magazyn \(path) nie ma jeszcze zakończonego wczytania: jego pierwsze wczytanie wciąż trwa\(p); spróbuj ponownie, gdy się skończy",
                      en: "the store \(path) has no completed ingest yet: its first ingest is still running\(p); try again when it has finished")
    }
    public static func noCompletedIngest(_ path: String) -> Phrase {
        Phrase(pl: "magazyn \(path) nie ma jeszcze zakończonego wczytania; najpierw uruchom miara ingest",
               en: "the store \(path) has no completed ingest yet; run miara ingest first")
    }

    /// An SQLite call failed; SQLite's result and the SQL follow as the cause.
    public static let statementFailed = Phrase(pl: "polecenie SQL nie powiodło się", en: "an SQL statement failed")
    public static let cannotCreate = Phrase(pl: "nie można utworzyć pliku bazy SQLite", en: "cannot create the SQLite database file")
    public static let cannotOpen = Phrase(pl: "nie można otworzyć bazy SQLite", en: "cannot open the SQLite database")
    public static func copyFailed(_ source: String) -> Phrase {
        Phrase(pl: "nie można skopiować \(source)", en: "cannot copy \(source)")
    }
    /// Another process holds the store's writer lock (`miara run`, `miara ingest`: exit 75).
    public static func lockHeld(_ path: String, pid: Int32?) -> Phrase {
        let p = pid.map { " (pid \($0))" } ?? ""
        return Phrase(pl: "inny proces miara\(p) trzyma blokadę magazynu \(path)",
                      en: "another miara process\(p) holds the store lock \(path)")
    }
    /// A file's copy archived in the store cannot be packed or unpacked (zlib's code follows).
    public static let archiveDamaged = Phrase(pl: "kopii pliku w magazynie nie da się spakować ani rozpakować",
                                              en: "the store's copy of the file cannot be packed or unpacked")
}
