import Foundation

/// Reads a written XLSX file as a printer would lay it out and lists what would print badly.
/// Written in Python's standard library (zipfile, ElementTree) from the file format alone, not
/// from miara's layout code, so it checks the bytes as written:
/// - a wrapped cell whose row is shorter than its text needs: at least one line per column width
///   of characters (a lower bound: word wrapping needs as many or more) at 11 points a line;
/// - a chart crossing a manual page break, a chart on a row printed on every page (a repeated
///   header over it), or a chart that ends lower than a page reaches from the page's first row
///   (the last manual break above it, else row 1) at the scale Excel fits the columns to the
///   page width with 10 % to spare — then it would cross an automatic break;
/// - with `template`, the print area of a sheet of more than 1,000 rows missing (the 5,000
///   validated rows would print as a hundred blank pages).
/// Prints `PROBLEM <sheet>: …` lines and `CHART <sheet> <title>` for each chart.
enum PrintedLayoutCheck {
    static let script = #"""
import sys, zipfile, re, math
import xml.etree.ElementTree as ET
NS = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
      'r': 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
      'rel': 'http://schemas.openxmlformats.org/package/2006/relationships',
      'xdr': 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
      'a': 'http://schemas.openxmlformats.org/drawingml/2006/main',
      'c': 'http://schemas.openxmlformats.org/drawingml/2006/chart'}
z = zipfile.ZipFile(sys.argv[1])
def xml(p): return ET.fromstring(z.read(p))
def rels(p):
    d, f = p.rsplit('/', 1)
    rp = d + '/_rels/' + f + '.rels'
    if rp not in z.namelist(): return {}
    out = {}
    for r in xml(rp).findall('rel:Relationship', NS):
        t = r.get('Target')
        out[r.get('Id')] = t[1:] if t.startswith('/') else (d + '/' + t)
    return out
def norm(p):
    parts = []
    for s in p.split('/'):
        if s == '..': parts.pop()
        else: parts.append(s)
    return '/'.join(parts)
def colnum(ref):
    n = 0
    for ch in re.match('[A-Z]+', ref).group(0): n = n * 26 + ord(ch) - 64
    return n
wb = xml('xl/workbook.xml')
wbrels = rels('xl/workbook.xml')
titles = {}
for dn in wb.findall('m:definedNames/m:definedName', NS):
    if dn.get('name') == '_xlnm.Print_Titles':
        m = re.search(r'\$(\d+):\$(\d+)', dn.text)
        titles[int(dn.get('localSheetId'))] = (int(m.group(1)) - 1, int(m.group(2)) - 1)
printareas = {int(dn.get('localSheetId')) for dn in wb.findall('m:definedNames/m:definedName', NS) if dn.get('name') == '_xlnm.Print_Area'}
styles = xml('xl/styles.xml')
wrapxf = [x.find('m:alignment', NS) is not None and x.find('m:alignment', NS).get('wrapText') == '1'
          for x in styles.findall('m:cellXfs/m:xf', NS)]
shared = []
if 'xl/sharedStrings.xml' in z.namelist():
    for si in xml('xl/sharedStrings.xml').findall('m:si', NS):
        shared.append(''.join(t.text or '' for t in si.iter('{%s}t' % NS['m'])))
