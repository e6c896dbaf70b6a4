"""Hostile upload files, written without loading them (shared by tests/ingest and benchmarks/hostile_files.py).

Each writer streams its file, so a "1 GB cell" workbook costs a few MB of memory to make.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
    '<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)


def _package(path: Path, sheet_rows: list[str], dimension: str | None, shared: tuple[int, int] | None) -> Path:
    """Write an .xlsx; ``shared`` = (length of the one shared string made of "a", its position in the sheet)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        head = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{_MAIN}">'
        if dimension:
            head += f'<dimension ref="{dimension}"/>'
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write((head + "<sheetData>").encode())
            for row in sheet_rows:
                sheet.write(row.encode())
            sheet.write(b"</sheetData></worksheet>")
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as strings:
            strings.write(f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}" count="1" uniqueCount="1">'
                          "<si><t>".encode())
            remaining = shared[0] if shared else 1
            block = b"a" * (1 << 20)
            while remaining > 0:
                strings.write(block[: min(remaining, len(block))])
                remaining -= len(block)
            strings.write(b"</t></si></sst>")
    return path


def _text_cell(reference: str, text: str) -> str:
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'


def sparse_column_workbook(path: Path, rows: int = 20_000, dimension: str | None = "A1:XFD20001") -> Path:
    """A workbook bomb: a header, then ``rows`` rows each with a code and one number in column XFD."""
    header = f'<row r="1">{_text_cell("A1", "kode")}{_text_cell("B1", "jumlah")}</row>'
    body = (f'<row r="{row}">{_text_cell(f"A{row}", "2171031003")}<c r="XFD{row}"><v>1</v></c></row>'
            for row in range(2, rows + 2))
    return _package(path, [header, *body], dimension, None)


def huge_cell_workbook(path: Path, cell_chars: int = 1_000_000_000) -> Path:
    """One shared-string cell of ``cell_chars`` letters (1 GB by default) that deflates to about 1 MB."""
    rows = [f'<row r="1">{_text_cell("A1", "kode")}{_text_cell("B1", "jumlah")}{_text_cell("C1", "catatan")}</row>',
            f'<row r="2">{_text_cell("A2", "2171031003")}<c r="B2"><v>3</v></c><c r="C2" t="s"><v>0</v></c></row>']
    return _package(path, rows, "A1:C2", (cell_chars, 0))


def valid_csv(path: Path, megabytes: float, codes: list[str]) -> Path:
    """A valid village-by-month CSV of about ``megabytes`` MB (``;``, Indonesian headers), streamed to disk."""
    target = int(megabytes * (1 << 20))
    written = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write("kode desa;tahun;bulan;jumlah\n")
        row = 0
        while written < target:
            lines = []
            for _ in range(10_000):
                code = codes[row % len(codes)]
                lines.append(f"{code};{2019 + row % 5};{1 + row % 12};{row % 97}\n")
                row += 1
            chunk = "".join(lines)
            out.write(chunk)
            written += len(chunk)
    return path
