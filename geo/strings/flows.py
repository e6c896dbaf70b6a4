"""Strings of the flow-line layer, the Flows page and ``riskmap flows``."""

STRINGS: dict[str, dict[str, str]] = {
    "flows.unit.cases": {"id": "kasus", "en": "cases"},
    "flows.unit.migrants": {"id": "PMI", "en": "migrant workers"},
    "flows.tooltip": {
        "id": "{origin} → {destination}: {count} {unit}{period}",
        "en": "{origin} → {destination}: {count} {unit}{period}",
    },
    "flows.tooltip.route": {"id": "rute: {route}", "en": "route: {route}"},
    "flows.destination_tooltip": {
        "id": "{destination}: {count} {unit}{period}",
        "en": "{destination}: {count} {unit}{period}",
    },
    "flows.label": {"id": "{destination}: {count}", "en": "{destination}: {count}"},
    "flows.country_only": {
        "id": "{country} (negara; kota tidak diketahui)",
        "en": "{country} (country; city not known)",
    },
    "flows.layer_name": {"id": "Aliran asal → tujuan", "en": "Origin → destination flows"},
    "flows.legend.title": {"id": "Aliran ({unit})", "en": "Flows ({unit})"},
    "flows.legend.shown": {"id": "{shown} dari {total} aliran digambar", "en": "{shown} of {total} flows drawn"},
    "flows.legend.suppressed": {
        "id": "{flows} aliran disembunyikan: di bawah {threshold} {unit}, atau dapat mengungkapkan aliran semacam itu",
        "en": "{flows} flows hidden: below {threshold} {unit}, or able to reveal such a flow",
    },
    "flows.legend.rest": {
        "id": "{flows} aliran lain ({count} {unit}) tidak digambar",
        "en": "{flows} other flows ({count} {unit}) not drawn",
    },
    "flows.legend.below_minimum": {
        "id": "{flows} aliran di bawah minimum ({count} {unit}) disembunyikan",
        "en": "{flows} flows below the minimum ({count} {unit}) hidden",
    },
    "flows.legend.unresolved": {
        "id": "{records} catatan dengan tujuan tidak dikenali ({count} {unit}) tidak digambar",
        "en": "{records} records with an unknown destination ({count} {unit}) not drawn",
    },
    "flows.legend.no_origin_point": {
        "id": "{flows} aliran tanpa titik asal di peta ({count} {unit})",
        "en": "{flows} flows without an origin point on the map ({count} {unit})",
    },
    "flows.legend.circles": {"id": "Lingkaran: total per tujuan", "en": "Circles: total per destination"},
    "flows.legend.transit": {"id": "Garis putus-putus: kaki transit", "en": "Dashed: transit legs"},
    "flows.unresolved.unknown_city": {"id": "kota tidak dikenali", "en": "unknown city"},
    "flows.unresolved.unknown_country": {"id": "negara tidak dikenali", "en": "unknown country"},
    "flows.unresolved.bad_coordinates": {"id": "koordinat tidak sah", "en": "invalid coordinates"},
    "flows.unresolved.empty": {"id": "tujuan kosong", "en": "no destination given"},
    "flows.unresolved.country_only": {
        "id": "kota tidak dikenali; digambar ke ibu kota negara",
        "en": "unknown city; drawn to the country's capital",
    },
    "flows.nav": {"id": "Aliran", "en": "Flows"},
    "flows.page.title": {"id": "Aliran asal → tujuan", "en": "Origin → destination flows"},
    "flows.page.intro": {
        "id": "Garis dari wilayah asal ke tempat tujuan (dan transit); tebal dan warna menurut jumlah, panah menunjuk ke tujuan, lingkaran menunjukkan total per tujuan. Angka adalah kasus atau penempatan yang tercatat, bukan prevalensi.",
        "en": "Lines from origin areas to destinations (and transit places); width and colour by volume, arrowheads point to the destination, circles show totals per destination. Figures are recorded cases or placements, not prevalence.",
    },
    "flows.widget.dataset": {"id": "Dataset", "en": "Dataset"},
    "flows.widget.level": {"id": "Tingkat wilayah asal", "en": "Origin level"},
    "flows.widget.province": {"id": "Provinsi asal", "en": "Origin province"},
    "flows.widget.regency": {"id": "Kabupaten/kota asal", "en": "Origin regency/city"},
    "flows.widget.all_indonesia": {"id": "Seluruh Indonesia", "en": "All Indonesia"},
    "flows.widget.all_regencies": {"id": "Semua kabupaten/kota", "en": "All regencies/cities"},
    "flows.widget.country": {"id": "Negara tujuan", "en": "Destination country"},
    "flows.widget.all_countries": {"id": "Semua negara", "en": "All countries"},
    "flows.widget.city": {"id": "Kota tujuan", "en": "Destination city"},
    "flows.widget.all_cities": {"id": "Semua kota", "en": "All cities"},
    "flows.widget.period_from": {"id": "Periode dari", "en": "Period from"},
    "flows.widget.period_to": {"id": "Periode sampai", "en": "Period to"},
    "flows.widget.any_period": {"id": "(semua)", "en": "(all)"},
    "flows.widget.min": {"id": "Jumlah minimum per aliran", "en": "Minimum per flow"},
    "flows.widget.top": {"id": "Aliran terbesar yang digambar", "en": "Largest flows drawn"},
    "flows.summary": {
        "id": "{flows} aliran, {count} {unit}{period}; {drawn} aliran terbesar digambar.",
        "en": "{flows} flows, {count} {unit}{period}; the {drawn} largest are drawn.",
    },
    "flows.none": {"id": "Tidak ada aliran untuk pilihan ini.", "en": "No flows for this selection."},
    "flows.error.period_bound": {
        "id": "Periode '{bound}': tulis tahun (2024) atau bulan (2024-03).",
        "en": "Period '{bound}': give a year (2024) or a month (2024-03).",
    },
    "flows.no_dataset": {
        "id": "Belum ada dataset. Unggah data di halaman Data.",
        "en": "There is no dataset yet. Upload data on the Data page.",
    },
    "flows.table.heading": {"id": "Aliran terbesar", "en": "Largest flows"},
    "flows.table.origin": {"id": "Asal", "en": "Origin"},
    "flows.table.code": {"id": "Kode", "en": "Code"},
    "flows.table.transit": {"id": "Transit", "en": "Transit"},
    "flows.table.destination": {"id": "Tujuan", "en": "Destination"},
    "flows.table.country": {"id": "Negara", "en": "Country"},
    "flows.table.count": {"id": "Jumlah", "en": "Count"},
    "flows.table.records": {"id": "Catatan", "en": "Records"},
    "flows.unresolved.heading": {
        "id": "Tujuan yang tidak dapat dipetakan",
        "en": "Destinations that could not be placed",
    },
    "flows.unresolved.help": {
        "id": "Perbaiki ejaan di berkas (nama Indonesia atau Inggris), atau tambahkan kolom lintang/bujur, lalu unggah ulang sebagai versi baru.",
        "en": "Correct the spelling in the file (Indonesian or English names), or add latitude/longitude columns, then upload it again as a new version.",
    },
    "flows.unresolved.role": {"id": "Peran", "en": "Role"},
    "flows.unresolved.text": {"id": "Teks", "en": "Text"},
    "flows.unresolved.reason": {"id": "Alasan", "en": "Reason"},
    "flows.role.destination": {"id": "tujuan", "en": "destination"},
    "flows.role.transit": {"id": "transit", "en": "transit"},
    "flows.above_level": {
        "id": "{records} catatan berkode di atas tingkat {level} ({count} {unit}) tidak termasuk.",
        "en": "{records} records coded above the {level} level ({count} {unit}) are not included.",
    },
    # URL corrections of the Flows page (geo.web.viewstate; the shared ones are url.* in map.py)
    "url.flow_dataset": {
        "id": "{key}='{value}' harus satu nomor dataset (contoh: 3); memakai dataset kasus aktif.",
        "en": "{key}='{value}' must be one dataset number (e.g. 3); using the active cases dataset.",
    },
    "url.flow_dataset_unknown": {
        "id": "{key}='{value}': dataset ini tidak tersedia; memakai dataset kasus aktif.",
        "en": "{key}='{value}': this dataset is not available; using the active cases dataset.",
    },
    "url.flow_country": {
        "id": "{key}='{value}' bukan negara yang dikenal; menampilkan semua negara.",
        "en": "{key}='{value}' is not a known country; showing every country.",
    },
    "url.flow_period": {
        "id": "{key}='{value}' bukan periode (tahun 2024 atau bulan 2024-03); tanpa batas.",
        "en": "{key}='{value}' is not a period (a year 2024 or a month 2024-03); no limit is used.",
    },
    "url.flow_period_order": {
        "id": "{key}='{value}' tidak sesuai dengan from='{start}' (lebih awal atau beda satuan); tanpa batas akhir.",
        "en": "{key}='{value}' does not fit from='{start}' (earlier, or year against month); no end is used.",
    },
    "url.flow_min": {
        "id": "{key}='{value}' harus angka 0 sampai {high} (contoh: 5 atau 2,5); memakai 0.",
        "en": "{key}='{value}' must be a number from 0 to {high} (e.g. 5 or 2.5); using 0.",
    },
    # the flow layer on the Map page and in `riskmap export-map --flows`
    "flows.map.toggle": {"id": "Tampilkan aliran", "en": "Show flows"},
    "flows.map.toggle_help": {
        "id": "Garis dari wilayah asal (tingkat dan wilayah peta ini) ke tujuan, dari dataset kasus yang dipilih; "
        "aliran terbesar (lihat pilihan di bawah); periode peta bila peta menampilkan kasus, selain itu semua periode.",
        "en": "Lines from the origin areas (this map's level and area) to destinations, from the selected cases "
        "dataset; the largest flows (see the options below), in the map's period when the map shows cases, "
        "else all periods.",
    },
    "flows.map.options": {"id": "Pilihan aliran", "en": "Flow options"},
    "flows.map.no_cases": {
        "id": "Aliran memerlukan dataset kasus: pilih satu di bilah samping.",
        "en": "Flows need a cases dataset: choose one in the sidebar.",
    },
    "flows.map.none": {
        "id": "Tidak ada aliran dari wilayah ini pada dataset kasus (dan periode) yang dipilih.",
        "en": "No flows from these areas in the selected cases dataset (and period).",
    },
    "flows.cli.no_cases": {
        "id": "--flows: tidak ada dataset kasus yang ditampilkan; peta ditulis tanpa aliran.",
        "en": "--flows: no cases dataset is shown; the map is written without flows.",
    },
}
