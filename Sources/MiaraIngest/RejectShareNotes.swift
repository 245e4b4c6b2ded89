import MiaraStore
import MiaraValues

/// Exit 3 once per file version (SPEC 10), the ingest's half: inside the ingest's transaction,
/// every file version of the inbox over `max_reject_share` is noted in the store
/// (`reject_share_notices`), owed when this ingest read it, so a run killed after the ingest
/// leaves the exit 3 owed to the next run that completes. Versions found under the share again
/// lose a notice already given; `current` marks what the inbox holds over the share now.
///
/// A version counts as read when this ingest read its bytes: a new file, a file whose bytes
/// changed, or a file rejected whole for a reason outside its bytes (C15, C21) and so read again
/// every night — its notice exists after the first night, so it is owed only once. A file skipped
/// as the same bytes as a stored one is not read: over the share without a notice (read before
/// the store kept notices, or risen over the share by a later file), it is noted as not owed.
/// A file not read at all for a reason outside its bytes (permissions) has no version to note.
struct RejectShareNotes {
    let db: StoreWriter
    let settings: IngestSettings
    let runID: String

    /// `reports`: this ingest's files, with counts after the derivation; `stored`: the store's
    /// files by SHA-256, after the derivation.
    func record(_ reports: [FileReport], stored: [String: FileRecord]) throws {
        try StoreRecords.clearCurrentNotices(db)
        var seen: Set<String> = []
        for r in reports where r.failure == nil && !r.sha256.isEmpty && seen.insert(r.sha256).inserted {
            let read = r.duplicateOf == nil
            guard let file = stored[r.sha256] else { continue }
            let share = read ? r.rejectShare : file.rejectShare
            if RejectShare.isOver(share, max: settings.maxRejectShare) {
                try StoreRecords.noteOverShare(db, sha256: r.sha256, path: r.path, dataset: r.dataset, share: share,
                                               since: read ? settings.asOf.iso : (file.runAsOf ?? settings.asOf.iso),
                                               runID: runID, read: read)
            } else {
                try StoreRecords.withdrawNotice(db, sha256: r.sha256)
            }
        }
    }
}
