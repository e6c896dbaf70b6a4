"""Strings of the Map page's choropleth (geo.web.mapview, the map widgets, export-map)."""

STRINGS: dict[str, dict[str, str]] = {
    # datasets
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
}
