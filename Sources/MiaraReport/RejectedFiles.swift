import Foundation
import MiaraStore
import MiaraValues

/// The input files rejected whole (C01, C15, C20, C21) that still stand, by the municipality they
/// concern: the red banner of the municipal Summary (SPEC 9.2) and the cause "brak pliku / plik
/// odrzucony" of the coverage gaps they leave.
///
/// A rejection stands while it is the latest version of its path in the store: a file sent again
/// under the same path and read (accepted or not) replaces it; C15 and C21 files are read again
/// by every run, so theirs are the current run's. The municipality comes from `FileOwnership`.
struct RejectedFile {
    let id: Int
    let path: String
    let dataset: String
    let check: String
    /// The check's message, and for C01 the missing column.
    let detail: String
    /// What to do about it, in the workbook's language.
    let fix: String

    /// Datasets whose rows are a facility's monthly activity or costs (SPEC 9.4): a standing
    /// rejection of such a file is the likely cause of a coverage gap of that kind.
    static let activityDatasets: Set<String> = ["ngo/stays", "ngo/services"]
    static let costDatasets: Set<String> = ["ngo/costs"]

    /// The standing whole-file rejections, by teryt, each list by path.
    static func byTeryt(_ index: WorkbookIndex) throws -> [String: [RejectedFile]] {
        let files = index.dataQuality.files
        var latest: [String: DataQualityTables.File] = [:]
        for f in files where (latest[f.path]?.id ?? Int.min) < f.id { latest[f.path] = f }
        let standing = latest.values.filter { $0.fileCheck != nil }
        guard !standing.isEmpty else { return [:] }
        var out: [String: [RejectedFile]] = [:]
        for (teryt, ids) in index.filesByTeryt {
            let mine = standing.filter { ids.contains($0.id) }.sorted { $0.path.bytewisePrecedes($1.path) }
            if mine.isEmpty { continue }
            out[teryt] = try mine.map { try make($0, db: index.ctx.reader, labels: index.labels) }
        }
        return out
    }

    static func make(_ f: DataQualityTables.File, db: StoreReader, labels l: Labels) throws -> RejectedFile {
        let check = f.fileCheck ?? ""
        let code = CheckCode(rawValue: check)
        let column = try StoreRecords.fileReject(db, sha256: f.sha256)?.column ?? ""
        var detail = code.map { $0.check.message(l.lang) } ?? check
        if check == "C01", !column.isEmpty { detail += ": \(column)" }
        let fix: String
        switch check {
        case "C01": fix = l.lang == .pl
            ? "dodaj kolumnę „\(column)” w pierwszym wierszu pliku i włóż plik ponownie do skrzynki"
            : "add the column \"\(column)\" to the file's header row and put the file into the inbox again"
        case "C15": fix = l.lang == .pl
            ? "ustaw klucz pseudonimizacji (pseudonym_key_file w pliku potoku); plik zostanie wczytany w następnym przebiegu"
            : "set the pseudonym key (pseudonym_key_file in the pipeline file); the next run reads the file again"
        case "C20": fix = l.lang == .pl
            ? "zapisz plik ponownie (CSV w UTF-8 lub XLSX) i włóż go do skrzynki w miejsce uszkodzonego"
            : "save the file again (CSV in UTF-8, or XLSX) and put it into the inbox in place of the damaged one"
        default: fix = l.lang == .pl
            ? "dodaj mapę kwestionariusza \(f.dataset.split(separator: "/").last.map(String.init) ?? "").yaml do folderu surveys potoku; plik zostanie wczytany w następnym przebiegu"
            : "add the questionnaire map \(f.dataset.split(separator: "/").last.map(String.init) ?? "").yaml to the pipeline's surveys folder; the next run reads the file again"
        }
        return RejectedFile(id: f.id, path: f.path, dataset: f.dataset, check: check, detail: detail, fix: fix)
    }
}

extension WorkbookIndex {
    /// The banner of a municipality's Summary, or nil when no file of it stands rejected whole:
    /// per reason (check and fix), the files (the activity and cost files first, at most
    /// `bannerFiles` named, then how many more), why, and what to do.
    func rejectedBanner(teryt: String) -> String? {
        guard let files = rejectedByTeryt[teryt], !files.isEmpty else { return nil }
        let l = labels
        func rank(_ f: RejectedFile) -> Int {
            RejectedFile.activityDatasets.contains(f.dataset) ? 0 : RejectedFile.costDatasets.contains(f.dataset) ? 1 : f.dataset.hasPrefix("ngo/") ? 2 : 3
        }
        var reasons: [String] = []
        var byReason: [String: [RejectedFile]] = [:]
        for f in files.sorted(by: { (rank($0), $0.path) < (rank($1), $1.path) }) {
            let key = "\(f.check) \(f.detail)\u{1F}\(f.fix)"
            if byReason[key] == nil { reasons.append(key) }
            byReason[key, default: []].append(f)
        }
        let parts = reasons.map { key -> String in
            let group = byReason[key]!
            let names = group.prefix(Self.bannerFiles).map(\.path).joined(separator: ", ")
            let more = group.count > Self.bannerFiles ? " \(l[.andWord]) \(l.counted(group.count - Self.bannerFiles, .otherFile))" : ""
            return "\(names)\(more) (\(group[0].check): \(group[0].detail)) — \(l[.bannerFix]): \(group[0].fix)"
        }
        return "\(l[.bannerRejected]): " + parts.joined(separator: " • ")
    }

    /// Files named per reason in the banner (the Data quality sheet lists them all).
    static let bannerFiles = 6

    /// Whether a standing whole-file rejection of the municipality explains a facility-month's
    /// gap: a rejected stays or services file where activity is missing, a rejected costs file
    /// where costs are.
    func gapHasRejectedFile(_ status: CoverageStatus, teryt: String) -> Bool {
        guard let files = rejectedByTeryt[teryt] else { return false }
        let datasets = Set(files.map(\.dataset))
        let activity = !datasets.isDisjoint(with: RejectedFile.activityDatasets)
        let costs = !datasets.isDisjoint(with: RejectedFile.costDatasets)
        switch status {
        case .no_activity: return activity
        case .no_costs: return costs
        case .no_data: return activity || costs
        case .complete, .costs_not_due: return false
        }
    }

    /// A coverage status in words; "brak pliku / plik odrzucony" where a standing rejection explains it.
    func coverageStatusText(_ status: CoverageStatus, teryt: String) -> String {
        gapHasRejectedFile(status, teryt: teryt) ? labels[.coverageRejectedFile] : labels.coverage(status.rawValue)
    }
}
