import MiaraValues

/// A file version some run read over `max_reject_share` (SPEC 10; `reject_share_notices`): exit 3
/// is given once for it, by the first run that read it and completed.
public struct RejectShareNotice: Sendable, Equatable, StoredRecord {
    public var sha256: String
    /// Relative to the inbox, as the last ingest saw it.
    public var path: String
    public var dataset: String
    /// rejected ÷ read as the last ingest saw it (1 for a file rejected whole).
    public var share: Double
    /// The as-of date (ISO) of the run that first found these bytes over the share.
    public var since: String
    /// That run.
    public var runID: String
    /// True until a run that read it completes (and exits 3 for it).
    public var owed: Bool
    /// The completed run that exited 3 for it; nil while owed, or for bytes read before the store
    /// kept notices.
    public var givenBy: String?
    /// The last ingest found these bytes in the inbox, still over the share.
    public var current: Bool

    static let select = "SELECT sha256, path, dataset, share, since, run_id, owed, given_by, current FROM reject_share_notices"

    init(_ st: Statement) {
        sha256 = st.string(0) ?? ""; path = st.string(1) ?? ""; dataset = st.string(2) ?? ""; share = st.double(3) ?? 0
        since = st.string(4) ?? ""; runID = st.string(5) ?? ""; owed = st.int(6) != 0; givenBy = st.string(7); current = st.int(8) != 0
    }
}

extension StoreRecords {
    /// Starts an ingest's account of the inbox: no version is current until `noteOverShare` says so.
    public static func clearCurrentNotices(_ db: StoreWriter) throws {
        try db.execute("UPDATE reject_share_notices SET current = 0 WHERE current <> 0")
    }

    /// Records that the inbox holds the bytes `sha256` at `path` over the share: a version not
    /// noted before gets a notice, owed when this ingest read it (`read`), not owed when the bytes
    /// were read before notices were kept (or rose over the share without being read again). The
    /// notice is marked current with the share and path seen now.
    public static func noteOverShare(_ db: StoreWriter, sha256: String, path: String, dataset: String, share: Double,
                                     since: String, runID: String, read: Bool) throws {
        try db.execute("""
            INSERT INTO reject_share_notices (sha256, path, dataset, share, since, run_id, owed, current)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1)
            ON CONFLICT (sha256) DO UPDATE SET path = ?2, dataset = ?3, share = ?4, current = 1
            """, [.text(sha256), .text(path), .text(dataset), .real(share), .text(since), .text(runID), .integer(read ? 1 : 0)])
    }

    /// Forgets the notice of bytes found under the share again (a key configured, a reference
    /// arrived), once its exit 3 was given: should they go over again, that is news again.
    public static func withdrawNotice(_ db: StoreWriter, sha256: String) throws {
        try db.execute("DELETE FROM reject_share_notices WHERE sha256 = ? AND owed = 0", [.text(sha256)])
    }

    /// The versions whose exit 3 no completed run has given yet, by path (bytewise), then SHA-256.
    public static func owedNotices(_ db: StoreReader) throws -> [RejectShareNotice] {
        try fetch(db, RejectShareNotice.self, "WHERE owed = 1 ORDER BY path, sha256")
    }

    /// The versions the last ingest found in the inbox over the share, by path, then SHA-256.
    public static func currentNotices(_ db: StoreReader) throws -> [RejectShareNotice] {
        try fetch(db, RejectShareNotice.self, "WHERE current = 1 ORDER BY path, sha256")
    }

    /// Marks every owed notice given by `runID`, a run that completed; returns them. Call it in
    /// the transaction that records the run's completion.
    @discardableResult
    public static func giveOwedNotices(_ db: StoreWriter, runID: String) throws -> [RejectShareNotice] {
        let owed = try owedNotices(db)
        try db.execute("UPDATE reject_share_notices SET owed = 0, given_by = ? WHERE owed = 1", [.text(runID)])
        return owed
    }
}
