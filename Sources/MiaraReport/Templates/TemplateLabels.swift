import MiaraValues

/// The template's own words (sheet names, headings, notes, short messages), Polish and English.
enum TemplateText: CaseIterable {
    case sheetInstructions, sheetLists, title, fillIn, headersStay, sendTo, checkFirst, monthNote, ownIDsNote
    case colColumn, colPolish, colRequired, colFormat, colMeaning, colCodes, colExample, exampleRow
    case required, optional, requiredTag, optionalTag, pickFromList, pickOwnID, errorTitle, wrongValue
    case fmtText, fmtDate, fmtMonth, fmtWhole, fmtDecimal, fmtCode, fmtFlag, textLength, notOwnID, alsoAccepted
    case seeInstructions, forExample, printNote, printMore, page, listBelow

    func callAsFunction(_ lang: Language) -> String {
        let t = Self.table[self]!
        return lang == .pl ? t.0 : t.1
    }

    private static let table: [TemplateText: (String, String)] = [
        .sheetInstructions: ("Instrukcja", "Instructions"),
        .sheetLists: ("Listy", "Lists"),
        .title: ("Wzór pliku", "Template"),
        .fillIn: ("Wpisz dane w pierwszym arkuszu od wiersza 2, jeden wiersz na rekord; puste wiersze są pomijane.",
                  "Type the data into the first sheet from row 2, one row per record; empty rows are skipped."),
        .headersStay: ("Nie zmieniaj nagłówków: to angielskie nazwy kolumn, po których miara rozpoznaje dane.",
                       "Do not change the header row: miara recognises the columns by these English names."),
        .sendTo: ("Zapisz plik jako .xlsx i umieść go w folderze skrzynki", "Save the file as .xlsx and put it into the inbox folder"),
        .checkFirst: ("Przed wysłaniem sprawdź plik:", "Before sending, check the file:"),
        .monthNote: ("Miesiąc sprawozdawczy jest wpisany z góry: pojawia się w wierszu, gdy wypełnisz inne kolumny.",
                     "The reporting month is filled in beforehand: it appears in a row once the other columns are filled."),
        .ownIDsNote: ("Listy identyfikatorów pochodzą z danych podmiotu", "The id lists come from the data of provider"),
        .colColumn: ("Kolumna", "Column"),
        .colPolish: ("Nazwa", "Name"),
        .colRequired: ("Wymagana", "Required"),
        .colFormat: ("Format", "Format"),
        .colMeaning: ("Znaczenie", "Meaning"),
        .colCodes: ("Dozwolone wartości", "Allowed values"),
        .colExample: ("Przykład", "Example"),
        .exampleRow: ("Przykładowy wiersz (z góry na dół)", "Example row (top to bottom)"),
        .printNote: ("Wydruk arkusza danych obejmuje wiersze 1–", "The data sheet prints rows 1–"),
        .printMore: ("Po wpisaniu większej liczby wierszy zmień obszar wydruku (Układ strony → Obszar wydruku).",
                     "With more rows filled in, set the print area again (Page Layout → Print Area)."),
        .page: ("Strona", "Page"),
        .listBelow: ("lista pod tabelą", "listed below the table"),
        .required: ("wymagana", "required"),
        .optional: ("nieobowiązkowa", "optional"),
        .requiredTag: ("Wymagane.", "Required."),
        .optionalTag: ("Nieobowiązkowe.", "Optional."),
        .pickFromList: ("Wybierz z listy.", "Pick from the list."),
        .pickOwnID: ("Wybierz z listy swoich identyfikatorów.", "Pick one of your own ids."),
        .errorTitle: ("Niedozwolona wartość", "Value not allowed"),
        .wrongValue: ("Ta wartość nie jest dozwolona.", "This value is not allowed."),
        .fmtText: ("tekst", "text"),
        .fmtDate: ("data RRRR-MM-DD", "date YYYY-MM-DD"),
        .fmtMonth: ("miesiąc RRRR-MM", "month YYYY-MM"),
        .fmtWhole: ("liczba całkowita", "whole number"),
        .fmtDecimal: ("liczba", "number"),
        .fmtCode: ("kod z listy", "code from the list"),
        .fmtFlag: ("tak/nie", "yes/no"),
        .textLength: ("Długość tekstu", "Text length"),
        .notOwnID: ("Tego identyfikatora nie ma wśród danych podmiotu. Jeśli to nowa placówka lub umowa, zgłoś ją najpierw.",
                    "This id is not among the provider's data. If it is a new facility or contract, report it first."),
        .alsoAccepted: ("przyjmowane też", "also accepted"),
        .seeInstructions: ("Kody i ich nazwy: arkusz Instrukcja.", "Codes and their names: the Instructions sheet."),
        .forExample: ("np.", "e.g."),
    ]
}
