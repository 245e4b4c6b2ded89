import Foundation
import MiaraValues

/// One municipality's files of a synthetic inbox, one dataset per file of this folder. Every
/// draw comes from one random stream (`rng`, seeded by the municipality's TERYT): `write()` calls
/// the datasets in a fixed order, which is what keeps the inbox of a seed the same.
final class MunicipalityWriter {
    let g: Generation
    let m: Muni
    var rng: RNG
    /// The municipality's CSV dialect.
    let d: Dialect
    /// Its TERYT.
    let t: String
    let xlsxPersons: Bool
    let xlsxFacilities: Bool
    let xlsxCosts: Bool
    /// The MOPS that uses PESELs as person_id.
    let usesPESEL: Bool
    /// With `--corrupt`: where the known bad rows go.
    let injectHere: Bool
    let injectHere2: Bool

    var providers: [Provider] = []
    var fac: [Facility] = []
    /// Open facilities that take stays, by type.
    var byType: [String: [Int]] = [:]
    var soup: [Int] = []
    var dayCentre: [Int] = []
    var bath: [Int] = []
    var street: [Int] = []
    var persons: [PersonRec] = []
    var stays: [StayRec] = []
    /// Persons with an IPWzB (the assistants' staff rows follow it).
    var ipwzbPersons = 0

    init(_ g: Generation, _ m: Muni, _ ms: [Muni]) {
        self.g = g
        self.m = m
        let o = g.o
        rng = RNG(o.seed, "muni-" + m.teryt)
        d = g.dialect(m.index)
        xlsxPersons = m.index == (o.scale == .tiny ? 0 : 3)
        xlsxFacilities = m.index == (o.scale == .tiny ? 1 : 4)
        xlsxCosts = m.index == (o.scale == .tiny ? 1 : 2)
        usesPESEL = m.index == g.peselCity(ms)
        t = m.teryt
        injectHere = o.corrupt && m.index == 0
        injectHere2 = o.corrupt && m.index == 1
    }

    /// The municipality's persons.
    var p: Int { m.persons }

    /// Builds the municipality's world, then writes its files, dataset by dataset.
    func write() throws {
        makeProviders()
        makeFacilities()
        makePersonsAndStays()
        sizeFacilities()
        try writeProviders()
        try writeFacilities()
        try writePersons()
        try writeStays()
        try writeStayCorrections()
        try writeServices()
        try writeBenefits()
        try writeProgrammes()
        try writeStaff()
        try writeContractsAndCosts()
        try writeAudits()
        try g.surveys(m, fac, &rng)
    }

    // The generation's settings and sinks, as the dataset files use them.
    var o: GeneratorOptions { g.o }
    var root: URL { g.root }
    var asOf: Day { g.asOf }
    var years: [Int] { g.years }
    var windowStart: Day { g.windowStart }
    func csv(_ path: String, _ d: Dialect, _ header: [String]) throws -> CSVSink { try g.csv(path, d, header) }
    func finish(_ s: RowSink) throws { try g.finish(s) }
    func header(_ ds: DatasetSpec) -> [String] { g.header(ds) }
    func reject(_ file: String, _ line: Int, _ check: String) { g.reject(file, line, check) }
}
