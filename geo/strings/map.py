"""Strings of the Map page's choropleth (geo.web.mapview, the map widgets, export-map)."""

STRINGS: dict[str, dict[str, str]] = {
    # datasets
    "map.legend.toggle": {"id": "Legenda", "en": "Legend"},
    "map.kind.migration": {"id": "migrasi", "en": "migration"},
    "map.kind.cases": {"id": "kasus", "en": "cases"},
    "map.dataset.migration": {"id": "Dataset migrasi", "en": "Migration dataset"},
    "map.dataset.cases": {"id": "Dataset kasus", "en": "Cases dataset"},
    "map.dataset.none": {"id": "(tidak ada)", "en": "(none)"},
    "map.dataset.option": {"id": "{name} v{version} (#{id})", "en": "{name} v{version} (#{id})"},
    "map.dataset.option_sample": {"id": "{name} v{version} (#{id}, contoh)", "en": "{name} v{version} (#{id}, sample)"},
    "map.dataset.unknown": {
        "id": "Dataset #{id} tidak ada; dilewati. Lihat halaman Data untuk daftar dataset.",
        "en": "There is no dataset #{id}; it is left out. See the Data page for the list of datasets.",
    },
    "map.dataset.deleted": {
        "id": "Dataset #{id} ({name}) sudah dihapus; dilewati.",
        "en": "Dataset #{id} ({name}) was deleted; it is left out.",
    },
    "map.dataset.same_kind": {
        "id": "Dataset #{id} juga berisi data {kind}; hanya satu dataset per jenis yang ditampilkan, #{id} dilewati.",
        "en": "Dataset #{id} also holds {kind} data; only one dataset per kind is shown, so #{id} is left out.",
    },
    "map.no_data": {
        "id": "Tidak ada data untuk ditampilkan: pilih dataset migrasi atau kasus (atau unggah di halaman Data).",
        "en": "There is no data to show: choose a migration or cases dataset (or upload one on the Data page).",
    },
    # indicator, measure, period
    "map.indicator": {"id": "Indikator", "en": "Indicator"},
    "map.measure": {"id": "Tampilkan", "en": "Show"},
    "map.indicator.unavailable": {
        "id": "Indikator {indicator} tidak tersedia untuk {level} dengan data ini; menampilkan {fallback}.",
        "en": "Indicator {indicator} is not available for {level} with this data; showing {fallback}.",
    },
    "map.period": {"id": "Periode", "en": "Period"},
    "map.period.to": {"id": "sampai", "en": "to"},
    "map.period.single": {"id": "(satu periode)", "en": "(one period)"},
    "map.period.all": {"id": "semua periode", "en": "all periods"},
    "map.period.no_records": {
        "id": "Tidak ada catatan untuk periode {period}; menampilkan tahun terakhir.",
        "en": "There are no records for the period {period}; showing the latest year.",
    },
    "map.measure.needs_period": {
        "id": "Perubahan memerlukan satu periode atau rentang (bukan semua periode); menampilkan nilai.",
        "en": "A change needs one period or a range (not all periods); showing the value.",
    },
    # classification
    "map.classification": {"id": "Klasifikasi", "en": "Classification"},
    "map.scheme": {"id": "Metode kelas", "en": "Class method"},
    "map.breaks": {"id": "Batas kelas (dipisah koma)", "en": "Class breaks (comma-separated)"},
    "map.breaks.help": {
        "id": "Contoh: 10, 50, 100 membuat kelas ≤ 10, 11–50, 51–100 dan > 100.",
        "en": "Example: 10, 50, 100 makes the classes ≤ 10, 11–50, 51–100 and > 100.",
    },
    "map.breaks.invalid": {
        "id": "Batas kelas '{value}' harus angka yang naik, dipisah koma (contoh: 10, 50, 100).",
        "en": "Class breaks '{value}' must be increasing numbers separated by commas (e.g. 10, 50, 100).",
    },
    "map.palette.safe": {"id": "{name} (aman buta warna)", "en": "{name} (colour-blind safe)"},
    "map.classify.fallback": {
        "id": "Klasifikasi tidak dapat dipakai ({reason}); memakai kuantil.",
        "en": "The classification cannot be used ({reason}); using quantiles.",
    },
    # tooltips, table
    "map.rank": {"id": "{rank} dari {total}", "en": "{rank} of {total}"},
    "map.source": {"id": "Sumber data", "en": "Data source"},
    "map.table.heading": {"id": "Wilayah dalam tampilan", "en": "Areas in view"},
    "map.table.value": {"id": "Nilai", "en": "Value"},
    "map.table.rank": {"id": "Peringkat dalam induk", "en": "Rank in parent"},
    "map.table.note": {"id": "Catatan", "en": "Note"},
    "map.details.heading": {"id": "Rincian wilayah", "en": "Area details"},
    "map.details.parents": {"id": "Wilayah induk", "en": "Parent areas"},
    # sample label
    "map.sample.label": {
        "id": "DATA CONTOH (sintetis), bukan data nyata — {name}. {citation}",
        "en": "SAMPLE DATA (synthetic), not real data — {name}. {citation}",
    },
    "map.sample.short": {
        "id": "DATA CONTOH (sintetis), bukan data nyata — {name}",
        "en": "SAMPLE DATA (synthetic), not real data — {name}",
    },
    "map.sample.short_many": {
        "id": "DATA CONTOH (sintetis), bukan data nyata — {count} dataset contoh (lihat Sumber acuan)",
        "en": "SAMPLE DATA (synthetic), not real data — {count} sample datasets (see Sources)",
    },
    "map.sample.sources": {"id": "Sumber acuan", "en": "Sources"},
    # first open of an unprepared province (or level)
    "map.prepare.villages": {
        "id": "Menyiapkan desa Provinsi {province} — sekali saja, ±30 detik",
        "en": "Preparing villages of {province} — once, about 30 s",
    },
    "map.prepare.level": {
        "id": "Menyiapkan batas {level} — sekali saja, ±1 menit",
        "en": "Preparing the {level} boundaries — once, about 1 minute",
    },
    "map.prepare.step.parse": {"id": "Membaca batas wilayah", "en": "Reading the boundaries"},
    "map.prepare.step.repair": {"id": "Memperbaiki poligon", "en": "Repairing the polygons"},
    "map.prepare.step.clean": {"id": "Merapikan batas bersama", "en": "Cleaning the shared edges"},
    "map.prepare.step.simplify": {"id": "Menyederhanakan untuk peta", "en": "Simplifying for the map"},
    "map.prepare.step.write": {"id": "Menyimpan", "en": "Saving"},
    "map.prepare.done": {"id": "{what}: siap", "en": "{what}: ready"},
    # export
    "map.export.heading": {"id": "Ekspor tampilan ini", "en": "Export this view"},
    "map.export.html": {"id": "Unduh peta (HTML, bisa dibuka offline)", "en": "Download map (HTML, opens offline)"},
    "map.export.period": {"id": "Periode", "en": "Period"},
    "map.export.source_line": {"id": "Sumber data: {sources}", "en": "Data source: {sources}"},
    "map.export.geometry_error": {
        "id": "Batas wilayah tidak dapat dimuat; muat ulang halaman.",
        "en": "The area boundaries could not be loaded; reload the page.",
    },
    "map.export.written": {
        "id": "Peta ditulis ke {path} ({size} KB, {count} wilayah).",
        "en": "Map written to {path} ({size} KB, {count} areas).",
    },
    "map.cli.no_data": {
        "id": "Dataset tidak berisi data untuk peta ini; peta ditulis tanpa warna nilai.",
        "en": "The datasets hold no data for this map; the map is written without value colours.",
    },
    # URL corrections (geo.web.viewstate): every corrected key of a link in one message, each note
    # naming the key and the value it had; shared by the Map and Flows pages.
    "url.corrected": {
        "id": "Tautan ini diperbaiki: {notes}",
        "en": "This link was corrected: {notes}",
    },
    "url.default": {"id": "bawaan", "en": "the default"},
    "url.unknown_key": {
        "id": "kunci '{key}' tidak dikenal halaman ini (yang dikenal: {known}); diabaikan.",
        "en": "the key '{key}' is not one of this page's (known keys: {known}); it is ignored.",
    },
    "url.lang": {
        "id": "{key}='{value}' tidak tersedia (pilihan: {known}); memakai Bahasa Indonesia.",
        "en": "{key}='{value}' is not available (choices: {known}); using Bahasa Indonesia.",
    },
    "url.choice": {
        "id": "{key}='{value}' tidak dikenal (pilihan: {known}); memakai {default}.",
        "en": "{key}='{value}' is not known (choices: {known}); using {default}.",
    },
    "url.choice_default": {
        "id": "{key}='{value}' tidak dikenal (pilihan: {known}); memakai bawaan.",
        "en": "{key}='{value}' is not known (choices: {known}); using the default.",
    },
    "url.area_form": {
        "id": "{key}='{value}' bukan kode wilayah (contoh: 21, 21.71 atau 2171); menampilkan seluruh Indonesia.",
        "en": "{key}='{value}' is not an area code (examples: 21, 21.71 or 2171); showing all of Indonesia.",
    },
    "url.area_unknown": {
        "id": "{key}='{value}' tidak ada dalam daftar kode Kepmendagri 2025; menampilkan seluruh Indonesia.",
        "en": "{key}='{value}' is not in the Kepmendagri 2025 code list; showing all of Indonesia.",
    },
    "url.village_area": {
        "id": "{key}={value}: {area} adalah desa/kelurahan; menampilkan desa/kelurahan di kecamatannya ({district}).",
        "en": "{key}={value}: {area} is a village; showing the villages of its district ({district}).",
    },
    "url.national_level": {
        "id": "{key}={value}: {level} tidak ditampilkan untuk seluruh Indonesia; menampilkan {fallback}. "
        "Pilih provinsi untuk melihat {level}.",
        "en": "{key}={value}: {level} is not shown for all of Indonesia; showing {fallback}. "
        "Pick a province to see {level}.",
    },
    "url.level_not_below": {
        "id": "{key}={value}: {level} tidak berada di bawah {area}; menampilkan {fallback} di {area}.",
        "en": "{key}={value}: {level} is not below {area}; showing {fallback} in {area}.",
    },
    "url.dataset": {
        "id": "{key}='{value}' harus nomor dataset 1 sampai {high}, dipisah koma (contoh: 3 atau 3,4), "
        "atau none; memakai dataset aktif.",
        "en": "{key}='{value}' must be dataset numbers from 1 to {high} separated by commas (e.g. 3 or 3,4), "
        "or none; using the active datasets.",
    },
    "url.period": {
        "id": "{key}='{value}' bukan periode (contoh: 2024, 2024-03, 2024-01..2024-06 atau all); "
        "memakai tahun terakhir.",
        "en": "{key}='{value}' is not a period (examples: 2024, 2024-03, 2024-01..2024-06 or all); "
        "using the latest year.",
    },
    "url.whole_number": {
        "id": "{key}='{value}' harus bilangan bulat {low} sampai {high}; memakai {default}.",
        "en": "{key}='{value}' must be a whole number from {low} to {high}; using {default}.",
    },
    "url.palette": {
        "id": "{key}='{value}' bukan palet warna yang dikenal; memakai {default}.",
        "en": "{key}='{value}' is not a known colour palette; using {default}.",
    },
    "url.breaks": {
        "id": "{key}='{value}' harus 1–8 angka yang naik, dipisah koma (contoh: 10,50,100); memakai kuantil.",
        "en": "{key}='{value}' must be 1–8 increasing numbers separated by commas (e.g. 10,50,100); "
        "using quantiles.",
    },
    "url.breaks_missing": {
        "id": "scheme=user_defined memerlukan kunci breaks (contoh: breaks=10,50,100); memakai kuantil.",
        "en": "scheme=user_defined needs the key breaks (e.g. breaks=10,50,100); using quantiles.",
    },
    "url.flag": {
        "id": "{key}='{value}' harus 1 atau 0; memakai 0.",
        "en": "{key}='{value}' must be 1 or 0; using 0.",
    },
}
