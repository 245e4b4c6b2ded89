import Foundation

/// Counts the data records of every inbox file with code that shares nothing with miara's readers:
/// Python's csv module for CSV, a plain XML walk of the first sheet for XLSX. Used to check
/// `rows read = accepted + rejected` against numbers ingestion did not produce.
public enum IndependentCount {
    /// Data records per file counted by Python's csv module and a plain XML walk of the XLSX sheet:
    /// code that shares nothing with miara's readers.
    static let script = #"""
    import csv, io, json, os, re, sys, zipfile
    import xml.etree.ElementTree as ET
    root = sys.argv[1]; out = {}
    NS = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
    for d, _, names in os.walk(root):
        for n in names:
            path = os.path.join(d, n); rel = os.path.relpath(path, root)
            if n.lower().endswith('.csv'):
                b = open(path, 'rb').read()
                try: t = b.decode('utf-8-sig')
                except UnicodeDecodeError: t = b.decode('cp1250', errors='replace')
                first = t.split('\n', 1)[0]
                delim = ';' if first.count(';') > first.count(',') else ','
                rows = list(csv.reader(io.StringIO(t, newline=''), delimiter=delim, strict=False))
                rows = [r for r in rows if any(f.strip() for f in r)]
                out[rel] = max(len(rows) - 1, 0)
            elif n.lower().endswith('.xlsx'):
                try:
                    sheet = ET.fromstring(zipfile.ZipFile(path).read('xl/worksheets/sheet1.xml'))
                except Exception:
                    out[rel] = 0; continue
                rows = [r for r in sheet.iter(NS + 'row')
                        if any((c.findtext(NS + 'v') or ''.join(t.text or '' for t in c.iter(NS + 't'))).strip() for c in r.iter(NS + 'c'))]
                out[rel] = max(len(rows) - 1, 0)
    print(json.dumps(out))
    """#

    /// Records per file, keyed by the path relative to the inbox (0 for a file that is no archive).
    public static func records(inbox: URL) throws -> [String: Int] {
        let r = try Subprocess.run(URL(fileURLWithPath: "/usr/bin/python3"), ["-c", script, inbox.path])
        guard r.status == 0 else { throw Failure(description: "the independent count failed: " + r.err) }
        let data = r.outData
        return try JSONDecoder().decode([String: Int].self, from: data)
    }

    /// The counting script failed.
    public struct Failure: Error, CustomStringConvertible { public let description: String }
}
