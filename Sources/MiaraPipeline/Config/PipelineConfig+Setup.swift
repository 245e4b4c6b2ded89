import Foundation
import MiaraValues

/// What a command says when it runs without a pipeline file, or finds nothing where the
/// settings point (decisions.md 118): it names the missing thing, where its path came from (the
/// pipeline file, a flag, or the built-in default) and what to do — never a flag that was not given.
extension PipelineConfig {
    /// Whether `key` has its built-in value: no pipeline file was given and no flag set it.
    public func isDefault(_ key: String) -> Bool { file == nil && origins[key] == nil }

    /// Picks the text of the configuration's language.
    public func t(_ pl: String, _ en: String) -> String { language == .pl ? pl : en }

    /// Where the setting `key` came from, in words: `pipeline.yaml`, `--store`, or "default".
    func source(of key: String) -> String {
        if let o = origins[key] { return o.line > 0 ? "\(o.file):\(o.line)" : o.file }
        if let f = file { return f }
        return t("wartość domyślna", "default")
    }

    /// The hint every "nothing here" message ends with when no pipeline file was given.
    func hint(_ language: Language) -> String {
        language == .pl ? "podaj plik potoku: --pipeline PLIK (zob. \(DocumentationPath.of("running-nightly.md"))), albo uruchom `miara demo`, by zobaczyć przykład"
          : "give a pipeline file: --pipeline FILE (see \(DocumentationPath.of("running-nightly.md"))), or run `miara demo` to see an example"
    }

    /// The error of a command that reads the store (`status`, `explain`, `compute`, `template
    /// --provider`, `verify`) when there is none: says which path was looked at and why that one.
    public func missingStore() -> MiaraError {
        if isDefault("store") {
            return MiaraError.configuration(file: "", Phrase(pl: "brak magazynu: nie podano pliku potoku (--pipeline) ani --store, a w domyślnym miejscu \(store) nie ma magazynu; "
                                   + hint(.pl), en: "no store: no pipeline file (--pipeline) nor --store was given, and there is none at the default \(store); " + hint(.en)))
        }
        return MiaraError.configuration(file: origins["store"]?.file ?? file ?? "--store", line: origins["store"]?.line ?? 0, key: "store",
                           Phrase(pl: "nie ma magazynu \(store); najpierw uruchom miara ingest (albo miara run) z tymi ustawieniami",
                                  en: "no store at \(store); run miara ingest (or miara run) with these settings first"))
    }

    /// Checked by `run` and `ingest` before anything is written (no store, no `Outputs/`): the
    /// inbox must exist (without a pipeline file the error says so and what to do), and the
    /// pseudonym key, when one is named, must be readable as SPEC 1.4 asks.
    public func checkBeforeWriting() throws {
        try requireInbox()
        _ = try pseudonymKeyBytes()
    }

    func requireInbox() throws {
        var isDir: ObjCBool = false
        guard !FileManager.default.fileExists(atPath: inbox, isDirectory: &isDir) else { return }
        let path = URL(fileURLWithPath: inbox).standardizedFileURL.path
        if isDefault("inbox") {
            throw MiaraError.configuration(file: "", Phrase(pl: "brak skrzynki: nie podano pliku potoku (--pipeline) ani --inbox, a domyślnej skrzynki \(path) nie ma; " + hint(.pl),
                              en: "no inbox: no pipeline file (--pipeline) nor --inbox was given, and the default inbox \(path) does not exist; " + hint(.en)))
        }
        throw error(for: "inbox", ConfigText.noInbox(path))
    }

    /// The line `run` and `ingest` print (unless `--quiet`) when no pipeline file was given: the
    /// settings they use instead, so a run in the wrong folder is not silent. Nil with a pipeline file.
    public var defaultsNotice: String? {
        guard file == nil else { return nil }
        let key = pseudonymKeyFile.map { t("klucz pseudonimów \($0)", "pseudonym key \($0)") }
            ?? t("bez klucza pseudonimów (plik z numerami PESEL zostanie odrzucony w całości, C15)",
                 "no pseudonym key (a file holding PESELs is rejected whole, C15)")
        return t("miara: bez pliku potoku (--pipeline): skrzynka \(inbox) (\(source(of: "inbox"))), magazyn \(store) (\(source(of: "store"))), "
                    + "wyniki \(outputs)/latest (\(source(of: "outputs")); zastępowane każdym przebiegiem), \(key), bez progów (targets), "
                    + "katalog miar, standard i ankiety wbudowane",
                 "miara: no pipeline file (--pipeline): inbox \(inbox) (\(source(of: "inbox"))), store \(store) (\(source(of: "store"))), "
                    + "outputs \(outputs)/latest (\(source(of: "outputs")); replaced by every run), \(key), no targets, "
                    + "built-in measure catalogue, standard and questionnaire maps")
    }
}
