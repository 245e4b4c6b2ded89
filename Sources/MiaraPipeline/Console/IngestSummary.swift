import Foundation
import MiaraIngest
import MiaraStore
import MiaraValues

/// What the ingest stage tells people: one line per dataset with new files (rows read, accepted,
/// rejected, and of the rejected how many are pending); a line per dataset whose earlier files
/// hold pending rows (now and before this ingest); each file rejected whole with its reason and
/// the fix; how many files were unchanged; the warnings by code.
struct IngestSummary {
    let result: IngestStage.Result
    let db: StoreReader
    let config: PipelineConfig
    let console: Printer
    /// Pending rows per dataset before this ingest (`StoreRecords.pendingRows`, summed).
    var pendingBefore: [String: Int] = [:]

    /// Pending rows per dataset, summed over files.
    static func pendingByDataset(_ rows: [PendingRows]) -> [String: Int] {
        rows.reduce(into: [:]) { $0[$1.dataset, default: 0] += $1.count }
    }

    func print() throws {
        let c = console
        let new = result.reports.filter { $0.duplicateOf == nil }
        var byDataset: [String: [FileReport]] = [:]
        for r in new { byDataset[r.dataset, default: []].append(r) }
        // Pending rows now, in this run's new files and in earlier files, per dataset.
        let newFiles = Set(new.map(\.sha256))
        var pendingNew: [String: Int] = [:], pendingEarlier: [String: Int] = [:]
        for p in try StoreRecords.pendingRows(db) {
            if newFiles.contains(p.sha256) { pendingNew[p.dataset, default: 0] += p.count } else { pendingEarlier[p.dataset, default: 0] += p.count }
        }
        for dataset in byDataset.keys.sorted() {
            let rs = byDataset[dataset]!
            let read = rs.reduce(0) { $0 + $1.rowsRead }, accepted = rs.reduce(0) { $0 + $1.rowsAccepted }
            let rejected = rs.reduce(0) { $0 + $1.rowsRejected }, secs = rs.reduce(0) { $0 + $1.seconds }
            let pending = pendingNew[dataset] ?? 0
            c.info("\(dataset): " + c.t("\(CountedNoun.file(rs.count, .pl)), wiersze odczytane: \(read), przyjęte: \(accepted), odrzucone: \(rejected), w tym oczekujące: \(pending)",
                                        "files: \(rs.count), rows read: \(read), accepted: \(accepted), rejected: \(rejected), of which pending: \(pending)")
                   + String(format: ", %.2f s", secs))
        }
        // Rows of earlier files still waiting, or waiting before this ingest: checked again now.
        for dataset in Set(pendingEarlier.keys).union(pendingBefore.keys).sorted() {
            let now = pendingEarlier[dataset] ?? 0, before = pendingBefore[dataset] ?? 0
            guard now > 0 || before > 0 else { continue }
            c.info("\(dataset): " + c.t("wiersze oczekujące we wcześniejszych plikach: \(now) (przed tym wczytaniem: \(before))",
                                        "pending rows of earlier files: \(now) (before this ingest: \(before))"))
        }
        // A file read before under the same path is unchanged; under another path (a byte copy,
        // `gminy (kopia).csv`) it is a duplicate: named with the file whose rows count the night
        // that file is read, counted on later nights (decisions.md 121).
        let newPaths = Set(new.map(\.path))
        let copies = result.reports.filter { $0.duplicateOf != nil && $0.duplicateOf != $0.path }
        let named = copies.filter { newPaths.contains($0.duplicateOf!) }
        let unchanged = result.reports.count - new.count - copies.count
        let counted = copies.count - named.count
        for r in named {
            c.info(c.t("\(r.path): duplikat pliku \(r.duplicateOf!) (te same bajty), pominięto",
                       "\(r.path): duplicate of \(r.duplicateOf!) (the same bytes), skipped"))
        }
        let duplicates = counted > 0 ? c.t(", \(CountedNoun.duplicateOfOther(counted, .pl))", ", duplicates of other files: \(counted)") : ""
        if new.isEmpty {
            c.info(c.t("brak nowych plików", "no new files")
                   + (unchanged > 0 ? c.t("; \(CountedNoun.unchangedFile(unchanged, .pl))", "; unchanged files: \(unchanged)") : "") + duplicates)
        } else if unchanged > 0 || counted > 0 {
            c.info(c.t(CountedNoun.unchangedFileReadBefore(unchanged, .pl), "unchanged files (ingested before): \(unchanged)") + duplicates)
        }
        for r in new { if let code = r.fileCheck { c.warning(try wholeFileLine(r, code)) } }
        for n in result.stillPending { c.warning(stillPendingLine(n)) }
        for path in result.ignored {
            c.warning(c.t("\(path): poza folderami zbiorów danych, pominięto (zob. \(DocumentationPath.of("input-files.md")))",
                          "\(path): outside the dataset folders, ignored (see \(DocumentationPath.of("input-files.md")))"))
        }
        for w in result.warningCounts {
            let message = CheckCode(rawValue: w.code)?.check.message(config.language) ?? ""
            c.warning(c.t("ostrzeżenia \(w.code) (\(message)): \(w.count); lista w warnings.csv w folderze wyników",
                          "warnings \(w.code) (\(message)): \(w.count); listed in warnings.csv in the run folder"))
        }
    }

