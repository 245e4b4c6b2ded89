import Foundation
import MiaraMeasures
import MiaraReport
import MiaraStore
import MiaraValues

/// `miara template`: writes a fillable XLSX template of an NGO or MOPS dataset, with the
/// provider's own facility and contract ids as drop-down lists when a provider and a store are given.
public struct TemplateStage {
    public var dataset: String
    /// The provider whose own facility and contract ids are offered (needs a store).
    public var provider: String?
    /// The reporting month filled in beforehand: `YYYY-MM` or `MM.YYYY`.
    public var month: String?
    /// The template file to write.
    public var out: String

    public init(dataset: String, provider: String? = nil, month: String? = nil, out: String) {
        self.dataset = dataset; self.provider = provider; self.month = month; self.out = out
    }

    /// Writes the template of `dataset` to `out`.
    public func run(_ context: RunContext) throws {
        let config = context.config
        guard let spec = Datasets.named(dataset) else {
            throw MiaraError.configuration(file: "--dataset", ConfigText.unknownDataset(dataset, Datasets.all.map(\.name).joined(separator: ", ")))
        }
        var request = TemplateRequest(dataset: spec, language: config.language, asOfYear: context.asOf.year,
                                      standard: context.standard)
        if spec.columns.contains(where: { $0.type == .measure }) {
            request.planMeasures = Self.planMeasures(context.catalogue, language: config.language)
        }
        if let month {
            guard let m = Month(input: month) else { throw MiaraError.configuration(file: "--month", ConfigText.expectedMonth(month)) }
            guard request.monthColumn != nil else {
                throw MiaraError.configuration(file: "--month", ConfigText.noReportingMonth(dataset))
            }
            request.month = m
        }
        if let provider {
            guard let p = ProviderID(provider) else {
                throw MiaraError.configuration(file: "--provider", ConfigText.notProviderID(provider))
            }
            let ids = try context.store(missing: MiaraError.configuration(
                file: "--store", ConfigText.noStoreForProvider(config.store)))
                .ownIDs(provider: p.canonical)
            request.provider = p.canonical
            // A stay's facility must have beds: offer only the provider's bed facilities there.
            let own = ids.facilities.filter { spec.table != "stays" || Codes.bedFacilityTypes.contains($0.type) }
            let facilities = own.map(\.id)
            request.ownIDNames["facility_id"] = Dictionary(own.map { f in
                (f.id, [CodeLabels.name(f.type, config.language) ?? f.type, f.municipality].filter { !$0.isEmpty }.joined(separator: ", "))
            }, uniquingKeysWith: { a, _ in a })
            for c in spec.columns {
                switch c.name {
                case "facility_id" where c.references != nil && !facilities.isEmpty: request.ownIDs["facility_id"] = facilities
                case "contract_id" where c.references != nil && !ids.contracts.isEmpty: request.ownIDs["contract_id"] = ids.contracts
                case "provider_id" where c.type == .providerID: request.ownIDs["provider_id"] = [p.canonical]
                default: continue
                }
            }
        }
        try TemplateWorkbook.write(request, to: out)
    }

    /// The drop-down list of `plans.measure`: the benchmarked measures with their names.
    static func planMeasures(_ catalogue: MeasureCatalogue, language: Language) -> [(code: String, name: String)] {
        catalogue.planMeasures.map { ($0.code.raw, language == .pl ? $0.namePL : $0.nameEN) }
    }
}
