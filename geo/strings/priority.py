"""Strings of priorities, hotspots and outreach plans (geo.analysis.priority, geo.analysis.plan, riskmap rank/plan)."""

STRINGS: dict[str, dict[str, str]] = {
    "priority.why.cases": {"id": "{cases} kasus, peringkat {rank} dari {of}", "en": "{cases} cases, rank {rank} of {of}"},
    "priority.why.rate": {
        "id": "{rate} per 1.000 PMI (disesuaikan untuk angka kecil)",
        "en": "{rate} per 1,000 migrant workers (adjusted for small numbers)",
    },
    "priority.why.migrants": {"id": "{migrants} PMI berangkat", "en": "{migrants} migrant workers departed"},
    "priority.why.non_procedural": {"id": "{share}% non-prosedural", "en": "{share}% non-procedural"},
    "priority.why.change": {
        "id": "{change} kasus dibanding periode sebelumnya",
        "en": "{change} cases on the previous period",
    },
    "priority.why.hot": {"id": "bagian dari klaster panas {cluster}", "en": "part of the {cluster} hot cluster"},
    "priority.why.cold": {"id": "bagian dari klaster dingin", "en": "part of a cold cluster"},
    "priority.why.uncovered": {"id": "belum terjangkau program", "en": "no programme within reach"},
    "priority.why.served": {"id": "sudah terjangkau program", "en": "a programme is within reach"},
    "priority.why.nothing": {"id": "tidak ada data", "en": "no data"},
    "priority.insufficient": {"id": "data kurang", "en": "too little data"},
    "priority.error.weight": {
        "id": "--weights: {item!r} tidak dikenal atau bukan angka ≥ 0. Nama yang dikenal: {names}. Contoh: cases=2,migrants=0.5",
        "en": "--weights: {item!r} is unknown or not a number ≥ 0. Known names: {names}. Example: cases=2,migrants=0.5",
    },
    "priority.error.all_zero": {
        "id": "--weights: semua bobot nol; beri setidaknya satu komponen bobot lebih dari nol.",
        "en": "--weights: every weight is zero; give at least one component a weight above zero.",
    },
    "priority.error.no_data": {
        "id": "Dataset ini tidak memuat kasus maupun data migrasi untuk dinilai.",
        "en": "These datasets hold neither cases nor migration records to score.",
    },
    "priority.help.rank": {
        "id": "urutkan wilayah menurut prioritas penjangkauan (skor transparan, JSON)",
        "en": "rank areas by outreach priority (transparent score, JSON)",
    },
    "priority.help.plan": {
        "id": "pilih lokasi penjangkauan yang menjangkau prioritas terbesar (JSON)",
        "en": "choose outreach sites that reach the most priority (JSON)",
    },
    "priority.help.dataset": {
        "id": "id dataset (ulangi untuk dataset migrasi dan kasus; lihat `riskmap datasets`)",
        "en": "dataset id (repeat for a migration and a cases dataset; see `riskmap datasets`)",
    },
    "priority.help.level": {"id": "tingkat wilayah yang dinilai", "en": "level of the areas scored"},
    "priority.help.within": {
        "id": "hanya wilayah di dalam kode provinsi/kabupaten/kecamatan ini",
        "en": "only areas inside this province/regency/district code",
    },
    "priority.help.period": {
        "id": "2024, 2024-03, 2024-01..2024-06 atau all (bawaan: tahun terakhir)",
        "en": "2024, 2024-03, 2024-01..2024-06 or all (default: latest year)",
    },
    "priority.help.top": {"id": "hanya N wilayah teratas", "en": "only the top N areas"},
    "priority.help.weights": {
        "id": "bobot, mis. cases=2,exposure=0.5 (komponen: {components}; dimensi: {dimensions})",
        "en": "weights, e.g. cases=2,exposure=0.5 (components: {components}; dimensions: {dimensions})",
    },
    "priority.help.audience": {
        "id": "public (bawaan): angka kecil disembunyikan; analyst: semua nilai",
        "en": "public (default): small counts suppressed; analyst: every value",
    },
    "priority.help.hotspot_on": {
        "id": "indikator hotspot Gi*: cases (jumlah kasus, bawaan) atau case_rate (kasus per 1.000 PMI, disesuaikan)",
        "en": "indicator of the Gi* hotspots: cases (case counts, default) or case_rate (cases per 1,000 migrants, smoothed)",
    },
    "priority.help.hotspots": {
        "id": "statistik hotspot: gi (Getis-Ord Gi*, bawaan) atau moran (Local Moran: klaster HH panas, LL dingin)",
        "en": "hotspot statistic: gi (Getis-Ord Gi*, default) or moran (Local Moran: HH clusters hot, LL cold)",
    },
    "priority.help.json": {"id": "cetak JSON (satu-satunya format)", "en": "print JSON (the only format)"},
    "priority.help.sites": {"id": "jumlah lokasi", "en": "number of sites"},
    "priority.help.radius": {"id": "jangkauan tiap lokasi dalam km", "en": "reach of each site in km"},
    "priority.help.served": {
        "id": "id dataset jenis served (desa/pos program yang sudah ada: Desmigratif, P4MI), atau CSV berisi kolom "
              "code; wilayah ini dihitung terjangkau",
        "en": "id of a dataset of kind served (existing programme villages/posts: Desmigratif, P4MI), or a CSV with "
              "a code column; these areas count as covered",
    },
    "priority.error.served_dataset": {
        "id": "--served {id}: tidak ada dataset dengan id ini untuk audiens {audience}; "
              "lihat `riskmap datasets --kind served`.",
        "en": "--served {id}: no dataset with this id is available to the {audience} audience; "
              "see `riskmap datasets --kind served`.",
    },
    "priority.error.served_kind": {
        "id": "--served {id} adalah dataset jenis {kind}, bukan daftar wilayah terlayani; unggah daftar itu dengan "
              "`riskmap ingest FILE --kind served` lalu beri id-nya.",
        "en": "--served {id} is a {kind} dataset, not a list of served areas; upload that list with "
              "`riskmap ingest FILE --kind served` and give its id.",
    },
    "priority.error.served_file": {
        "id": "--served {path}: {problem}. Beri CSV dengan kolom 'code' berisi kode Kemendagri (mis. 21.71.01.1001).",
        "en": "--served {path}: {problem}. Give a CSV with a 'code' column of Kemendagri codes (e.g. 21.71.01.1001).",
    },
    "priority.error.served_codes": {
        "id": "--served {path}: baris {rows}: kode tidak dikenal di daftar Kemendagri 2025.",
        "en": "--served {path}: row(s) {rows}: code not in the Kepmendagri 2025 list.",
    },
    "priority.error.positive": {
        "id": "'{value}' bukan angka lebih dari nol (contoh: 10)",
        "en": "'{value}' is not a number above zero (e.g. 10)",
    },
    "priority.error.sites": {
        "id": "--sites dan --radius-km harus lebih dari nol.",
        "en": "--sites and --radius-km must be above zero.",
    },
    "priority.error.within_level": {
        "id": "--within {code} adalah {level}: pilih --level di bawahnya.",
        "en": "--within {code} is a {level}: choose a --level below it.",
    },
    "priority.error.dataset": {
        "id": "Dataset {id} tidak tersedia untuk audiens {audience}; lihat `riskmap datasets`.",
        "en": "Dataset {id} is not available to the {audience} audience; see `riskmap datasets`.",
    },
    "priority.error.period": {
        "id": "--period {value!r}: beri tahun (2024), bulan (2024-03), rentang (2024-01..2024-06) atau all.",
        "en": "--period {value!r}: give a year (2024), a month (2024-03), a range (2024-01..2024-06) or all.",
    },
}
