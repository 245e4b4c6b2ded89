#!/usr/bin/python3
"""Regenerates the MiaraXLSXTests fixtures.

  /usr/bin/python3 make_openpyxl.py   (Debian python3-openpyxl; run from anywhere)

openpyxl.xlsx  - written by openpyxl, then the two worksheet parts are swapped in the zip so that
                 the part stored first (and named sheet1.xml) is the *second* sheet in workbook
                 order: a reader that assumes sheet1.xml or zip order reads the wrong sheet.
handmade.xlsx  - crafted by hand with zipfile: inline strings, rich text, phonetic runs (<rPh>),
                 custom number formats (date and non-date), rows/cells without r, t="b"/"e"/"str",
                 relative relationship targets.
"""
import datetime
import os
import zipfile

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))


def make_openpyxl(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Dane"
    ws.append(["Nazwa", "TERYT", "Kwota", "Liczba", "Data", "Aktywny"])
    ws.append(["ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "0201011", 1234.5, 42, datetime.date(2024, 3, 15), True])
    # row 3 left empty
    ws["A4"] = "Luka"            # B4 empty: a gap
    ws["C4"] = "po luce"
    ws["F4"] = False
    ws["G4"] = -7
    ws["A5"] = datetime.date(2024, 1, 2)
    ws["A5"].number_format = "mm-dd-yy"      # built-in format 14
    ws["B5"] = 0.25
    ws["B5"].number_format = "0.00%"         # not a date
    other = wb.create_sheet("Inne")
    other["A1"] = "ZŁY ARKUSZ"
    tmp = path + ".tmp"
    wb.save(tmp)

    # Swap the two worksheet parts: sheet1.xml becomes "Inne", sheet2.xml becomes "Dane",
    # and store sheet1.xml ("Inne") first in the zip.
    with zipfile.ZipFile(tmp) as src:
        names = src.namelist()
        data = {n: src.read(n) for n in names}
    s1, s2 = "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"
    data[s1], data[s2] = data[s2], data[s1]
    rels = "xl/_rels/workbook.xml.rels"
    r = data[rels].decode()
    r = r.replace("sheet1.xml", "@@").replace("sheet2.xml", "sheet1.xml").replace("@@", "sheet2.xml")
    data[rels] = r.encode()
    order = [s1] + [n for n in names if n != s1]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for n in order:
            info = zipfile.ZipInfo(n, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, data[n])
    os.remove(tmp)

    check = openpyxl.load_workbook(path)
    assert check.sheetnames == ["Dane", "Inne"], check.sheetnames
    assert check["Dane"]["B2"].value == "0201011"


CT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/data.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>"""

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""

WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Arkusz" sheetId="2" r:id="rId7"/><sheet name="Zly" sheetId="1" r:id="rId1"/></sheets>
</workbook>"""

WB_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="./worksheets/data.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""

SST = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">
<si><r><rPr><b/></rPr><t>Zaż</t></r><r><t xml:space="preserve">ółć </t></r><rPh sb="0" eb="1"><t>フリガナ</t></rPh><phoneticPr fontId="1"/></si>
<si><t>plain &amp; simple</t></si>
<si><t></t></si>
</sst>"""

STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="4">
<numFmt numFmtId="164" formatCode="[$-415]dd\\.mm\\.yyyy;@"/>
<numFmt numFmtId="165" formatCode="#,##0.00&quot; dni&quot;"/>
<numFmt numFmtId="166" formatCode="[h]:mm"/>
<numFmt numFmtId="167" formatCode="[Red]0.0"/>
</numFmts>
<cellStyleXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellStyleXfs>
<cellXfs count="6">
<xf numFmtId="0" xfId="0"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" xfId="0"/>
<xf numFmtId="166" xfId="0"/><xf numFmtId="14" xfId="0"/><xf numFmtId="167" xfId="0"/>
</cellXfs>
</styleSheet>"""

DATA = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>inline</t></is></c><c r="C2" t="inlineStr"><is><r><t xml:space="preserve">rich </t></r><r><t>text</t></r><rPh sb="0" eb="1"><t>x</t></rPh></is></c></row>
<row r="3"><c r="A3" s="1"><v>45366</v></c><c r="B3" s="2"><v>12.5</v></c><c r="C3" s="3"><v>0.5</v></c><c r="D3" s="4"><v>45000</v></c><c r="E3" s="5"><v>-3</v></c></row>
<row><c t="b"><v>1</v></c><c t="e"><v>#DIV/0!</v></c><c t="str"><f>A1&amp;"x"</f><v>Zażx</v></c><c r="AB4"><v>7</v></c><c><v>8</v></c></row>
<row r="5"><c r="A5" s="1"/><c r="B5" t="inlineStr"><is><t></t></is></c></row>
<row r="7"><c r="B7" t="inlineStr"><is><t>&lt;tag&gt; &amp; "q"</t></is></c><c r="C7" t="b"><v>0</v></c></row>
</sheetData></worksheet>"""

WRONG = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>WRONG SHEET</t></is></c></row>
</sheetData></worksheet>"""


def make_handmade(path):
    parts = [
        ("xl/worksheets/sheet1.xml", WRONG),
        ("[Content_Types].xml", CT),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WB_RELS),
        ("xl/sharedStrings.xml", SST),
        ("xl/styles.xml", STYLES),
        ("xl/worksheets/data.xml", DATA),
    ]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))


if __name__ == "__main__":
    make_openpyxl(os.path.join(HERE, "openpyxl.xlsx"))
    make_handmade(os.path.join(HERE, "handmade.xlsx"))
    print("ok")
