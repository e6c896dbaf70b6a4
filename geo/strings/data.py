"""Strings of the Data page (upload, check, publish, dataset versions)."""

STRINGS: dict[str, dict[str, str]] = {
    "data.nav": {"id": "Data", "en": "Data"},
    "data.title": {"id": "Data: unggah & versi dataset", "en": "Data: upload & dataset versions"},
    "data.intro": {
        "id": "Unggah file CSV atau Excel berisi jumlah PMI per wilayah, asal kasus perdagangan orang, atau daftar "
              "wilayah yang sudah dilayani program (desa Desmigratif, pos P4MI; tanpa kolom jumlah). "
              "Periksa pemetaan kolom dan laporan pencocokan, lalu terbitkan sebagai versi dataset baru. "
              "Kolom data pribadi (nama, NIK, telepon, paspor, e-mail, alamat) dibuang sebelum disimpan.",
        "en": "Upload a CSV or Excel file of migrant-worker counts per area, of trafficking case origins, or a list "
              "of areas a programme already serves (Desmigratif villages, P4MI posts; no count column needed). "
              "Check the column mapping and the matching report, then publish it as a new dataset version. "
              "Personal-data columns (names, NIK, phone, passport, e-mail, address) are dropped before storing.",
    },
    "data.kind": {"id": "Jenis data", "en": "Kind of data"},
    "data.kind.migration": {"id": "Jumlah PMI (migrasi)", "en": "Migrant-worker counts"},
    "data.kind.cases": {"id": "Kasus perdagangan orang", "en": "Trafficking cases"},
    "data.kind.served": {
        "id": "Wilayah terlayani program (desa Desmigratif, pos P4MI)",
        "en": "Areas served by a programme (Desmigratif villages, P4MI posts)",
    },
    "data.upload": {"id": "File CSV atau Excel (.csv, .xlsx, .xls)", "en": "CSV or Excel file (.csv, .xlsx, .xls)"},
    "data.sheet": {"id": "Lembar (sheet)", "en": "Sheet"},
    "data.read_as": {
        "id": "Dibaca: {rows} baris, {columns} kolom · {how}",
        "en": "Read: {rows} rows, {columns} columns · {how}",
    },
    "data.read_csv": {
        "id": "pengodean {encoding}, pemisah {delimiter}",
        "en": "encoding {encoding}, delimiter {delimiter}",
    },
    "data.read_excel": {"id": "Excel, lembar '{sheet}'", "en": "Excel, sheet '{sheet}'"},
    "data.preview": {"id": "Pratinjau (10 baris pertama)", "en": "Preview (first 10 rows)"},
    "data.mapping": {"id": "Pemetaan kolom (bisa diubah)", "en": "Column mapping (editable)"},
    "data.mapping.column": {"id": "Kolom di file", "en": "Column in the file"},
    "data.mapping.field": {"id": "Arti", "en": "Meaning"},
    "data.number_format": {"id": "Format angka (terdeteksi: {detected})", "en": "Number format (detected: {detected})"},
    "data.number_format.id": {"id": "Indonesia: 1.234 dan 1.234,5", "en": "Indonesian: 1.234 and 1.234,5"},
    "data.number_format.en": {"id": "Inggris: 1,234 dan 1,234.5", "en": "English: 1,234 and 1,234.5"},
    "data.personal": {
        "id": "Dibuang sebagai data pribadi (tidak akan disimpan): {columns}",
        "en": "Dropped as personal data (never stored): {columns}",
    },
    "data.report": {"id": "Laporan pemeriksaan", "en": "Check report"},
    "data.rows_read": {"id": "Baris dibaca", "en": "Rows read"},
    "data.rows_accepted": {"id": "Diterima", "en": "Accepted"},
    "data.rows_rejected": {"id": "Ditolak", "en": "Rejected"},
    "data.total": {"id": "Total jumlah", "en": "Total count"},
    "data.matched_by": {
        "id": "Cocok menurut kode: {code} · nama persis: {name} · nama mirip (fuzzy): {fuzzy}",
        "en": "Matched by code: {code} · exact name: {name} · fuzzy name: {fuzzy}",
    },
    "data.rejected": {"id": "Baris ditolak (nomor baris seperti di file; header = baris 1)",
                      "en": "Rejected rows (row numbers as in the file; header = row 1)"},
    "data.matches": {"id": "Baris diterima dan cara pencocokannya", "en": "Accepted rows and how they matched"},
    "data.unused": {"id": "Kolom tidak dipakai: {columns}", "en": "Columns not used: {columns}"},
    "data.publish_heading": {"id": "Terbitkan", "en": "Publish"},
    "data.name": {"id": "Nama dataset", "en": "Dataset name"},
    "data.note": {"id": "Catatan (sumber, cakupan, …)", "en": "Note (source, coverage, …)"},
    "data.activate": {"id": "Jadikan dataset aktif", "en": "Make it the active dataset"},
    "data.publish": {"id": "Terbitkan sebagai versi baru", "en": "Publish as a new version"},
    "data.nothing_to_publish": {
        "id": "Tidak ada baris yang dapat dipakai; perbaiki file atau pemetaan kolom.",
        "en": "No row can be used; fix the file or the column mapping.",
    },
    "data.published": {
        "id": "Tersimpan sebagai dataset {id} ({label}): {rows} baris, total {total}.",
        "en": "Stored as dataset {id} ({label}): {rows} rows, total {total}.",
    },
    "data.versions": {"id": "Versi dataset", "en": "Dataset versions"},
    "data.no_versions": {"id": "Belum ada dataset.", "en": "No datasets yet."},
    "data.col.id": {"id": "ID", "en": "ID"},
    "data.col.kind": {"id": "Jenis", "en": "Kind"},
    "data.col.name": {"id": "Nama", "en": "Name"},
    "data.col.version": {"id": "Versi", "en": "Version"},
    "data.col.created": {"id": "Dibuat (UTC)", "en": "Created (UTC)"},
    "data.col.file": {"id": "File", "en": "File"},
    "data.col.rows": {"id": "Baris diterima", "en": "Rows accepted"},
    "data.col.total": {"id": "Total", "en": "Total"},
    "data.col.status": {"id": "Status", "en": "Status"},
    "data.status.active": {"id": "aktif", "en": "active"},
    "data.status.sample": {"id": "data contoh", "en": "sample data"},
    "data.sample_label": {
        "id": "Data contoh (sintetis): {name}. {citation}",
        "en": "Sample data (synthetic): {name}. {citation}",
    },
    "data.choose": {"id": "Pilih versi", "en": "Choose a version"},
    "data.make_active": {"id": "Jadikan aktif", "en": "Make active"},
    "data.activated": {"id": "Dataset {label} sekarang aktif.", "en": "Dataset {label} is now active."},
    "data.delete_confirm": {
        "id": "Ya, hapus versi ini (disembunyikan, tidak dihapus permanen)",
        "en": "Yes, delete this version (hidden, not erased)",
    },
    "data.delete": {"id": "Hapus", "en": "Delete"},
    "data.deleted": {"id": "Dataset {label} dihapus.", "en": "Dataset {label} deleted."},
    "data.warnings": {"id": "Catatan: {text}", "en": "Note: {text}"},
    # Meanings a file column can be given (geo.ingest.columns.FIELDS): what the person reads, never the key.
    "data.field.ignore": {"id": "(tidak dipakai)", "en": "(not used)"},
    "data.field.area_code": {"id": "Kode wilayah (Kemendagri)", "en": "Area code (Kemendagri)"},
    "data.field.province_name": {"id": "Nama provinsi", "en": "Province name"},
    "data.field.regency_name": {"id": "Nama kabupaten/kota", "en": "Regency/city name"},
    "data.field.district_name": {"id": "Nama kecamatan", "en": "District (kecamatan) name"},
    "data.field.village_name": {"id": "Nama desa/kelurahan", "en": "Village (desa/kelurahan) name"},
    "data.field.period": {"id": "Periode (tahun, tahun-bulan atau tanggal)",
                          "en": "Period (year, year-month or date)"},
    "data.field.year": {"id": "Tahun", "en": "Year"},
    "data.field.month": {"id": "Bulan", "en": "Month"},
    "data.field.date": {"id": "Tanggal", "en": "Date"},
    "data.field.count": {"id": "Jumlah (orang)", "en": "Count (people)"},
    "data.field.destination_country": {"id": "Negara tujuan", "en": "Destination country"},
    "data.field.destination_city": {"id": "Kota tujuan", "en": "Destination city"},
    "data.field.transit": {"id": "Tempat transit", "en": "Transit place"},
    "data.field.sex": {"id": "Jenis kelamin", "en": "Sex"},
    "data.field.procedural": {"id": "Prosedural (ya/tidak)", "en": "Procedural (yes/no)"},
    "data.mapping.help": {
        "id": "Untuk setiap kolom file, pilih artinya. Kolom yang tidak dipakai diabaikan.",
        "en": "For each column of the file, choose what it means. Columns not used are left out.",
    },
    # Report tables: headers and values in the page's language.
    "data.report.row": {"id": "Baris", "en": "Row"},
    "data.report.reason": {"id": "Alasan", "en": "Reason"},
    "data.report.given": {"id": "Tertulis di file", "en": "As written in the file"},
    "data.report.area_code": {"id": "Kode wilayah", "en": "Area code"},
    "data.report.area_name": {"id": "Nama wilayah", "en": "Area name"},
    "data.report.level": {"id": "Tingkat", "en": "Level"},
    "data.report.matched_by": {"id": "Cocok menurut", "en": "Matched by"},
    "data.report.score": {"id": "Skor kemiripan", "en": "Similarity score"},
    "data.report.note": {"id": "Keterangan", "en": "Note"},
    "data.match.code": {"id": "kode", "en": "code"},
    "data.match.name": {"id": "nama persis", "en": "exact name"},
    "data.match.fuzzy": {"id": "nama mirip", "en": "fuzzy name"},
    "data.yes": {"id": "ya", "en": "yes"},
    "data.no": {"id": "tidak", "en": "no"},
    "data.rejected_not_listed": {
        "id": "{count} baris ditolak lainnya tidak dicantumkan.",
        "en": "{count} more rejected rows are not listed.",
    },
    # Publishing the same file twice, activating a dataset that covers fewer areas.
    "data.duplicate": {
        "id": "File ini (isi dan jenis data yang sama) sudah diterbitkan sebagai **{label}** pada {date}. "
              "Menerbitkannya lagi membuat versi yang sama persis.",
        "en": "This file (same content and kind of data) was already published as **{label}** on {date}. "
              "Publishing it again creates an identical version.",
    },
    "data.removes": {
        "id": "Mengaktifkan ini menghilangkan data untuk: {areas}. Data aktif sekarang ({label}) mencakup "
              "wilayah ini, yang baru tidak.",
        "en": "Activating this removes data for: {areas}. The dataset active now ({label}) covers these areas, "
              "the new one does not.",
    },
    "data.removes_more": {"id": "dan {count} lainnya", "en": "and {count} more"},
    "data.confirm_publish": {"id": "Periksa sebelum menerbitkan", "en": "Check before publishing"},
    "data.publish_anyway": {"id": "Tetap terbitkan", "en": "Publish anyway"},
    "data.activate_anyway": {"id": "Tetap aktifkan", "en": "Activate anyway"},
    "data.cancel": {"id": "Batal", "en": "Cancel"},
    "data.cancelled": {"id": "Dibatalkan: tidak ada yang diubah.", "en": "Cancelled: nothing was changed."},
    "data.published_selected": {
        "id": "Versi baru dipilih di daftar versi di bawah.",
        "en": "The new version is selected in the list of versions below.",
    },
}
