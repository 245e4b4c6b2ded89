import Foundation
import MiaraValues

/// A file found in the inbox: its path relative to the inbox and the dataset its folder names.
public struct InboxFile: Sendable, Equatable {
    /// Relative to the inbox, `/`-separated, e.g. `ngo/stays/2024-h1.csv`.
    public let path: String
    public let url: URL
    /// `ngo/stays`, `surveys/uzytkownicy-2024`, …
    public let dataset: String

    public init(path: String, url: URL, dataset: String) { self.path = path; self.url = url; self.dataset = dataset }

    public var isSurvey: Bool { dataset.hasPrefix("surveys/") }
    public var spec: DatasetSpec? { Datasets.named(dataset) }
}

/// Discovery of the inbox layout of SPEC 1.1.
public enum Inbox {
    /// Every `*.csv` and `*.xlsx` below a dataset folder, in the order of the UTF-8 bytes of the
    /// relative path; `ignored` lists data files outside the known folders.
    public static func discover(_ root: URL) throws -> (files: [InboxFile], ignored: [String]) {
        let fm = FileManager.default
        var files: [InboxFile] = []
        var ignored: [String] = []
        guard let e = fm.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey], options: []) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: root.path])
        }
        let rootPath = root.standardizedFileURL.resolvingSymlinksInPath().path
        for case let url as URL in e {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let ext = url.pathExtension.lowercased()
            guard ext == "csv" || ext == "xlsx" else { continue }
            let full = url.standardizedFileURL.resolvingSymlinksInPath().path
            guard full.hasPrefix(rootPath + "/") else { continue }
            let rel = String(full.dropFirst(rootPath.count + 1))
            let parts = rel.split(separator: "/").map(String.init)
            if let ds = dataset(of: parts) {
                files.append(InboxFile(path: rel, url: url, dataset: ds))
            } else {
                ignored.append(rel)
            }
        }
        files.sort { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
        ignored.sort { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        return (files, ignored)
    }

    /// The dataset of a relative path: `mops/<ds>/…` or `ngo/<ds>/…` for a known dataset, or
    /// `surveys/<name>/…`.
    static func dataset(of parts: [String]) -> String? {
        guard parts.count >= 3 else { return nil }
        if parts[0] == "surveys" { return "surveys/" + parts[1] }
        let ds = parts[0] + "/" + parts[1]
        return Datasets.named(ds) != nil ? ds : nil
    }
}
