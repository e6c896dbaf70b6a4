"""Strings of the app shell, the Map page, the About page and the URL (view) messages.

Every key starts with ``ui.`` so that it cannot collide with another topic's strings.
"""

STRINGS: dict[str, dict[str, str]] = {
    # navigation + sidebar
    "ui.nav.map": {"id": "Peta", "en": "Map"},
    "ui.nav.about": {"id": "Tentang & metode", "en": "About & method"},
    "ui.lang.id": {"id": "Bahasa Indonesia", "en": "Bahasa Indonesia"},
    "ui.lang.en": {"id": "English", "en": "English"},
    "ui.tiles.label": {"id": "Peta dasar", "en": "Basemap"},
    "ui.tiles.auto": {
        "id": "Otomatis (OpenStreetMap bila tersedia, selain itu peta dasar aplikasi)",
        "en": "Automatic (OpenStreetMap when reachable, else the app's own basemap)",
    },
    "ui.tiles.osm": {"id": "OpenStreetMap", "en": "OpenStreetMap"},
    "ui.tiles.carto": {"id": "Carto Positron", "en": "Carto Positron"},
    "ui.tiles.none": {
        "id": "Peta dasar aplikasi saja (daratan, provinsi, nama kota; tanpa internet)",
        "en": "The app's own basemap only (land, provinces, place names; no internet)",
    },
    "ui.tiles.help": {
        "id": "Tanpa internet, ubin peta dasar tidak dimuat; daratan, batas provinsi, nama kota dan batas wilayah "
        "tetap tampil karena disajikan oleh aplikasi ini.",
        "en": "Without internet the basemap tiles do not load; land, province outlines, place names and the area "
        "boundaries still show because this app serves them.",
    },
    # map page
    "ui.map.title": {"id": "Peta wilayah", "en": "Area map"},
    "ui.map.province": {"id": "Provinsi", "en": "Province"},
    "ui.map.regency": {"id": "Kabupaten/Kota", "en": "Regency/City"},
    "ui.map.district": {"id": "Kecamatan", "en": "District"},
    "ui.map.all_indonesia": {"id": "Seluruh Indonesia", "en": "All of Indonesia"},
    "ui.map.all_regencies": {"id": "Semua kabupaten/kota", "en": "All regencies/cities"},
    "ui.map.all_districts": {"id": "Semua kecamatan", "en": "All districts"},
    "ui.map.level": {"id": "Tampilkan tingkat", "en": "Show level"},
    "ui.map.breadcrumb": {"id": "Lokasi", "en": "Location"},
    "ui.map.code": {"id": "Kode", "en": "Code"},
    "ui.map.count": {"id": "{count} wilayah ({level}) di {area}.", "en": "{count} areas ({level}) in {area}."},
    "ui.map.click_hint": {
        "id": "Klik sebuah wilayah di peta untuk masuk satu tingkat lebih rinci.",
        "en": "Click an area on the map to drill down one level.",
    },
    "ui.map.selected": {"id": "Dipilih: {name} ({code}).", "en": "Selected: {name} ({code})."},
    "ui.map.no_polygons": {
        "id": "Belum ada poligon untuk {level} di {area}.",
        "en": "There are no polygons yet for {level} in {area}.",
    },
    "ui.map.loading": {"id": "Menyiapkan batas wilayah…", "en": "Preparing boundaries…"},
    "ui.map.legend_title": {"id": "Keterangan", "en": "Legend"},
    # errors
    "ui.error.generic": {
        "id": "Terjadi kesalahan tak terduga. Rinciannya dicatat di log server; coba muat ulang halaman.",
        "en": "Something unexpected went wrong. The details are in the server log; try reloading the page.",
    },
    # about page
    "ui.about.title": {"id": "Tentang peta ini & metodenya", "en": "About this map & its method"},
    "ui.about.purpose": {
        "id": (
            "Peta ini membantu perencana pelindungan pekerja migran Indonesia dan pencegahan perdagangan orang "
            "(KemenP2MI/BP3MI, dinas provinsi dan kabupaten/kota, kepolisian, IOM/LSM) melihat wilayah dari tingkat "
            "nasional sampai desa/kelurahan dan memutuskan ke mana sosialisasi diarahkan."
        ),
        "en": (
            "This map helps planners of Indonesian migrant-worker protection and counter-trafficking "
            "(KemenP2MI/BP3MI, provincial and regency offices, police, IOM/NGOs) look at areas from the national "
            "level down to villages and decide where outreach goes."
        ),
    },
    "ui.about.boundaries_heading": {"id": "Batas wilayah dan kode", "en": "Boundaries and area codes"},
    "ui.about.vintage": {
        "id": (
            "Kode, nama dan batas wilayah mengikuti Keputusan Menteri Dalam Negeri (Kepmendagri) No 300.2.2-2138 "
            "Tahun 2025: 38 provinsi, 514 kabupaten/kota, 7.285 kecamatan dan 83.762 desa/kelurahan. Batas wilayah "
            "disederhanakan untuk tampilan; wilayah yang bertetangga tetap berbagi garis batas yang sama."
        ),
        "en": (
            "Area codes, names and boundaries follow Minister of Home Affairs Decree (Kepmendagri) No 300.2.2-2138 "
            "of 2025: 38 provinces, 514 regencies/cities, 7,285 districts and 83,762 villages. Boundaries are "
            "simplified for display; neighbouring areas still share the same border line."
        ),
    },
    "ui.about.licence": {
        "id": (
            "Data batas dan kode berlisensi MIT (© cahya dsn); atribusi wajib dicantumkan dan tampil di halaman peta. "
            "Perangkat lunak peta ini juga berlisensi MIT."
        ),
        "en": (
            "The boundary and code data are MIT-licensed (© cahya dsn); attribution is required and is shown on the "
            "map page. This map software is MIT-licensed too."
        ),
    },
    "ui.about.tiles": {
        "id": (
            "Ubin peta dasar (opsional): © kontributor OpenStreetMap; Carto Positron © CARTO. Leaflet disajikan "
            "oleh aplikasi ini sendiri, sehingga peta tetap bekerja tanpa internet."
        ),
        "en": (
            "Basemap tiles (optional): © OpenStreetMap contributors; Carto Positron © CARTO. Leaflet is served by "
            "this app itself, so the map keeps working without internet."
        ),
    },
    "ui.about.method_heading": {"id": "Cara membaca angka", "en": "How to read the figures"},
    "ui.about.not_prevalence": {
        "id": (
            "Jumlah kasus yang teridentifikasi bukan prevalensi: angka itu mencerminkan di mana kasus ditemukan dan "
            "dilaporkan (kehadiran layanan, pelaporan, penegakan hukum), bukan seberapa sering perdagangan orang "
            "benar-benar terjadi. Wilayah tanpa kasus tercatat belum tentu aman."
        ),
        "en": (
            "Counts of identified cases are not prevalence: they reflect where cases were found and reported "
            "(presence of services, reporting, law enforcement), not how often trafficking actually happens. An area "
            "with no recorded case is not necessarily safe."
        ),
    },
    "ui.about.url_heading": {"id": "Tautan yang dapat dibagikan", "en": "Shareable links"},
    "ui.about.url_keys": {
        "id": (
            "Tampilan peta tersimpan di alamat (URL): `level` (province, regency, district, village) dan `area` "
            "(kode Kemendagri, dengan atau tanpa titik; kosong berarti seluruh Indonesia), juga `lang` (id, en) "
            "dan `tiles` (osm, carto, none). Contoh: `?level=village&area=21` menampilkan desa/kelurahan di "
            "Kepulauan Riau."
        ),
        "en": (
            "The map view is kept in the address (URL): `level` (province, regency, district, village) and `area` "
            "(a Kemendagri code, dotted or not; absent means all of Indonesia), plus `lang` (id, en) and `tiles` "
            "(osm, carto, none). Example: `?level=village&area=21` shows the villages of Kepulauan Riau."
        ),
    },
}
