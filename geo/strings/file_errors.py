"""Why an uploaded file is rejected as a whole (:class:`geo.errors.InputFileError`).

The English texts are exactly the messages the CLI prints (``str(error)``), so keep them in
step with geo/ingest/_reading.py, geo/ingest/columns.py and geo/ingest/pipeline.py (tests/ingest/test_file_errors.py
checks this). The Data page shows them in its language with :func:`geo.errors.message_in`.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # Reading the file (geo/ingest/_reading.py).
    "file_error.not_found": {
        "id": "{name}: file tidak ditemukan ({path}).",
        "en": "{name}: file not found ({path}).",
    },
    "file_error.too_large": {
        "id": "{name} berukuran {size} MB; batas unggahan {limit} MB. "
              "Pecah file-nya (misalnya satu file per provinsi atau tahun) atau naikkan RISKMAP_MAX_UPLOAD_MB.",
        "en": "{name} is {size} MB; the upload limit is {limit} MB. "
              "Split the file (for example one file per province or year) or raise RISKMAP_MAX_UPLOAD_MB.",
    },
    "file_error.empty": {
        "id": "{name} kosong.",
        "en": "{name} is empty.",
    },
    "file_error.not_excel": {
        "id": "{name} berekstensi {suffix} tetapi bukan workbook Excel; simpan ulang dari Excel "
              "atau ekspor sebagai CSV.",
        "en": "{name} has the extension {suffix} but is not an Excel workbook; save it again from Excel "
              "or export it as CSV.",
    },
    "file_error.not_csv_or_excel": {
        "id": "{name} bukan file teks (CSV) atau Excel.",
        "en": "{name} is not a text (CSV) or Excel file.",
    },
    "file_error.no_header_columns": {
        "id": "{name}: baris judul (header) tidak ditemukan; baris pertama harus berisi nama kolom.",
        "en": "{name}: no header row found; the first row must name the columns.",
    },
    "file_error.no_header": {
        "id": "{name}: baris judul (header) tidak ditemukan.",
        "en": "{name}: no header row found.",
    },
    "file_error.row_too_wide": {
        "id": "{name}: baris {row} berisi lebih banyak kolom daripada header (pemisah {delimiter}). "
              "Beri tanda kutip pada nilai yang memuat pemisah, atau perbaiki baris itu.",
        "en": "{name}: row {row} has more fields than the header (delimiter {delimiter}). "
              "Quote values that contain the delimiter, or fix that row.",
    },
    "file_error.a_row_too_wide": {
        "id": "{name}: ada baris yang berisi lebih banyak kolom daripada header (pemisah {delimiter}). "
              "Beri tanda kutip pada nilai yang memuat pemisah, atau perbaiki baris itu.",
        "en": "{name}: a row has more fields than the header (delimiter {delimiter}). "
              "Quote values that contain the delimiter, or fix that row.",
    },
    "file_error.rows_too_wide": {
        "id": "{name}: baris {rows} berisi lebih banyak kolom daripada header (pemisah {delimiter}). "
              "Beri tanda kutip pada nilai yang memuat pemisah, atau perbaiki baris-baris itu.",
        "en": "{name}: row {rows} has more fields than the header (delimiter {delimiter}). "
              "Quote values that contain the delimiter, or fix those rows.",
    },
    "file_error.workbook_unreadable": {
        "id": "{name}: workbook tidak dapat dibuka ({error}). Simpan ulang dari Excel.",
        "en": "{name}: cannot open the workbook ({error}). Save it again from Excel.",
    },
    "file_error.workbook_row_unreadable": {
        "id": "{name}: baris {row} pada lembar tidak dapat dibaca ({error}). Simpan ulang workbook dari Excel, "
              "atau simpan lembar itu sebagai CSV.",
        "en": "{name}: row {row} of the sheet cannot be read ({error}). Save the workbook again from Excel, or "
              "save the sheet as CSV.",
    },
    # Bounds checked before a file is loaded (geo/ingest/_reading.py).
    "file_error.cell_too_long": {
        "id": "{name}: baris {row}, kolom {column!r} berisi lebih dari {limit} karakter. "
              "Satu sel berisi satu nilai; hapus teks panjang itu atau pecah ke beberapa kolom.",
        "en": "{name}: row {row}, column {column!r} holds more than {limit} characters. "
              "A cell holds one value; remove the long text or split it into columns.",
    },
    "file_error.too_many_columns": {
        "id": "{name} memiliki {columns} kolom; paling banyak {limit} kolom dibaca. "
              "Hapus kolom yang tidak diperlukan (atau nilai nyasar jauh di kanan) lalu unggah lagi.",
        "en": "{name} has {columns} columns; at most {limit} are read. "
              "Delete the columns that are not needed (or stray values far to the right) and upload it again.",
    },
    "file_error.sheet_too_large": {
        "id": "{name}: sheet memiliki {rows} baris atau {cells} sel; paling banyak {row_limit} baris dan "
              "{cell_limit} sel dibaca dari workbook. Simpan datanya sebagai CSV atau pecah.",
        "en": "{name}: the sheet has {rows} rows or {cells} cells; at most {row_limit} rows and "
              "{cell_limit} cells are read from a workbook. Save the data as CSV or split it.",
    },
    "file_error.xlsx_ratio": {
        "id": "{name}: bagian {part} membesar {ratio} kali saat dibuka (batas {limit}), seperti bom workbook. "
              "Salin datanya ke workbook baru atau simpan sebagai CSV.",
        "en": "{name}: the part {part} unpacks {ratio} times larger than it is stored (limit {limit}), as a "
              "workbook bomb does. Copy the data into a new workbook or save it as CSV.",
    },
    "file_error.xlsx_unpacked": {
        "id": "{name} membesar menjadi {size} MB saat dibuka; paling banyak {limit} MB dibaca. "
              "Simpan datanya sebagai CSV (hanya batas unggahan yang berlaku) atau pecah workbook-nya.",
        "en": "{name} unpacks to {size} MB; at most {limit} MB are read. "
              "Save the data as CSV (no size limit but the upload limit) or split the workbook.",
    },
    "file_error.nul_byte": {
        "id": "{name}: baris {row} berisi byte NUL (data biner), jadi file rusak atau bukan file CSV. "
              "Buka di spreadsheet lalu simpan ulang sebagai 'CSV UTF-8'.",
        "en": "{name}: row {row} holds a NUL byte (binary data), so the file is damaged or not a CSV file. "
              "Open it in a spreadsheet and save it again as 'CSV UTF-8'.",
    },
    "file_error.bad_encoding": {
        "id": "{name}: teksnya tidak dapat dibaca (encoding). Simpan sebagai 'CSV UTF-8' lalu unggah lagi.",
        "en": "{name}: the text cannot be decoded. Save it as 'CSV UTF-8' and upload it again.",
    },
    "file_error.no_sheets": {
        "id": "{name}: workbook tidak memiliki lembar (sheet).",
        "en": "{name}: the workbook has no sheets.",
    },
    "file_error.no_sheet_number": {
        "id": "{name}: tidak ada lembar nomor {position}; lembar yang ada: {sheets}.",
        "en": "{name}: there is no sheet number {position}; sheets: {sheets}.",
    },
    "file_error.no_sheet": {
        "id": "{name}: tidak ada lembar {sheet!r}; lembar yang ada: {sheets}.",
        "en": "{name}: there is no sheet {sheet!r}; sheets: {sheets}.",
    },
    "file_error.sheet_empty": {
        "id": "{name}: lembar {sheet!r} kosong.",
        "en": "{name}: sheet {sheet!r} is empty.",
    },
    # Column mapping and number format (geo/ingest/columns.py).
    "file_error.unknown_field": {
        "id": "Arti {field!r} tidak dikenal dalam pemetaan kolom. Gunakan salah satu dari: {fields}, atau 'ignore'.",
        "en": "Unknown field {field!r} in the column mapping. Use one of: {fields}, or 'ignore'.",
    },
    "file_error.unknown_column": {
        "id": "Pemetaan menyebut kolom {column!r} yang tidak ada di file; kolom yang ada: {columns}.",
        "en": "The mapping names a column {column!r} that the file does not have; columns: {columns}.",
    },
    "file_error.map_option": {
        "id": "--map {option!r}: tulis KOLOM=ARTI, misalnya --map 'Jumlah PMI=count'.",
        "en": "--map {option!r}: write COLUMN=FIELD, for example --map 'Jumlah PMI=count'.",
    },
    "file_error.number_format_short": {
        "id": "Format angka {number_format!r} tidak dikenal; gunakan 'id' atau 'en'.",
        "en": "Unknown number format {number_format!r}; use 'id' or 'en'.",
    },
    # Checking and publishing (geo/ingest/pipeline.py).
    "file_error.number_format": {
        "id": "Format angka {number_format!r} tidak dikenal; gunakan 'id' (1.234,5) atau 'en' (1,234.5).",
        "en": "Unknown number format {number_format!r}; use 'id' (1.234,5) or 'en' (1,234.5).",
    },
    "file_error.unknown_kind": {
        "id": "Jenis data {kind!r} tidak dikenal; gunakan --kind migration, --kind cases atau --kind served.",
        "en": "Unknown kind {kind!r}; use --kind migration, --kind cases or --kind served.",
    },
    "file_error.no_area_column": {
        "id": "{name}: tidak dikenali kolom berisi kode wilayah atau nama wilayah (kolom: {columns}). "
              "Beri nama kolom misalnya 'kode wilayah' atau 'nama desa', atau petakan: --map 'KOLOM=area_code'.",
        "en": "{name}: no column with area codes or area names was recognised (columns: {columns}). "
              "Name the column e.g. 'kode wilayah' or 'nama desa', or map it: --map 'COLUMN=area_code'.",
    },
    "file_error.no_count_column": {
        "id": "{name}: tidak dikenali kolom berisi jumlah pekerja migran (kolom: {columns}). "
              "Beri nama misalnya 'jumlah' atau petakan: --map 'KOLOM=count'.",
        "en": "{name}: no column with the number of migrant workers was recognised (columns: {columns}). "
              "Name it e.g. 'jumlah' or map it: --map 'COLUMN=count'.",
    },
    "file_error.no_data_rows": {
        "id": "{name}: file memiliki header tetapi tidak ada baris data.",
        "en": "{name}: the file has a header but no data rows.",
    },
    "file_error.nothing_stored": {
        "id": "{name}: tidak ada baris yang dapat dipakai, tidak ada yang disimpan. {first}",
        "en": "{name}: no row could be used, nothing was stored. {first}",
    },
}
