/// The words of the XLSX reader's and writer's errors: part of the one dictionary (`Wording`).
/// A reader's error is the reason tail of a C20 reject (rejects.csv, `validate`, the console), so
/// its English words stay as they were; the file and the cell are the error's location.
public enum XLSXText {
    private static func p(_ pl: String, _ en: String) -> Phrase { Phrase(pl: pl, en: en) }

    // The package (zip archive) and its parts.
    public static func cannotRead(_ path: String, _ why: String) -> Phrase { p("nie można odczytać \(path): \(why)", "cannot read \(path): \(why)") }
    public static let impossibleSize = Phrase(pl: "archiwum deklaruje niemożliwy rozmiar po rozpakowaniu",
                                              en: "archive declares an impossible uncompressed size")
    public static func overLimit(_ total: UInt64, _ limit: UInt64) -> Phrase {
        p("archiwum rozpakowuje się do \(total) bajtów, ponad limit \(limit)", "archive expands to \(total) bytes, over the limit of \(limit)")
    }
    public static func overRatio(_ total: UInt64, _ size: UInt64, _ ratio: Double) -> Phrase {
        p("archiwum rozpakowuje się do \(total) bajtów z \(size) na dysku, ponad dopuszczalną krotność \(ratio)",
          "archive expands to \(total) bytes from \(size) on disk, over the ratio limit of \(ratio)")
    }
    public static func overLimitWhileExtracting(_ limit: UInt64) -> Phrase {
        p("archiwum rozpakowuje się ponad limit \(limit) bajtów", "archive expands beyond the limit of \(limit) bytes")
    }
    public static func partMissing(_ part: String) -> Phrase { p("brak części \(part)", "part \(part) missing") }
    public static func partOverDeclared(_ part: String) -> Phrase {
        p("część \(part) rozpakowuje się ponad zadeklarowany rozmiar", "part \(part) expands beyond its declared size")
    }
    public static func cannotExtract(_ part: String, _ why: String) -> Phrase { p("nie można rozpakować \(part): \(why)", "cannot extract \(part): \(why)") }
    public static func noTemporaryFolder(_ dir: String, _ why: String) -> Phrase {
        p("nie można utworzyć folderu tymczasowego w \(dir) (\(why))", "cannot create a temporary folder in \(dir) (\(why))")
    }
    public static func noTemporaryFile(_ dir: String) -> Phrase {
        p("nie można utworzyć pliku tymczasowego w \(dir)", "cannot create a temporary file in \(dir)")
    }
    public static func cannotWriteCopy(_ part: String, _ why: String, full: Bool = false) -> Phrase {
        full ? p("nie można zapisać kopii tymczasowej \(part) (\(why)); czy folder tymczasowy jest pełny?",
                 "cannot write the temporary copy of \(part) (\(why)); is the temporary folder full?")
            : p("nie można zapisać kopii tymczasowej \(part) (\(why))", "cannot write the temporary copy of \(part) (\(why))")
    }
    public static func cannotOpenCopy(_ part: String) -> Phrase {
        p("nie można otworzyć pliku tymczasowego dla \(part)", "cannot open temporary file for \(part)")
    }

    // The XML of a part.
    public static func malformedXML(_ part: String, line: Int, _ why: String) -> Phrase {
        p("niepoprawny XML w \(part) w wierszu \(line): \(why)", "malformed XML in \(part) at line \(line): \(why)")
    }
    public static let entityDeclaration = Phrase(pl: "deklaracje encji XML są niedozwolone", en: "XML entity declarations are not allowed")
    public static let externalEntity = Phrase(pl: "zewnętrzne encje XML są niedozwolone", en: "XML external entities are not allowed")
    public static func noRoot(_ part: String) -> Phrase {
        p("część \(part) nie ma elementu głównego w pierwszym megabajcie", "part \(part) has no root element in its first megabyte")
    }
    public static func notUTF8(_ part: String) -> Phrase { p("część \(part) nie jest XML-em w UTF-8", "part \(part) is not UTF-8 XML") }
    public static func doctype(_ part: String) -> Phrase {
        p("część \(part) zawiera deklarację DOCTYPE; odrzucono", "part \(part) contains a DOCTYPE declaration; refused")
    }

    // The workbook's structure.
    public static let noWorkbook = Phrase(pl: "brak xl/workbook.xml w archiwum", en: "no xl/workbook.xml in archive")
    public static let noWorksheet = Phrase(pl: "skoroszyt nie ma arkusza", en: "workbook has no worksheet")
    public static let firstSheetWithoutID = Phrase(pl: "pierwszy <sheet> nie ma atrybutu r:id", en: "first <sheet> has no r:id")
    public static func noRelationships(_ part: String) -> Phrase { p("brak \(part) w archiwum", "no \(part) in archive") }
    public static func noRelationship(_ id: String) -> Phrase {
        p("nie znaleziono relacji arkusza \(id)", "worksheet relationship \(id) not found")
    }
    public static func worksheetMissing(_ part: String) -> Phrase { p("brak części arkusza \(part)", "worksheet part \(part) missing") }

    // A worksheet's cells: the cell is the error's location and, as the reason's tail names no
    // location, also in the words.
    public static func badCellReference(_ r: String, row: Int) -> Phrase {
        p("zły adres komórki „\(r)” w wierszu \(row)", "bad cell reference \"\(r)\" in row \(row)")
    }
    public static func badRowNumber(_ r: String) -> Phrase { p("zły numer wiersza „\(r)”", "bad row number \"\(r)\"") }
    public static func badNumber(_ v: String, cell: String) -> Phrase { p("zła liczba „\(v)” w komórce \(cell)", "bad number \"\(v)\" in cell \(cell)") }
    public static func badSharedString(_ v: String, cell: String) -> Phrase {
        p("zły indeks wspólnego tekstu „\(v)” w komórce \(cell)", "bad shared string index \"\(v)\" in cell \(cell)")
    }
    public static func badBoolean(_ v: String, cell: String) -> Phrase {
        p("zła wartość logiczna „\(v)” w komórce \(cell)", "bad boolean \"\(v)\" in cell \(cell)")
    }

    // The writer. Its argument checks guard miara's own code: developers' words, English in both.
    public static let cannotCreateWorkbook = Phrase(pl: "nie można utworzyć skoroszytu", en: "cannot create the workbook")
    public static let cannotWriteWorkbook = Phrase(pl: "nie można zapisać skoroszytu", en: "cannot write the workbook")
    public static func writer(_ en: String) -> Phrase { Phrase(verbatim: en) }
}
