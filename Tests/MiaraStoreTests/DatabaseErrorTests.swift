import Foundation
@testable import MiaraStore
import MiaraValues
import XCTest

/// A failed SQLite call throws the one error shape (`MiaraError`, code `.database`) with the
/// SQLite result (`DatabaseError`: result code, SQLite's message, the SQL) as its cause and the
/// values bound to the statement kept in `arguments` — never in any text: they may hold pseudonyms.
final class DatabaseErrorTests: XCTestCase {
    /// A value no text of an error may hold (a pseudonym as a staging row binds it).
    static let pseudonym = "Pfake0pseudonym0bound"

    func failingInsert(_ db: SQLiteDatabase) throws -> MiaraError {
        try db.execute("CREATE TABLE people (person_id TEXT PRIMARY KEY, note TEXT)")
        try db.execute("INSERT INTO people VALUES (?, ?)", [.text(Self.pseudonym), .text("first")])
        do {
            try db.execute("INSERT INTO people VALUES (?, ?)", [.text(Self.pseudonym), .integer(7)])
        } catch let e as MiaraError {
            return e
        }
        XCTFail("the second insert of one key must fail")
        throw CancellationError()
    }

    func testAFailedStatementKeepsItsBoundValuesAndNoTextShowsThem() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("miara-dberror-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("store.sqlite").path
        let e = try failingInsert(try SQLiteDatabase(path: path))

        // The shape: code, the database file as location, SQLite's result as cause.
        XCTAssertEqual(e.code, .database)
        XCTAssertEqual(e.exitStatus, 1)
        XCTAssertEqual(e.location.file, path)
        let result = try XCTUnwrap(e.database, "the cause is the SQLite result")
        XCTAssertEqual(result.code, 19, "SQLITE_CONSTRAINT")
        XCTAssertTrue(result.message.contains("UNIQUE constraint failed: people.person_id"), result.message)
        XCTAssertEqual(result.sql, "INSERT INTO people VALUES (?, ?)")
        // Kept (for a debugger), in the order bound.
        XCTAssertEqual(e.arguments, [Self.pseudonym, "7"])

        // Never printed: every text of the error, in both languages, by every route Swift has.
        var dumped = ""
        dump(e, to: &dumped)
        let texts = ["description": e.description, "debugDescription": e.debugDescription, "text(pl)": e.text(.pl),
                     "text(en)": e.text(.en), "tree(pl)": e.tree(.pl), "tree(en)": e.tree(.en), "interpolated": "\(e)",
                     "reflecting": String(reflecting: e), "dump": dumped, "cause": "\(result)",
                     "localizedDescription": (e as Error).localizedDescription]
        for (route, text) in texts {
            XCTAssertFalse(text.contains(Self.pseudonym), "\(route) shows a bound value: \(text)")
        }
        // What is printed names the file, the failure and the SQL.
        XCTAssertEqual(e.text(.en), "\(path): an SQL statement failed: SQLite error 19: UNIQUE constraint failed: people.person_id"
                       + " — in: INSERT INTO people VALUES (?, ?)")
        XCTAssertTrue(e.text(.pl).hasPrefix("\(path): polecenie SQL nie powiodło się: SQLite error 19"), e.text(.pl))
    }

    func testAStatementPreparedAndBoundOnceKeepsItsLastValues() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        try db.execute("CREATE TABLE t (x INTEGER CHECK (x < 10))")
        let st = try db.prepare("INSERT INTO t VALUES (?)")
        try st.bind([.integer(3)])
        try st.run()
        try st.bind([.integer(12)])
        XCTAssertThrowsError(try st.run()) { error in
            let e = error as? MiaraError
            XCTAssertEqual(e?.code, .database, "\(error)")
            XCTAssertEqual(e?.database?.code, 19, "SQLITE_CONSTRAINT")
            XCTAssertEqual(e?.arguments, ["12"])
            XCTAssertEqual(e?.location.file, "", "a database in memory has no file to name")
        }
    }
}
