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
    # upstream files (geo.data.sources), shown by the CLI and the pages
    "source_error.not_in_mirror": {
        "id": "{file} (atau {gz}) tidak ditemukan di folder mirror {folder} ({variable}; nilai relatif "
        "dihitung dari folder proyek). Arahkan variabel itu ke mirror yang lengkap, atau kosongkan untuk mengunduh.",
        "en": "{file} (or {gz}) was not found in the mirror folder {folder} ({variable}; a relative value "
        "is taken from the project root). Point the variable at a complete mirror, or unset it to download.",
    },
}
