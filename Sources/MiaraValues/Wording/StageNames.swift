

/// The words `miara status` shows for the codes the store's run log keeps (stage names, stage
/// outcomes, run statuses): Polish under `lang: pl`, the code itself in English; an unknown code
/// is shown as it is.
public enum StageNames {
    static let polish: [String: String] = [
        "discover": "wyszukanie", "ingest": "wczytanie", "check": "kontrole", "compute": "obliczenie",
        "report": "raporty", "publish": "publikacja", "prune": "porządki", "reuse": "bez zmian",
        "done": "gotowe", "failed": "błąd", "running": "w toku", "interrupted": "przerwany", "locked": "zablokowany",
    ]

    /// The word for `code` in `language`.
    public static func label(_ code: String, _ language: Language) -> String {
        language == .pl ? polish[code] ?? code : code
    }
}
