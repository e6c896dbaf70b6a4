"""Strings of the ``riskmap`` command line (geo/cli): one language per run (``--lang``)."""

STRINGS: dict[str, dict[str, str]] = {
    # the riskmap program (geo/cli/__init__.py)
    "cli.description": {
        "id": "Peta risiko migrasi dan perdagangan orang untuk Indonesia (batas wilayah: Kepmendagri 300.2.2-2138/2025).",
        "en": "Migration and trafficking risk map for Indonesia (boundaries: Kepmendagri 300.2.2-2138/2025).",
    },
    "cli.lang_help": {
        "id": "bahasa pesan: id atau en (bawaan: RISKMAP_LANG, atau LANG/LC_ALL yang diawali 'id', selain itu en)",
        "en": "language of the messages: id or en (default: RISKMAP_LANG, else id when LANG/LC_ALL starts with 'id', "
        "else en)",
    },
    "cli.error": {"id": "riskmap: {message}", "en": "riskmap: {message}"},
    "cli.interrupted": {
        "id": "riskmap: dihentikan; tidak ada yang tersimpan setengah jadi.",
        "en": "riskmap: interrupted; nothing half-written is kept.",
    },
    "cli.bad_level": {
        "id": "tingkat '{value}' tidak dikenal; gunakan salah satu dari {levels}",
        "en": "unknown level '{value}'; use one of {levels}",
    },
    "cli.bad_count": {
        "id": "'{value}' bukan bilangan bulat positif (contoh: 10)",
        "en": "'{value}' is not a positive whole number (e.g. 10)",
    },
    # riskmap areas
    "cli.areas.help": {
        "id": "cari wilayah menurut nama, atau tampilkan satu kode wilayah",
        "en": "look up areas by name, or show one area code",
    },
    "cli.areas.search.help": {"id": "cari wilayah menurut nama", "en": "find areas by name"},
    "cli.areas.search.description": {
        "id": "Cari nama di daftar kode Kepmendagri 2025 dengan cara yang sama seperti pencocokan unggahan: huruf "
        "besar/kecil, tanda baca dan singkatan seperti 'Tj.' atau 'Kab.' tidak berpengaruh, salah ketik diberi skor "
        "0–100. Hasil terbaik di atas.",
        "en": "Search the Kepmendagri 2025 code list the way uploads are matched: case, punctuation and abbreviations "
        "such as 'Tj.' or 'Kab.' do not matter, misspellings are scored 0–100. Best matches first.",
    },
    "cli.areas.search.name_help": {
        "id": "nama yang dicari, mis. 'Tj. Pinang' atau 'Kab. Bintan'",
        "en": "the name to look for, e.g. 'Tj. Pinang' or 'Kab. Bintan'",
    },
    "cli.areas.search.level_help": {
        "id": "hanya tingkat ini: province, regency, district atau village",
        "en": "only this level: province, regency, district or village",
    },
    "cli.areas.search.within_help": {
        "id": "hanya wilayah di dalam kode ini (mis. 21 atau 21.71)",
        "en": "only areas inside this code (e.g. 21 or 21.71)",
    },
    "cli.areas.search.limit_help": {"id": "jumlah hasil paling banyak (bawaan 10)", "en": "most results (default 10)"},
    "cli.areas.search.json_help": {
        "id": "cetak daftar JSON: code, name, level, parents, score",
        "en": "print a JSON list: code, name, level, parents, score",
    },
    "cli.areas.show.help": {
        "id": "tampilkan satu wilayah: nama, tingkat, induk, poligon, penduduk, luas",
        "en": "show one area: name, level, parents, polygon, population, area",
    },
    "cli.areas.show.code_help": {
        "id": "kode wilayah, bertitik atau tidak (21.71 atau 2171)",
        "en": "area code, dotted or not (21.71 or 2171)",
    },
    "cli.areas.show.json_help": {"id": "cetak satu objek JSON", "en": "print one JSON object"},
    "cli.areas.column.code": {"id": "Kode", "en": "Code"},
    "cli.areas.column.name": {"id": "Nama", "en": "Name"},
    "cli.areas.column.level": {"id": "Tingkat", "en": "Level"},
    "cli.areas.column.score": {"id": "Skor", "en": "Score"},
    "cli.areas.column.parents": {"id": "Di dalam", "en": "Inside"},
    "cli.areas.no_match": {
        "id": "Tidak ada wilayah yang namanya mirip '{name}'. Periksa ejaan, atau hapus --level/--within.",
        "en": "No area has a name like '{name}'. Check the spelling, or drop --level/--within.",
    },
    "cli.areas.level_not_below": {
        "id": "--level {level} tidak berada di bawah {within}: pilih tingkat yang lebih rendah, atau hapus --within.",
        "en": "--level {level} is not below {within}: choose a lower level, or drop --within.",
    },
    "cli.areas.within_village": {
        "id": "--within {within} adalah desa/kelurahan: tidak ada wilayah di bawahnya. Gunakan kode kecamatan atau "
        "di atasnya.",
        "en": "--within {within} is a village: no area lies below it. Use a district code or higher.",
    },
    "cli.areas.polygon": {"id": "Poligon", "en": "Polygon"},
    "cli.areas.polygon.yes": {"id": "ada", "en": "present"},
    "cli.areas.polygon.no": {"id": "tidak ada di data batas wilayah", "en": "missing from the boundary data"},
    "cli.areas.polygon.not_prepared": {
        "id": "belum disiapkan (riskmap data fetch --provinces {province})",
        "en": "not prepared yet (riskmap data fetch --provinces {province})",
    },
    "cli.areas.population": {"id": "Penduduk", "en": "Population"},
    "cli.areas.area": {"id": "Luas", "en": "Area"},
    "cli.areas.unknown": {"id": "tidak diketahui", "en": "not known"},
    # riskmap data
    "cli.data.help": {"id": "siapkan dan periksa cache batas wilayah", "en": "prepare and inspect the boundary cache"},
    "cli.data.fetch.help": {
        "id": "ambil berkas hulu (unduh atau RISKMAP_DATA_MIRROR), periksa, dan bangun cache",
        "en": "obtain the upstream files (download or RISKMAP_DATA_MIRROR), verify them and build the cache",
    },
    "cli.data.fetch.levels_help": {
        "id": "tingkat, dipisah koma (bawaan: semua)",
        "en": "comma-separated levels (default: all)",
    },
    "cli.data.fetch.provinces_help": {
        "id": "provinsi yang desanya disiapkan: kode seperti 21,35, atau 'all' (bawaan: 21,35)",
        "en": "provinces whose villages to prepare: codes such as 21,35, or 'all' (default: 21,35)",
    },
    "cli.data.fetch.force_help": {"id": "bangun ulang juga yang sudah ada", "en": "rebuild even what is cached"},
    "cli.data.info.help": {"id": "jumlah kode dan poligon per tingkat", "en": "codes vs polygons per level"},
    "cli.data.info.json_help": {"id": "cetak satu objek JSON", "en": "print one JSON object"},
    "cli.data.bad_levels": {
        "id": "tingkat tidak dikenal: {levels}; gunakan {known}",
        "en": "unknown level(s) {levels}; use {known}",
    },
    "cli.data.unknown_provinces": {
        "id": "Kode provinsi tidak dikenal: {codes}. Gunakan kode dua angka seperti 21,35 atau 'all'.",
        "en": "Unknown province code(s): {codes}. Use two-digit codes such as 21,35 or 'all'.",
    },
    "cli.data.step.cached": {"id": "[{index}/{total}] {label}: sudah ada", "en": "[{index}/{total}] {label}: cached"},
    "cli.data.step.building": {
        "id": "[{index}/{total}] {label}: sedang dibangun…",
        "en": "[{index}/{total}] {label}: building…",
    },
    "cli.data.step.done": {"id": "[{index}/{total}] {label}: selesai", "en": "[{index}/{total}] {label}: done"},
    "cli.data.ready": {
        "id": "cache batas wilayah siap dalam {seconds} dtk ({built} dibangun) di {folder}",
        "en": "boundary cache ready in {seconds} s ({built} built) at {folder}",
    },
    "cli.data.info_line": {
        "id": "{level}  kode {codes}  poligon {polygons}",
        "en": "{level}  codes {codes}  polygons {polygons}",
    },
    # riskmap ingest (geo/cli/ingest.py)
    "cli.ingest.summary": {
        "id": "{file}: {read} baris dibaca, {accepted} diterima, {rejected} ditolak; total {total}.",
        "en": "{file}: {read} rows read, {accepted} accepted, {rejected} rejected; total {total}.",
    },
    "cli.ingest.read_csv": {
        "id": "  dibaca sebagai csv, pengodean {encoding}, pemisah {delimiter}, angka {numbers}",
        "en": "  read as csv, encoding {encoding}, delimiter {delimiter}, numbers {numbers}",
    },
    "cli.ingest.read_sheet": {
        "id": "  dibaca sebagai {type}, lembar {sheet}, angka {numbers}",
        "en": "  read as {type}, sheet {sheet}, numbers {numbers}",
    },
    "cli.ingest.columns": {"id": "  kolom: {columns}", "en": "  columns: {columns}"},
    "cli.ingest.matched_by": {
        "id": "  cocok menurut kode {code}, menurut nama {name}, menurut nama mirip {fuzzy}",
        "en": "  matched by code {code}, by name {name}, by fuzzy name {fuzzy}",
    },
    "cli.ingest.dropped": {
        "id": "  dibuang sebagai data pribadi: {details}",
        "en": "  dropped as personal data: {details}",
    },
    "cli.ingest.unused": {"id": "  tidak dipakai: {columns}", "en": "  not used: {columns}"},
    "cli.ingest.note": {"id": "  catatan: {warning}", "en": "  note: {warning}"},
    "cli.ingest.rejected_row": {"id": "  baris {row}: {reason}", "en": "  row {row}: {reason}"},
    "cli.ingest.more_rejected": {
        "id": "  … dan {count} baris ditolak lainnya (hanya yang pertama dicantumkan)",
        "en": "  … and {count} more rejected rows (only the first are listed)",
    },
    "cli.ingest.stored": {"id": "  disimpan sebagai dataset {id}", "en": "  stored as dataset {id}"},
    "cli.ingest.dry_run": {
        "id": "  tidak ada yang disimpan (uji coba)",
        "en": "  nothing stored (dry run)",
    },
    # riskmap datasets (geo/cli/datasets.py)
    "cli.datasets.bad_threshold": {
        "id": "--threshold {option!r}: tulis ID=N, mis. --threshold 12=5.",
        "en": "--threshold {option!r}: write ID=N, e.g. --threshold 12=5.",
    },
    "cli.datasets.confirm_delete": {
        "id": "riskmap: tambahkan --yes untuk menghapus dataset {id} (disembunyikan, tidak dihapus permanen).",
        "en": "riskmap: add --yes to delete dataset {id} (it is hidden, not erased).",
    },
    "cli.datasets.confirm_purge": {
        "id": "riskmap: tambahkan --yes untuk memusnahkan dataset {id} (catatannya dihapus untuk selamanya).",
        "en": "riskmap: add --yes to purge dataset {id} (its records are erased for good).",
    },
    "cli.datasets.activated": {
        "id": "dataset {id} ({label}) sekarang menjadi dataset {kind} yang aktif",
        "en": "dataset {id} ({label}) is now the active {kind} dataset",
    },
    "cli.datasets.restricted": {
        "id": "dataset {id} ({label}) sekarang terbatas (tersembunyi dari pengunjung)",
        "en": "dataset {id} ({label}) is now restricted (hidden from viewers)",
    },
    "cli.datasets.publicised": {
        "id": "dataset {id} ({label}) sekarang publik",
        "en": "dataset {id} ({label}) is now public",
    },
    "cli.datasets.threshold": {
        "id": "dataset {id} ({label}): jumlah di bawah {threshold} disembunyikan",
        "en": "dataset {id} ({label}): counts below {threshold} are suppressed",
    },
    "cli.datasets.deleted": {"id": "dataset {id} ({label}) dihapus", "en": "dataset {id} ({label}) deleted"},
    "cli.datasets.purged": {
        "id": "dataset {id} ({label}) dimusnahkan: {records} catatan dihapus",
        "en": "dataset {id} ({label}) purged: {records} records erased",
    },
    "cli.datasets.none": {"id": "tidak ada dataset", "en": "no datasets"},
    "cli.datasets.line": {
        "id": "{id}  {kind}  {name} v{version}  {created}  baris {accepted}/{read}  total {total}  "
        "ambang {threshold}  {flags}",
        "en": "{id}  {kind}  {name} v{version}  {created}  rows {accepted}/{read}  total {total}  "
        "threshold {threshold}  {flags}",
    },
    "cli.datasets.flag.active": {"id": "aktif", "en": "active"},
    "cli.datasets.flag.sample": {"id": "contoh", "en": "sample"},
    "cli.datasets.flag.restricted": {"id": "terbatas", "en": "restricted"},
    "cli.datasets.flag.deleted": {"id": "dihapus", "en": "deleted"},
    # riskmap flows (geo/cli/flows.py)
    "cli.flows.row": {
        "id": "{code} {name} → {destination}, {country}: {count}",
        "en": "{code} {name} → {destination}, {country}: {count}",
    },
    "cli.flows.note": {"id": "riskmap flows: {note}", "en": "riskmap flows: {note}"},
    "cli.flows.suppressed": {
        "id": "{flows} aliran disembunyikan: di bawah {threshold} atau dapat mengungkapkan aliran semacam itu "
        "(--audience analyst menampilkannya)",
        "en": "{flows} flows hidden: below {threshold} or able to reveal one (--audience analyst shows them)",
    },
    "cli.flows.rest": {
        "id": "{flows} aliran lain ({count}) melewati --top",
        "en": "{flows} more flows ({count}) beyond --top",
    },
    "cli.flows.below_minimum": {
        "id": "{flows} aliran ({count}) di bawah --min",
        "en": "{flows} flows ({count}) below --min",
    },
    "cli.flows.unresolved": {
        "id": "{role} '{text}' ({reason}; {records} catatan, {count}) {what}",
        "en": "{role} '{text}' ({reason}; {records} records, {count}) {what}",
    },
    "cli.flows.not_placed": {"id": "tidak dipetakan", "en": "not placed"},
    "cli.flows.at_capital": {"id": "digambar ke ibu kota negaranya", "en": "drawn at its country's capital"},
    "cli.flows.above_level": {
        "id": "{records} catatan berkode di atas tingkat {level} ({count}) tidak termasuk",
        "en": "{records} records coded above the {level} level ({count}) not included",
    },
    # help of every sub-command (argparse's own words too: geo/cli/__init__.py localises them)
    "cli.usage": {"id": "penggunaan: ", "en": "usage: "},
    "cli.positionals": {"id": "argumen posisi", "en": "positional arguments"},
    "cli.options": {"id": "opsi", "en": "options"},
    "cli.help_help": {"id": "tampilkan bantuan ini lalu keluar", "en": "show this help message and exit"},
    "cli.dataset_id_help": {
        "id": "id dataset (lihat `riskmap datasets`)",
        "en": "dataset id (see `riskmap datasets`)",
    },
    "cli.dataset_ids_help": {
        "id": "id dataset (ulangi untuk satu dataset migrasi dan satu dataset kasus; lihat `riskmap datasets`)",
        "en": "dataset id (repeat for a migration and a cases dataset; see `riskmap datasets`)",
    },
    "cli.within_help": {
        "id": "hanya wilayah di dalam kode provinsi/kabupaten/kecamatan ini",
        "en": "only areas inside this province/regency/district code",
    },
    "cli.indicator_help": {
        "id": "indikator (bawaan: yang pertama yang dapat diberikan data)",
        "en": "indicator (default: the first the data can give)",
    },
    "cli.period_help": {
        "id": "2024, 2024-03, 2024-01..2024-06 atau all (bawaan: tahun terakhir)",
        "en": "2024, 2024-03, 2024-01..2024-06 or all (default: latest year)",
    },
    "cli.audit.help": {
        "id": "tampilkan jejak audit, yang terbaru di atas",
        "en": "list the audit trail, newest first",
    },
    "cli.audit.description": {
        "id": "Siapa masuk, mengunggah, mengaktifkan, membatasi, menghapus atau memusnahkan apa, dan kapan (UTC), "
        "yang terbaru di atas.",
        "en": "Who signed in, uploaded, activated, restricted, deleted or purged what, and when (UTC), newest first.",
    },
    "cli.audit.limit_help": {"id": "hanya N entri terbaru", "en": "only the newest N entries"},
    "cli.audit.json_help": {
        "id": "cetak daftar JSON berisi objek dengan time, actor, action, target, detail",
        "en": "print a JSON list of objects with time, actor, action, target, detail",
    },
    "cli.datasets.help": {
        "id": "tampilkan versi dataset (dan aktifkan, batasi, hapus atau musnahkan salah satunya)",
        "en": "list dataset versions (and activate, restrict, delete or purge one)",
    },
    "cli.datasets.description": {
        "id": "Tampilkan versi dataset, yang terbaru di atas. Perubahan dicatat di jejak audit.",
        "en": "List dataset versions, newest first. Changes are written to the audit trail.",
    },
    "cli.datasets.kind_help": {"id": "hanya jenis ini", "en": "only this kind"},
    "cli.datasets.all_help": {"id": "sertakan versi yang dihapus", "en": "include deleted versions"},
    "cli.datasets.audience_help": {
        "id": "public: hanya yang dilihat pengunjung aplikasi yang di-hosting (yang terbatas disembunyikan)",
        "en": "public: only what viewers of the hosted app see (restricted ones hidden)",
    },
    "cli.datasets.activate_help": {
        "id": "jadikan versi ID yang aktif untuk jenisnya",
        "en": "make version ID the active one of its kind",
    },
    "cli.datasets.restrict_help": {"id": "sembunyikan versi ID dari pengunjung", "en": "hide version ID from viewers"},
    "cli.datasets.publicise_help": {
        "id": "tampilkan lagi versi ID kepada pengunjung",
        "en": "show version ID to viewers again",
    },
    "cli.datasets.threshold_help": {
        "id": "sembunyikan jumlah di bawah N saat versi ID ditampilkan (ambang pengungkapan)",
        "en": "suppress counts below N when version ID is shown (disclosure threshold)",
    },
    "cli.datasets.delete_help": {
        "id": "hapus versi ID dengan menyembunyikannya (perlu --yes)",
        "en": "soft-delete version ID (needs --yes)",
    },
    "cli.datasets.purge_help": {
        "id": "musnahkan versi ID, catatan dan laporannya, dari basis data (perlu --yes)",
        "en": "erase version ID, its records and report, from the database (needs --yes)",
    },
    "cli.datasets.yes_help": {"id": "konfirmasi --delete atau --purge", "en": "confirm --delete or --purge"},
    "cli.datasets.json_help": {"id": "cetak daftar JSON", "en": "print a JSON list"},
    "cli.export_table.help": {
        "id": "tulis tabel indikator yang dilihat satu audiens sebagai CSV atau XLSX",
        "en": "write the indicator table one audience sees as CSV or XLSX",
    },
    "cli.export_table.description": {
        "id": "Tulis satu indikator per wilayah pada --level (di dalam --within) sebagai CSV atau XLSX: persis tabel "
        "yang dilihat audiens. public (bawaan): jumlah kecil dan nilai yang dapat mengungkapkannya dikosongkan dan "
        "ditandai disembunyikan, dataset terbatas tidak tersedia; analyst: semua nilai.",
        "en": "Write one indicator per area at --level (inside --within) as CSV or XLSX: exactly the table the "
        "audience sees. public (default): small counts and the values that would reveal them are empty and "
        "marked suppressed, restricted datasets are not available; analyst: every value.",
    },
    "cli.export_table.level_help": {"id": "tingkat wilayah dalam tabel", "en": "level of the areas in the table"},
    "cli.export_table.audience_help": {
        "id": "public (bawaan): jumlah kecil disembunyikan, dataset terbatas tidak tersedia; analyst: semua nilai",
        "en": "public (default): small counts suppressed, restricted datasets unavailable; analyst: all values",
    },
    "cli.export_table.out_help": {"id": "tempat menulis tabel", "en": "where to write the table"},
    "cli.flows.help": {
        "id": "aliran asal → tujuan dari sebuah dataset",
        "en": "origin → destination flows of a dataset",
    },
    "cli.flows.description": {
        "id": "Gabungkan catatan dataset menjadi aliran asal → tujuan pada satu tingkat asal dan cetak yang terbesar. "
        "Catatan yang tujuannya tidak dapat dipetakan dihitung di stderr, tidak pernah dibuang diam-diam.",
        "en": "Aggregate a dataset's records into origin → destination flows at one origin level and print the "
        "largest. Records whose destination cannot be placed are counted on stderr, never dropped silently.",
    },
    "cli.flows.level_help": {"id": "tingkat asal (bawaan: regency)", "en": "origin level (default: regency)"},
    "cli.flows.within_help": {"id": "hanya asal di dalam kode wilayah ini", "en": "only origins inside this area code"},
    "cli.flows.top_help": {
        "id": "jumlah aliran (bawaan {top}; 0 = semua)",
        "en": "number of flows (default {top}; 0 = all)",
    },
    "cli.flows.country_help": {
        "id": "hanya negara tujuan ini (dapat diulang)",
        "en": "only this destination country (repeatable)",
    },
    "cli.flows.city_help": {
        "id": "hanya kota tujuan ini (dapat diulang)",
        "en": "only this destination city (repeatable)",
    },
    "cli.flows.from_help": {"id": "periode pertama, mis. 2024 atau 2024-06", "en": "first period, e.g. 2024 or 2024-06"},
    "cli.flows.to_help": {"id": "periode terakhir, mis. 2025", "en": "last period, e.g. 2025"},
    "cli.flows.min_help": {"id": "sembunyikan aliran di bawah total ini", "en": "hide flows below this total"},
    "cli.flows.language_help": {
        "id": "bahasa nama tempat (bawaan: bahasa run ini, lihat riskmap --lang)",
        "en": "language of place names (default: the run's, see riskmap --lang)",
    },
    "cli.flows.json_help": {"id": "cetak daftar JSON berisi aliran", "en": "print a JSON list of flows"},
    "cli.flows.audience_help": {
        "id": "public (bawaan): aliran di bawah ambang pengungkapan dataset disembunyikan; analyst: semua",
        "en": "public (default): flows below the dataset's disclosure threshold are hidden; analyst: all",
    },
    "cli.ingest.help": {
        "id": "periksa berkas CSV/Excel, cocokkan barisnya dengan wilayah, dan simpan sebagai versi dataset baru",
        "en": "check a CSV/Excel file, match its rows to areas and store it as a new dataset version",
    },
    "cli.ingest.description": {
        "id": "Baca FILE (CSV dengan pemisah , ; atau tab, .xlsx atau .xls), kenali kolomnya, buang data pribadi, "
        "cocokkan setiap baris dengan wilayah (kode, nama, nama mirip) dan simpan baris yang diterima sebagai versi "
        "dataset baru. Isian untuk --map: {fields}, ignore.",
        "en": "Read FILE (CSV with , ; or tab, .xlsx or .xls), recognise its columns, drop personal data, "
        "match every row to an area (code, name, fuzzy name) and store the accepted rows as a new dataset version. "
        "Fields for --map: {fields}, ignore.",
    },
    "cli.ingest.file_help": {"id": "berkas CSV, XLSX atau XLS", "en": "CSV, XLSX or XLS file"},
    "cli.ingest.kind_help": {
        "id": "jumlah migrasi, kasus perdagangan orang, atau daftar wilayah terlayani program (served)",
        "en": "migration counts, trafficking cases, or a list of areas served by a programme (served)",
    },
    "cli.ingest.name_help": {
        "id": "nama dataset (bawaan: nama berkas); versi baru jika nama itu sudah ada",
        "en": "dataset name (default: the file name); a new version if it exists",
    },
    "cli.ingest.note_help": {"id": "catatan yang disimpan bersama versi ini", "en": "a note stored with the version"},
    "cli.ingest.sheet_help": {
        "id": "nama atau nomor lembar Excel (bawaan: yang pertama)",
        "en": "Excel sheet name or number (default: the first)",
    },
    "cli.ingest.map_help": {
        "id": "petakan satu kolom ke satu isian (dapat diulang), mis. --map 'Jumlah PMI=count'",
        "en": "map a column to a field (repeatable), e.g. --map 'Jumlah PMI=count'",
    },
    "cli.ingest.number_format_help": {
        "id": "ganti format angka yang terdeteksi",
        "en": "override the detected number format",
    },
    "cli.ingest.threshold_help": {
        "id": "ambang kemiripan nama 0-100 (bawaan 85)",
        "en": "fuzzy name threshold 0-100 (default 85)",
    },
    "cli.ingest.uploader_help": {"id": "siapa yang mengunggah (bawaan: nama login)", "en": "who uploads (default: the login name)"},
    "cli.ingest.dry_run_help": {
        "id": "hanya periksa dan laporkan; tidak menyimpan apa pun",
        "en": "check and report only; store nothing",
    },
    "cli.ingest.json_help": {"id": "cetak satu objek JSON", "en": "print one JSON object"},
    "cli.map.help": {
        "id": "tulis peta satu tampilan sebagai satu berkas HTML mandiri",
        "en": "write a map of one view as a standalone HTML file",
    },
    "cli.map.description": {
        "id": "Tulis koroplet satu tampilan (tingkat, wilayah, dataset, indikator, periode, kelas) sebagai satu berkas "
        "HTML dengan Leaflet dan batas wilayah di dalamnya: terbuka tanpa internet. Tanpa --dataset dipakai dataset "
        "migrasi dan kasus yang aktif.",
        "en": "Write the choropleth of one view (level, area, datasets, indicator, period, classes) as one HTML "
        "file with Leaflet and the boundaries inlined: it opens offline. Without --dataset the active "
        "migration and cases datasets are used.",
    },
    "cli.map.level_help": {"id": "tingkat wilayah yang digambar", "en": "level of the areas drawn"},
    "cli.map.measure_help": {
        "id": "nilai dalam periode atau perubahan dari periode sebelumnya",
        "en": "value in the period or change from the previous",
    },
    "cli.map.scheme_help": {
        "id": "skema kelas: quantiles, natural_breaks, equal_interval, head_tail_breaks",
        "en": "class scheme: quantiles, natural_breaks, equal_interval, head_tail_breaks",
    },
    "cli.map.k_help": {"id": "jumlah kelas, 3 sampai 9 (bawaan 5)", "en": "number of classes, 3 to 9 (default 5)"},
    "cli.map.palette_help": {"id": "palet ColorBrewer (bawaan YlOrRd)", "en": "ColorBrewer palette (default YlOrRd)"},
    "cli.map.breaks_help": {
        "id": "batas kelas pilihan sendiri, mis. 10,50,100",
        "en": "your own class breaks, e.g. 10,50,100",
    },
    "cli.map.fixed_help": {
        "id": "batas kelas dihitung dari semua periode",
        "en": "class breaks computed over every period",
    },
    "cli.map.tiles_help": {
        "id": "peta dasar (bawaan none: daratan, provinsi dan nama tempat milik kami, di dalam berkas; auto/osm/carto "
        "menambah ubin peta, yang memerlukan internet)",
        "en": "basemap (default none: our own land, provinces and place names, inlined; auto/osm/carto add tiles, "
        "which need internet)",
    },
    "cli.map.lang_help": {
        "id": "bahasa peta dan pesan (bawaan: bahasa run ini, lihat riskmap --lang)",
        "en": "language of the map and messages (default: the run's, see riskmap --lang)",
    },
    "cli.map.flows_help": {
        "id": "gambar garis aliran dataset kasus (asal pada --level di dalam --within, 50 teratas, periode peta)",
        "en": "draw the flow lines of the cases dataset (origins at --level inside --within, top 50, the map's period)",
    },
    "cli.map.out_help": {"id": "tempat menulis peta", "en": "where to write the map"},
    "cli.users.help": {
        "id": "akun dan peran (viewer, analyst, admin) untuk aplikasi yang di-hosting",
        "en": "accounts and roles (viewer, analyst, admin) for the hosted app",
    },
    "cli.users.description": {
        "id": "Kelola akun. Peran: viewer (membaca dataset publik), analyst (mengunggah, menerbitkan, mengaktifkan, "
        "membatasi, menghapus), admin (juga akun dan pemusnahan). Kata sandi disimpan sebagai hash argon2.",
        "en": "Manage accounts. Roles: viewer (read public datasets), analyst (upload, publish, activate, "
        "restrict, delete), admin (also accounts and purge). Passwords are stored as argon2 hashes.",
    },
    "cli.users.add.help": {
        "id": "buat akun (kata sandi dari prompt, atau satu baris stdin)",
        "en": "create an account (password from a prompt, or one line of stdin)",
    },
    "cli.users.name_help": {"id": "nama akun", "en": "account name"},
    "cli.users.role_help": {"id": "peran akun", "en": "the account's role"},
    "cli.users.list.help": {"id": "tampilkan daftar akun", "en": "list accounts"},
    "cli.users.list.json_help": {
        "id": "cetak daftar JSON berisi objek dengan name, role",
        "en": "print a JSON list of objects with name, role",
    },
    "cli.users.remove.help": {
        "id": "hapus akun dan akhiri sesinya",
        "en": "delete an account and end its sessions",
    },
    "cli.users.set_role.help": {
        "id": "beri akun peran lain (sesinya berakhir)",
        "en": "give an account another role (its sessions end)",
    },
    "cli.users.reset_password.help": {
        "id": "tetapkan kata sandi baru (sesinya berakhir)",
        "en": "set a new password (its sessions end)",
    },
    # upstream files (geo.data.sources), shown by the CLI and the pages
    "source_error.not_in_mirror": {
        "id": "{file} (atau {gz}) tidak ditemukan di folder mirror {folder} ({variable}; nilai relatif "
        "dihitung dari folder proyek). Arahkan variabel itu ke mirror yang lengkap, atau kosongkan untuk mengunduh.",
        "en": "{file} (or {gz}) was not found in the mirror folder {folder} ({variable}; a relative value "
        "is taken from the project root). Point the variable at a complete mirror, or unset it to download.",
    },
}
