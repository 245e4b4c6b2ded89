import Foundation

/// Folders of this repository the tests read (found from this file's own path).
public enum Repository {
    /// The repository's root folder.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// `Pipelines/`: the shipped catalogue, standard and questionnaire maps.
    public static let pipelines = root.appendingPathComponent("Pipelines")
}
