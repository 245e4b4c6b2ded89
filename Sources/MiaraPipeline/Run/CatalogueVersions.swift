import Foundation
import MiaraCatalogue
import MiaraMeasures
import MiaraReport
import MiaraValues

/// The versions `miara --version` prints: the tool, and the catalogues compiled into it.
public enum CatalogueVersions {
    public static func describe() -> String {
        var lines = ["miara \(MiaraVersion.current)"]
        // `--version` describes what it can: a built-in catalogue that does not load shows 0 here, and every run reports its error.
        let measures = (try? MeasureCatalogue.builtIn().definitions.count) ?? 0
        lines.append("built-in catalogues \(CatalogueFiles.builtInFingerprint):")
        lines.append("  measures.yaml: \(measures) measures")
        // As above: a standard that does not load is left out of `--version`; a run reports it.
        if let s = try? Standard.load(path: CatalogueFiles.builtIn("standard.yaml")) {
            lines.append("  standard.yaml: version \(s.version ?? "?"), \(s.criteria.count) criteria")
        }
        let surveys = (CatalogueFiles.list(CatalogueFiles.builtIn("surveys")) ?? []).map { ($0 as NSString).deletingPathExtension }
        lines.append("  surveys: \(surveys.joined(separator: ", "))")
        return lines.joined(separator: "\n")
    }
}
