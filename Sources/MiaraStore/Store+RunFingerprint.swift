import Foundation
import MiaraValues

/// The store's records for reusing a run: each published run's fingerprint (the `fingerprint`
/// column of `runs`) and the inputs a fingerprint describes (the `files` table).
public enum RunFingerprints {
    /// The last run that published a run folder (status `done`, with a manifest): its id, as-of,
    /// fingerprint (nil for a run recorded without one) and the SHA-256 of its manifest.
    public struct Published: Sendable, Equatable {
        public var runID: String
        public var asOf: String
        public var fingerprint: String?
        public var manifestSHA256: String?
    }

    /// Records the fingerprint of a run.
    public static func record(_ db: StoreWriter, runID: String, fingerprint: String) throws {
        try db.execute("UPDATE runs SET fingerprint = ? WHERE run_id = ?", [.text(fingerprint), .text(runID)])
    }

    /// The newest published run other than `excluding` (the run asking), if any.
    public static func lastPublished(_ db: StoreReader, excluding runID: String) throws -> Published? {
        guard let r = try db.query("""
            SELECT run_id, as_of, fingerprint, manifest_sha256 FROM runs
            WHERE status = 'done' AND manifest IS NOT NULL AND run_id <> ?
            ORDER BY id DESC LIMIT 1
            """, [.text(runID)]).first else { return nil }
        return Published(runID: r[0].text ?? "", asOf: r[1].text ?? "", fingerprint: r[2].text, manifestSHA256: r[3].text)
    }

    /// One line per input file of the store: path (relative to the inbox), SHA-256, dataset, rows
    /// read, accepted and rejected, and the file-level check, tab-separated, sorted. Which run
    /// ingested a file is left out: a file rejected whole for want of a questionnaire map is
    /// tried again every night, and its outputs do not change while the maps do not.
    public static func inputLines(_ db: StoreReader) throws -> [String] {
        var out: [String] = []
        try db.forEach("SELECT path, sha256, dataset, rows_read, rows_accepted, rows_rejected, coalesce(file_check, '') FROM files") { st in
            out.append("\(st.string(0) ?? "")\t\(st.string(1) ?? "")\t\(st.string(2) ?? "")\t\(st.int(3))\t\(st.int(4))\t\(st.int(5))\t\(st.string(6) ?? "")")
        }
        return out.sortedBytewise()
    }
}
