import Foundation
import MiaraCatalogue
import MiaraReport
import MiaraStore
import MiaraValues

/// The settings every stored measure result depends on (`MeasureResultCache.settings`): the tool
/// (version and executable, as `RunFingerprint` names it), the store's schema, `cost_lag_days`,
/// and the texts of the catalogues (measures and their SQL files, the standard, the survey maps).
/// Any change of them recomputes every result. The as-of date is not among them
/// (`MeasureResultCache`: it reaches a result through the period's clipping).
enum MeasureResultSettings {
    static let format = "miara-measure-results/1"

    static func text(context: RunContext, schemaVersion: Int) -> String {
        let config = context.config
        var lines = [format, "tool \(MiaraVersion.current) \(RunFingerprint.executableIdentity())"]
        lines.append("schema \(schemaVersion)")
        lines.append("cost_lag_days \(context.dates.costLagDays)")
        lines.append("measures \(RunFingerprint.digest(CatalogueFiles.read(config.measures)))")
        for d in context.catalogue.definitions {
            lines.append("sql \(d.code.raw) \(RunFingerprint.digest(d.sqlPath)) \(RunFingerprint.digest(d.sqlText)) \(RunFingerprint.digest(String(describing: d.value)))")
        }
        lines.append("standard \(RunFingerprint.digest(CatalogueFiles.read(config.standard)))")
        for name in (CatalogueFiles.list(config.surveys) ?? []).sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            lines.append("survey \(RunFingerprint.digest(name)) \(RunFingerprint.digest(CatalogueFiles.read(config.surveys + "/" + name)))")
        }
        return lines.joined(separator: "\n")
    }
}
