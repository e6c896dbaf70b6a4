"""Strings of the one-page brief (geo.web.brief, ``riskmap brief``, the Map page's PDF button)."""

STRINGS: dict[str, dict[str, str]] = {
    "brief.title": {"id": "Ringkasan risiko: {area}", "en": "Risk brief: {area}"},
    "brief.country": {"id": "Indonesia", "en": "Indonesia"},
    "brief.subtitle": {
        "id": "{indicator} per {level} · {count} wilayah",
        "en": "{indicator} by {level} · {count} areas",
    },
    "brief.made": {"id": "Dibuat {date} · pembaca: {audience}", "en": "Made {date} · audience: {audience}"},
    "brief.audience.public": {"id": "publik", "en": "public"},
    "brief.audience.analyst": {"id": "analis (angka kecil ditampilkan)", "en": "analyst (small counts shown)"},
    "brief.no_data": {
        "id": "Tidak ada data untuk wilayah dan periode ini.",
        "en": "There is no data for this area and period.",
    },
    "brief.map.heading": {"id": "Peta", "en": "Map"},
    "brief.top.heading": {"id": "10 wilayah prioritas", "en": "Top 10 priority areas"},
    "brief.top.heading_by_value": {
        "id": "10 wilayah dengan nilai tertinggi",
        "en": "Top 10 areas by value",
    },
    "brief.top.pending": {
        "id": "Urutan menurut nilai indikator peta (data ini tidak memberi skor prioritas).",
        "en": "Ordered by the map's indicator (these data give no priority score).",
    },
    "brief.top.priority_note": {
        "id": "Skor 0–10: paparan (PMI berangkat, porsi non-prosedural) dan dampak (kasus, angka kasus, kenaikan, "
              "klaster panas), seperti riskmap rank. Kasus yang teridentifikasi bukan prevalensi.",
        "en": "Score 0–10: exposure (departures, non-procedural share) and harm (cases, case rate, rise, hot "
              "clusters), as in riskmap rank. Identified cases are not prevalence.",
    },
    "brief.top.none": {
        "id": "Tidak ada wilayah dengan nilai yang dapat ditampilkan.",
        "en": "No area has a value that can be shown.",
    },
    "brief.column.rank": {"id": "#", "en": "#"},
    "brief.column.area": {"id": "Wilayah", "en": "Area"},
    "brief.column.score": {"id": "Skor", "en": "Score"},
    "brief.column.why": {"id": "Alasan", "en": "Why"},
    "brief.column.rank_in_parent": {"id": "Peringkat dalam induk", "en": "Rank in parent"},
    "brief.flows.heading": {"id": "Arus kasus", "en": "Case flows"},
    "brief.flows.none": {
        "id": "Tidak ada dataset kasus dalam tampilan ini.",
        "en": "This view shows no cases dataset.",
    },
    "brief.flows.top": {"id": "Tujuan utama: {destinations}", "en": "Main destinations: {destinations}"},
    "brief.sources.heading": {"id": "Sumber dan catatan", "en": "Sources and notes"},
    "brief.sources.datasets": {"id": "Data: {datasets}", "en": "Data: {datasets}"},
    "brief.footer": {
        "id": "riskmap · peta risiko migrasi & perdagangan orang · halaman 1 dari 1",
        "en": "riskmap · migration & trafficking risk map · page 1 of 1",
    },
    "brief.more": {"id": "… dan {count} lagi", "en": "… and {count} more"},
    "brief.error.level": {
        "id": "--level {level} tidak bisa ditampilkan di dalam {area}: pilih tingkat di bawah {area_level}.",
        "en": "--level {level} cannot be shown inside {area}: choose a level below {area_level}.",
    },
    "brief.error.village_area": {
        "id": "--area {area} adalah desa; ringkasan menampilkan wilayah di dalam sebuah provinsi, kabupaten/kota "
              "atau kecamatan. Pilih kode yang lebih tinggi.",
        "en": "--area {area} is a village; a brief shows the areas inside a province, regency/city or district. "
              "Choose a higher code.",
    },
    "brief.cli.help": {
        "id": "tulis ringkasan satu halaman (PDF A4) sebuah wilayah, dan petanya sebagai PNG",
        "en": "write the one-page brief (A4 PDF) of an area, and its map as PNG",
    },
    "brief.cli.description": {
        "id": "Ringkasan satu halaman A4 sebuah wilayah: peta dengan legenda (kelas dan warna seperti di aplikasi), "
              "10 wilayah prioritas, ringkasan arus, label data contoh, sumber dan atribusi batas. Untuk pembaca "
              "publik angka kecil disembunyikan.",
        "en": "One A4 page about an area: the map with its legend (the app's classes and colours), the top-10 "
              "priority areas, a flows summary, the sample label, sources and boundary attribution. For the public "
              "audience small counts are hidden.",
    },
    "brief.cli.area": {"id": "kode wilayah (mis. 21.71)", "en": "area code (e.g. 21.71)"},
    "brief.cli.dataset": {
        "id": "id dataset (ulangi untuk migrasi dan kasus; bawaan: dataset aktif)",
        "en": "dataset id (repeat for migration and cases; default: the active datasets)",
    },
    "brief.cli.level": {
        "id": "tingkat wilayah yang digambar (bawaan: satu di bawah --area)",
        "en": "level of the areas drawn (default: one below --area)",
    },
    "brief.cli.period": {
        "id": "2024, 2024-03, 2024-01..2024-06 atau all (bawaan: tahun terakhir)",
        "en": "2024, 2024-03, 2024-01..2024-06 or all (default: latest year)",
    },
    "brief.cli.indicator": {
        "id": "indikator peta (bawaan: yang pertama yang ada datanya)",
        "en": "the map's indicator (default: the first with data)",
    },
    "brief.cli.audience": {
        "id": "public (bawaan): angka kecil disembunyikan; analyst: semua angka",
        "en": "public (default): small counts hidden; analyst: every value",
    },
    "brief.cli.lang": {"id": "bahasa ringkasan (bawaan: bahasa jalannya perintah)", "en": "language of the brief (default: the run's)"},
    "brief.cli.out": {"id": "berkas PDF yang ditulis", "en": "the PDF file to write"},
    "brief.cli.png": {"id": "tulis juga peta saja sebagai PNG", "en": "also write the map alone as PNG"},
    "brief.cli.written": {
        "id": "Ringkasan ditulis ke {path} ({size} KB, {count} wilayah, {seconds} dtk).",
        "en": "Brief written to {path} ({size} KB, {count} areas, {seconds} s).",
    },
    "brief.cli.png_written": {"id": "Peta ditulis ke {path} ({size} KB).", "en": "Map written to {path} ({size} KB)."},
    "brief.button": {"id": "Ringkasan PDF", "en": "PDF brief"},
    "brief.button.help": {
        "id": "Satu halaman A4: peta, legenda, 10 wilayah teratas, arus, sumber.",
        "en": "One A4 page: map, legend, top 10 areas, flows, sources.",
    },
}
