import Foundation
import MiaraMeasures
import MiaraValues

/// Labels in one language.
struct Labels {
    let lang: Language
    init(_ lang: Language) { self.lang = lang }

    subscript(_ key: Label) -> String {
        guard let t = Label.table[key] else { return key.rawValue }
        return lang == .pl ? t.pl : t.en
    }

    func flag(_ f: MeasureFlag) -> String {
        switch f {
        case .provisional: return self[.flagProvisional]
        case .suppressed: return self[.flagSuppressed]
        case .below_norm: return self[.flagBelowNorm]
        case .below_target: return self[.flagBelowTarget]
        case .below_average: return self[.flagBelowAverage]
        case .no_denominator: return self[.flagNoDenominator]
        case .incomplete: return self[.flagIncomplete]
        }
    }

    func flags(_ fs: Set<MeasureFlag>) -> String { fs.sorted().map(flag).joined(separator: ", ") }

    func grain(_ g: Grain) -> String {
        switch g {
        case .facility: return self[.grainFacility]
        case .provider: return self[.grainProvider]
        case .municipality: return self[.grainMunicipality]
        case .all: return self[.grainAll]
        }
    }

    func direction(_ d: Direction) -> String { d == .higherIsBetter ? self[.dirHigher] : self[.dirLower] }

    func auditResult(_ r: String) -> String { CodeLabels.name(r, lang) ?? r }

    func measureName(_ d: MeasureDefinition?) -> String {
        guard let d else { return "" }
        return lang == .pl ? d.namePL : d.nameEN
    }

    func formula(_ d: MeasureDefinition) -> String { lang == .pl ? d.formulaPL : d.formulaEN }

    /// Facility types in the reader's language (codes of SPEC 2).
    /// (`CodeLabels` names a levelled type with its level, `noclegownia [2]`; reports leave the level out.)
    func facilityType(_ t: String) -> String {
        guard let name = CodeLabels.name(t, lang) else { return t }
        if name.hasSuffix("]"), let open = name.lastIndex(of: "[") { return String(name[..<open]).trimmingCharacters(in: .whitespaces) }
        return name
    }
    /// A measure's unit text (`share`, `days`, …) in the reader's language.
    func unit(_ u: String) -> String { ReportCodeLabels.label(.unit, u, lang) }
    /// A survey dimension code in the reader's language.
    func dimension(_ d: String) -> String { ReportCodeLabels.label(.dimension, d, lang) }
    /// `count` and its noun in the reader's language: `24 miesiące`, `5 miesięcy`.
    func counted(_ count: Int, _ noun: CountedNoun) -> String { noun(count, lang) }

    /// "i 3 inne placówki — zob. arkusz Kompletność": what a short list leaves out and where the rest is.
    func more(_ count: Int, _ noun: CountedNoun, sheet: Label) -> String {
        (count > 0 ? "\(self[.andWord]) \(counted(count, noun)) — " : "") + "\(self[.seeSheet]) \(self[sheet])"
    }

    func legalForm(_ f: String) -> String { CodeLabels.name(f, lang) ?? f }
    func coverage(_ status: String) -> String { ReportCodeLabels.label(.coverage, status, lang) }

    /// A norm or target as text, in the format of the values it is compared with: `≥ 2`,
    /// `≤ 2000`, a share as a percentage (`≥ 25%` for 0.25), `standard: m² per place by type`.
    func norm(_ n: MeasureNorm?, unit: String = "") -> String {
        guard let n else { return "" }
        var parts: [String] = []
        // Text, not a cell: the Polish decimal comma where the reader expects it.
        func num(_ v: Double) -> String {
            let t = unit == "share" ? WorkbookNumberText.plain((v * 100 * 1e6).rounded() / 1e6) + "%" : WorkbookNumberText.plain(v)
            return lang == .pl ? t.replacingOccurrences(of: ".", with: ",") : t
        }
        if let v = n.min { parts.append("≥ " + num(v)) }
        if let v = n.max { parts.append("≤ " + num(v)) }
        if n.standard != nil { parts.append(lang == .pl ? "wg standardu (m² na miejsce wg typu)" : "per the standard (m² per place by type)") }
        return parts.joined(separator: "; ")
    }
}

/// Plain number text for labels (not for cells: cells hold numbers).
enum WorkbookNumberText {
    static func plain(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }
}

extension WorkbookNumberText {
    /// A value as text in the reader's convention, for chart titles: `1 234,56 zł`, `12,3%`
    /// (Polish) or `1,234.56 PLN`, `12.3%` (English). Written by hand: no locale is consulted.
    static func display(_ v: Double, unit: String, lang: Language) -> String {
        var x = v
        var digits = 2
        var suffix = ""
        switch unit {
        case "PLN": suffix = lang == .pl ? " zł" : " PLN"
        case "share": x = v * 100; digits = 1; suffix = "%"
        case "days", "persons": digits = 0
        case "persons per FTE", "m²": digits = 1
        default: break
        }
        let fixed = String(format: "%.\(digits)f", abs(x))
        let parts = fixed.split(separator: ".", omittingEmptySubsequences: false)
        var whole = ""
        for (i, ch) in parts[0].reversed().enumerated() {
            if i > 0, i % 3 == 0 { whole.append(lang == .pl ? " " : ",") }
            whole.append(ch)
        }
        var text = String(whole.reversed())
        if parts.count > 1 { text += (lang == .pl ? "," : ".") + parts[1] }
        let negative = x < 0 && fixed.contains(where: { $0 != "0" && $0 != "." })
        return (negative ? "−" : "") + text + suffix
    }
}
