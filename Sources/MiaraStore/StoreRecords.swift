/// Reading and writing the store as typed records, so no other layer needs its table or column
/// names. Each concern has its own file (`Store+Files.swift`, `Store+Rejects.swift`, …); every
/// record is decoded from its row in one place, beside its column list.
public enum StoreRecords {}
