import Foundation
import MiaraValues

/// A file found in the inbox: its path relative to the inbox and the dataset its folder names.
public struct InboxFile: Sendable, Equatable {
    /// Relative to the inbox, `/`-separated, e.g. `ngo/stays/2024-h1.csv`, with the personal-data
    /// rule applied (a PESEL in a file or folder name is `[PESEL]`): the path every output shows.
    public let path: String
    /// Where the bytes are read from.
    public let url: URL
    /// `ngo/stays`, `surveys/uzytkownicy-2024`, …
    public let dataset: String

    /// `path` is masked here, so no caller can write an unmasked inbox path.
    public init(path: String, url: URL, dataset: String) {
        self.path = PersonalData.masked(path); self.url = url; self.dataset = PersonalData.masked(dataset)
    }

    public var isSurvey: Bool { dataset.hasPrefix("surveys/") }
    public var spec: DatasetSpec? { Datasets.named(dataset) }
}

/// What a walk of the inbox found: the files to read, data files outside the known folders, and
/// entries that cannot be read safely (each a warning naming the entry).
public struct InboxListing: Sendable {
    public var files: [InboxFile]
    /// Relative paths (masked) of `.csv`/`.xlsx` files outside the dataset folders.
    public var ignored: [String]
    /// `path: why` for FIFOs, devices, names that are not UTF-8, symlinks leading out of the inbox
    /// or out of their dataset folder or followed a second time, unreadable folders.
    public var unsafe: [String]
}

/// Discovery of the inbox layout of SPEC 1.1.
///
/// The walk uses `lstat`, so it never opens a FIFO or a device. A symbolic link inside the inbox is
/// followed once when its target lies inside the same dataset folder (a link met below a followed
/// link is not followed again, so loops end); a link out of its dataset folder or out of the inbox
/// is not followed. Every entry not read is a visible warning, never a silent skip.
public enum Inbox {
    /// Every `*.csv` and `*.xlsx` below a dataset folder, in the order of the UTF-8 bytes of the
    /// relative path; `ignored` lists data files outside the known folders.
    public static func discover(_ root: URL) throws -> (files: [InboxFile], ignored: [String]) {
        let l = try list(root)
        return (l.files, l.ignored + l.unsafe)
    }

    /// The inbox walk with its warnings. Throws when the inbox is not a readable folder.
    public static func list(_ root: URL) throws -> InboxListing {
        guard let real = realpath(root.path, nil) else {
            throw MiaraError.configuration(ConfigText.noInbox(root.path))
        }
        let rootPath = String(cString: real)
        free(real)
        var st = stat()
        guard stat(rootPath, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else {
            throw MiaraError.configuration(ConfigText.inboxNotFolder(root.path))
        }
        var found: [(rel: [UInt8], url: URL, dataset: String?)] = []
        var unsafe: [String] = []
        walk(dir: rootPath, rel: [], root: rootPath, viaLink: false, found: &found, unsafe: &unsafe)
        found.sort { $0.rel.lexicographicallyPrecedes($1.rel) }
        var files: [InboxFile] = []
        var ignored: [String] = []
        for f in found {
            let rel = String(decoding: f.rel, as: UTF8.self)
            if let ds = f.dataset { files.append(InboxFile(path: rel, url: f.url, dataset: ds)) }
            else { ignored.append(PersonalData.masked(rel)) }
        }
        return InboxListing(files: files, ignored: ignored, unsafe: unsafe.sortedBytewise())
    }

    private static func walk(dir: String, rel: [String], root: String, viaLink: Bool,
                             found: inout [(rel: [UInt8], url: URL, dataset: String?)], unsafe: inout [String]) {
        func shown(_ name: String) -> String { PersonalData.masked((rel + [name]).joined(separator: "/")) }
        guard let d = opendir(dir) else {
            unsafe.append("\(PersonalData.masked(rel.joined(separator: "/"))): the folder cannot be read (\(String(cString: strerror(errno)))), not read")
            return
        }
        defer { closedir(d) }
        var names: [[UInt8]] = []
        while let e = readdir(d) {
            let bytes = withUnsafeBytes(of: e.pointee.d_name) { raw -> [UInt8] in Array(raw.prefix { $0 != 0 }) }
            if bytes == [46] || bytes == [46, 46] { continue }
            names.append(bytes)
        }
        names.sort { $0.lexicographicallyPrecedes($1) }
        for bytes in names {
            guard let name = String(validating: bytes, as: UTF8.self) else {
                let lossy = String(decoding: bytes, as: UTF8.self)
                unsafe.append("\(shown(lossy)): the file name is not valid UTF-8, not read (rename it)")
                continue
            }
            let full = dir + "/" + name
            var st = stat()
            guard lstat(full, &st) == 0 else { continue }
            var kind = st.st_mode & S_IFMT
            var target = full
            if kind == S_IFLNK {
                guard !viaLink else {
                    unsafe.append("\(shown(name)): a symbolic link inside a linked folder, not followed")
                    continue
                }
                guard let r = realpath(full, nil) else {
                    unsafe.append("\(shown(name)): a symbolic link to nothing, not read"); continue
                }
                target = String(cString: r)
                free(r)
                guard target.hasPrefix(root + "/") else {
                    unsafe.append("\(shown(name)): a symbolic link leading outside the inbox, not followed"); continue
                }
                // Followed only within its own dataset folder: a link from `ngo/audits` to
                // `ngo/stays` would read the stays files as audits (and, being the same bytes, skip
                // the real ones as copies).
                let targetParts = target.dropFirst(root.count + 1).split(separator: "/").map(String.init)
                guard let folder = datasetFolder(of: rel + [name]), targetParts.starts(with: folder) else {
                    let from = datasetFolder(of: rel + [name]).map { " (\($0.joined(separator: "/")))" } ?? ""
                    unsafe.append("\(shown(name)): a symbolic link leading out of its dataset folder\(from), not followed")
                    continue
                }
                guard stat(target, &st) == 0 else { continue }
                kind = st.st_mode & S_IFMT
            }
            if kind == S_IFDIR {
                walk(dir: target, rel: rel + [name], root: root, viaLink: viaLink || target != full, found: &found, unsafe: &unsafe)
                continue
            }
            let ext = (name as NSString).pathExtension.lowercased()
            guard ext == "csv" || ext == "xlsx" else { continue }
            guard kind == S_IFREG else {
                unsafe.append("\(shown(name)): not a regular file (a FIFO, socket or device), not read")
                continue
            }
            let parts = rel + [name]
            found.append((Array(parts.joined(separator: "/").utf8), URL(fileURLWithPath: target), dataset(of: parts)))
        }
    }

    /// The dataset folder an entry at `parts` lies in or is (`["ngo", "stays"]` for
    /// `ngo/stays/2024/a.csv` and for `ngo/stays` itself), nil outside the dataset folders.
    static func datasetFolder(of parts: [String]) -> [String]? {
        guard parts.count >= 2 else { return nil }
        if parts[0] == "surveys" || Datasets.named(parts[0] + "/" + parts[1]) != nil { return Array(parts.prefix(2)) }
        return nil
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