LANDSCAPE_H, PORTRAIT_H = 595.28, 841.89
for i, sh in enumerate(wb.findall('m:sheets/m:sheet', NS)):
    name = sh.get('name')
    if sh.get('state') == 'hidden': continue
    path = norm(wbrels[sh.get('{%s}id' % NS['r'])])
    ws = xml(path)
    widths = {}
    for c in ws.findall('m:cols/m:col', NS):
        for k in range(int(c.get('min')), int(c.get('max')) + 1): widths[k] = float(c.get('width'))
    def width(k): return widths.get(k, 9.140625) - 0.7109375
    fmt = ws.find('m:sheetFormatPr', NS)
    default_h = float(fmt.get('defaultRowHeight', '15')) if fmt is not None else 15.0
    heights = {}
    merged = {}
    for mc in ws.findall('m:mergeCells/m:mergeCell', NS):
        a, b = mc.get('ref').split(':')
        merged[a] = sum(width(k) for k in range(colnum(a), colnum(b) + 1))
    for row in ws.findall('m:sheetData/m:row', NS):
        r = int(row.get('r')) - 1
        h = float(row.get('ht')) if row.get('ht') else default_h
        heights[r] = h
        for c in row.findall('m:c', NS):
            s = int(c.get('s', '0'))
            if s >= len(wrapxf) or not wrapxf[s]: continue
            v = c.find('m:v', NS)
            if c.get('t') == 's' and v is not None: text = shared[int(v.text)]
            elif c.get('t') == 'inlineStr': text = ''.join(t.text or '' for t in c.iter('{%s}t' % NS['m']))
            else: continue
            w = merged.get(c.get('r'), width(colnum(c.get('r'))))
            lines = sum(max(1, math.ceil(len(p) / max(1.0, w))) for p in text.split('\n'))
            if h + 0.01 < lines * 11:
                print('PROBLEM %s: row %d (%s) is %.1f pt, its text needs %d lines: %r' % (name, r + 1, c.get('r'), h, lines, text[:60]))
    last_row = max(heights) if heights else 0
    if len(sys.argv) > 2 and sys.argv[2] == 'template' and last_row > 1000 and i not in printareas:
        print('PROBLEM %s: %d rows and no print area' % (name, last_row + 1))
    ps = ws.find('m:pageSetup', NS)
    landscape = ps is not None and ps.get('orientation') == 'landscape'
    sp = ws.find('m:sheetPr/m:pageSetUpPr', NS)
    one_page = sp is not None and sp.get('fitToPage') == '1' and ps is not None and ps.get('fitToHeight', '1') == '1'
    pm = ws.find('m:pageMargins', NS)
    body_h = (LANDSCAPE_H if landscape else PORTRAIT_H) - 72 * (float(pm.get('top')) + float(pm.get('bottom')))
    body_w = (841.89 if landscape else 595.28) - 72 * (float(pm.get('left')) + float(pm.get('right')))
    ncols = max(list(widths) + [1])
    px = sum(math.floor(width(k) * 7 + 5) for k in range(1, ncols + 1))
    breaks = sorted(int(b.get('id')) for b in ws.findall('m:rowBreaks/m:brk', NS))
    rep = titles.get(i)
    def rows_h(a, b): return sum(heights.get(r, default_h) for r in range(a, b))
    dr = ws.find('m:drawing', NS)
    if dr is None: continue
    dpath = norm(rels(path)[dr.get('{%s}id' % NS['r'])])
    drels = rels(dpath)
    anchors = []
    for an in xml(dpath):
        fr, to = an.find('xdr:from', NS), an.find('xdr:to', NS)
        gf = an.find('.//c:chart', NS)
        if fr is None or to is None or gf is None: continue
        f_row = int(fr.find('xdr:row', NS).text)
        t_row = int(to.find('xdr:row', NS).text) - (1 if to.find('xdr:rowOff', NS).text == '0' else 0)
        right = sum(width(k) * 7 + 5 for k in range(1, int(to.find('xdr:col', NS).text) + 1))
        px = max(px, right)
        chart = xml(norm(drels[gf.get('{%s}id' % NS['r'])]))
        title = ''.join(t.text or '' for t in chart.findall('c:chart/c:title//a:t', NS))
        anchors.append((f_row, t_row, title))
    scale = min(1.0, 1.1 * body_w * 4 / 3 / px) if px else 1.0
    for f_row, t_row, title in anchors:
        print('CHART %s %s' % (name, title))
        if one_page: continue
        if rep and f_row <= rep[1] and t_row >= rep[0]:
            print('PROBLEM %s: chart %r on the rows printed on every page' % (name, title))
        inside = [b for b in breaks if f_row < b <= t_row]
        if inside:
            print('PROBLEM %s: chart %r (rows %d-%d) crosses the page break before row %d' % (name, title, f_row + 1, t_row + 1, inside[0] + 1))
            continue
        start = max([b for b in breaks if b <= f_row] + [0])
        used = rows_h(start, t_row + 1)
        if rep and start > rep[1]: used += rows_h(rep[0], rep[1] + 1)
        if used * scale > body_h:
            print('PROBLEM %s: chart %r ends %.0f pt below its page top (room %.0f pt at scale %.2f)' % (name, title, used * scale, body_h, scale))
"""#

    /// Runs the check on `xlsx`; the lines it printed.
    static func run(_ xlsx: String, template: Bool = false) throws -> [String] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", script, xlsx] + (template ? ["template"] : [])
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let said = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        if p.terminationStatus != 0 { return ["PROBLEM the check failed on \(xlsx): \(said)"] }
        return text.split(separator: "\n").map(String.init)
    }
}