    /// The `--verbose` line of one file (`FileReport.line` in the console's language).
    static func fileLine(_ r: FileReport, _ c: Printer) -> String {
        if let f = r.failure { return "\(r.path)  \(r.dataset)  " + c.t("nie odczytano: ", "not read: ") + f }
        if let d = r.duplicateOf {
            return c.t("\(r.path): pominięto, te same bajty co \(d) wczytano wcześniej", "\(r.path): skipped, the same bytes as \(d) were ingested already")
        }
        let fc = r.fileCheck.map { c.t("  plik odrzucony: ", "  file rejected: ") + $0.rawValue } ?? ""
        return "\(r.path)  \(r.dataset)  " + c.t("odczytane \(r.rowsRead)  przyjęte \(r.rowsAccepted)  odrzucone \(r.rowsRejected)",
                                                  "read \(r.rowsRead)  accepted \(r.rowsAccepted)  rejected \(r.rowsRejected)") + "  \(r.encoding)\(fc)"
    }

    /// `ngo/costs/x.xlsx: rejected whole — C20 the file cannot be read: …; fix: …`.
    func wholeFileLine(_ r: FileReport, _ code: CheckCode) throws -> String {
        let row = try StoreRecords.fileReject(db, sha256: r.sha256)
        let reason = row?.reason ?? code.check.message(config.language)
        let column = row?.column ?? ""
        return console.t("\(r.path): plik odrzucony w całości — \(code.rawValue) \(reason); co zrobić: ",
                         "\(r.path): rejected whole — \(code.rawValue) \(reason); fix: ") + fix(code, column: column, dataset: r.dataset)
    }

    /// `nadal oczekuje: ngo/stays/x.csv (odrzucone 100 %), od 2026-12-01`: a version over the
    /// share whose exit 3 an earlier run gave (SPEC 10).
    func stillPendingLine(_ n: RejectShareNotice) -> String {
        let share = RejectShare.percent(n.share, config.language)
        return console.t("nadal oczekuje: \(n.path) (odrzucone \(share)), od \(n.since)",
                         "still pending: \(n.path) (\(share) rejected), since \(n.since)")
    }

    /// What the municipality should do about a file rejected whole.
    func fix(_ code: CheckCode, column: String, dataset: String) -> String {
        let c = console
        let pipeline = config.file ?? c.t("pliku potoku", "the pipeline file")
        switch code {
        case .C01:
            return c.t("dodać kolumnę `\(column)` do nagłówka (wymagane kolumny \(dataset): \(DocumentationPath.of("input-files.md"))) i przesłać plik ponownie",
                       "add the column `\(column)` to the header (required columns of \(dataset): \(DocumentationPath.of("input-files.md"))) and send the file again")
        case .C15:
            return c.t("dodać `pseudonym_key_file: /etc/miara/pseudonym.key` (plik o prawach 0600) do \(pipeline) albo podać --pseudonym-key",
                       "add `pseudonym_key_file: /etc/miara/pseudonym.key` (a file of mode 0600) to \(pipeline) or pass --pseudonym-key")
        case .C20:
            return c.t("zapisać plik ponownie jako CSV w UTF-8 (lub Windows-1250) albo poprawny XLSX i przesłać go ponownie",
                       "save the file again as CSV in UTF-8 (or Windows-1250) or as a valid XLSX and send it again")
        case .C21:
            let map = dataset.hasPrefix("surveys/") ? String(dataset.dropFirst("surveys/".count)) + ".yaml" : "<folder>.yaml"
            return c.t("dodać mapę kwestionariusza `\(map)` do folderu wskazanego ustawieniem `surveys:` w \(pipeline) (\(DocumentationPath.of("input-files.md")), ankiety)",
                       "add the questionnaire map `\(map)` to the folder named by the `surveys:` setting of \(pipeline) (\(DocumentationPath.of("input-files.md")), surveys)")
        default:
            return c.t("zob. \(DocumentationPath.of("checks.md"))", "see \(DocumentationPath.of("checks.md"))")
        }
    }
}
