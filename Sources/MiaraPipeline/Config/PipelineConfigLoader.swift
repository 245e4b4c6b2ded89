import Foundation
import MiaraValues

extension PipelineConfig {
    /// The keywords of `periods`, expanded against the as-of date.
    public static let periodKeywords = ["previous_year", "year", "halves", "quarters", "months"]

    /// Reads a pipeline file; paths in it are relative to the file. Unknown keys and bad values
    /// are configuration errors naming the file, line and key.
    public static func load(path: String) throws -> PipelineConfig {
        let y = try YAMLFile(path: path)
        var c = PipelineConfig()
        c.file = path
        // The catalogues default to the built-in ones; the keys standard, surveys and measures replace them.
        for (key, keyNode, v) in try y.mapping(y.root, "pipeline") {
            c.origins[key] = ConfigOrigin(file: path, line: keyNode.mark?.line ?? 0)
            switch key {
            case "inbox": c.inbox = try y.path(v, key)
            case "store": c.store = try y.path(v, key)
            case "outputs": c.outputs = try y.path(v, key)
            case "as_of":
                c.asOfText = try y.string(v, key)
                if c.asOfText.lowercased() != "yesterday" && Day(iso: c.asOfText) == nil {
                    throw y.error(v, key, ConfigText.expectedAsOf(c.asOfText))
                }
                if let d = Day(iso: c.asOfText), d > Day.today {
                    throw y.error(v, key, ConfigText.asOfInFuture(c.asOfText, today: Day.today.iso))
                }
            case "periods":
                let items: [String]
                if case .sequence = v { items = try y.sequence(v, key).map { try y.string($0, key) } } else { items = [try y.string(v, key)] }
                for i in items where !Self.periodKeywords.contains(i.lowercased()) && Period(i) == nil {
                    throw y.error(v, key, ConfigText.notPeriod(Self.periodKeywords.joined(separator: ", "), "\(i)"))
                }
                if items.isEmpty { throw y.error(v, key, ConfigText.emptyPeriodList) }
                c.periods = items
            case "min_cell":
                c.minCell = try y.int(v, key)
                if c.minCell < 1 { throw y.error(v, key, ConfigText.atLeast(1)) }
            case "max_reject_share":
                c.maxRejectShare = try y.double(v, key)
                if !(0...1).contains(c.maxRejectShare) { throw y.error(v, key, ConfigText.between0And1) }
            case "pseudonym_key_file": c.pseudonymKeyFile = try y.path(v, key)
            case "standard": c.standard = try y.path(v, key)
            case "surveys":
                c.surveys = try y.path(v, key)
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: c.surveys, isDirectory: &isDir), isDir.boolValue else {
                    throw y.error(v, key, ConfigText.noFolder(c.surveys))
                }
            case "measures": c.measures = try y.path(v, key)
            case "targets":
                // Any code: the measure catalogue decides which exist (checked where it is loaded).
                for (code, codeNode, bounds) in try y.mapping(v, key) {
                    // Where the code was written: a code the catalogue lacks is named with its line.
                    c.origins["targets.\(code.uppercased())"] = ConfigOrigin(file: path, line: codeNode.mark?.line ?? 0)
                    var t = Target()
                    for (b, bn, bv) in try y.mapping(bounds, "targets.\(code)") {
                        switch b {
                        case "min": t.min = try y.double(bv, "targets.\(code).min")
                        case "max": t.max = try y.double(bv, "targets.\(code).max")
                        default: throw y.error(bn, "targets.\(code).\(b)", pl: "nieznany klucz (min albo max)", en: "unknown key (min or max)")
                        }
                    }
                    if let lo = t.min, let hi = t.max, lo > hi {
                        throw y.error(bounds, "targets.\(code)", ConfigText.minAboveMax("\(lo)", "\(hi)"))
                    }
                    c.targets[code.uppercased()] = t
                }
            case "cost_lag_days":
                c.costLagDays = try y.int(v, key)
                if c.costLagDays < 0 { throw y.error(v, key, ConfigText.costLagNotNegative) }
            case "headline":
                let t = try y.string(v, key)
                guard let h = HeadlineChoice(t) else { throw y.error(v, key, ConfigText.expectedHeadline(t)) }
                c.headline = h
            case "lang":
                guard let l = Language(rawValue: try y.string(v, key)) else { throw y.error(v, key, ConfigText.expectedLang) }
                c.language = l
            case "author": c.author = try y.string(v, key)
            case "keep":
                var r = Retention(nights: 14, monthEnds: 24)
                for (k, kn, kv) in try y.mapping(v, key) {
                    switch k {
                    case "nights": r.nights = try y.int(kv, "keep.nights")
                    case "month_ends": r.monthEnds = try y.int(kv, "keep.month_ends")
                    default: throw y.error(kn, "keep.\(k)", pl: "nieznany klucz (nights albo month_ends)", en: "unknown key (nights or month_ends)")
                    }
                }
                if r.nights < 1 { throw y.error(v, "keep.nights", ConfigText.keepNights) }
                if r.monthEnds < 0 { throw y.error(v, "keep.month_ends", ConfigText.notNegative) }
                c.keep = r
            default:
                throw y.error(keyNode, key, pl: "nieznany klucz", en: "unknown key")
            }
        }
        return c
    }
}
