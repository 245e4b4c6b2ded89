import Foundation
import MiaraIngest
import MiaraStore
import MiaraValues

/// What `miara ingest` would decide about files not sent yet (`miara validate`): the files are
/// ingested, with the inbox's files and by the same `Ingestor`, into a private copy of the store
/// (`PrivateFiles.openPrivateCopy`, an empty store when there is none), so every check — the cross-row checks
/// C11–C13 against the store's accepted rows included — is ingestion's own. The store is only read.
///
/// A checked file takes the place ingest would give it: a file inside the inbox is read at its
/// inbox path; any other at `<dataset>/<file name>`, as if dropped into its dataset folder (an
/// inbox file of that path is the version it replaces). Files are read in path order, after the
/// files the store read on earlier nights, as ingest reads a night's new files.
struct IngestSimulation {
    var settings: IngestSettings
    var questionnaires: [String: Questionnaire]
    /// The inbox's files (`Inbox.list`), nil without an inbox.
    var inbox: [InboxFile]?
    /// The store to copy, nil without one.
    var storePath: String?

    /// The store after the simulated ingest and the report of each checked file, in their order.
    struct Outcome {
        var store: Store
        var reports: [FileReport]
    }

    /// Where ingest would read a checked file: its inbox path when it lies in the inbox, else
    /// `<dataset>/<file name>`.
    static func place(_ url: URL, dataset: String, inbox: [InboxFile]?) -> String {
        let real = url.resolvingSymlinksInPath().path
        if let f = inbox?.first(where: { $0.url.resolvingSymlinksInPath().path == real }) { return f.path }
        return dataset + "/" + url.lastPathComponent
    }

    /// Ingests the inbox's files and `checked` (paths as `place` gives them) into a copy of the
    /// store; cross-row checks over every dataset unless there is neither an inbox nor a store.
    func run(_ checked: [InboxFile]) throws -> Outcome {
        let store = try PrivateFiles.openPrivateCopy(of: storePath)
        let checkedPaths = Set(checked.map(\.path))
        let checkedURLs = Set(checked.map { $0.url.resolvingSymlinksInPath().path })
        let others = (inbox ?? []).filter { !checkedPaths.contains($0.path) && !checkedURLs.contains($0.url.resolvingSymlinksInPath().path) }
        // Path order (UTF-8 bytes), as ingest reads an inbox; checked files of one path in their given order.
        var all: [(file: InboxFile, checkedIndex: Int)] = others.map { ($0, -1) } + checked.enumerated().map { ($0.element, $0.offset) }
        all = all.enumerated().sorted { a, b in
            let c = a.element.file.path.bytewiseCompare(b.element.file.path)
            return c != 0 ? c < 0 : a.offset < b.offset
        }.map(\.element)
        let ingestor = Ingestor(store: store, settings: settings, runID: "validate", questionnaires: questionnaires)
        ingestor.onDuplicate = { _ in }
        let scope: CrossChecks.Scope = inbox == nil && storePath == nil ? .withinDataset : .all
        let reports = try ingestor.ingest(all.map(\.file), crossChecks: scope)
        var mine = [FileReport?](repeating: nil, count: checked.count)
        for (entry, report) in zip(all, reports) where entry.checkedIndex >= 0 { mine[entry.checkedIndex] = report }
        return Outcome(store: store, reports: mine.map { $0! })
    }
}
