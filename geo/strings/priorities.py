"""Strings of the Prioritas / Priorities page (geo.app.priorities, geo.web.priority_layer) and its URL notes."""

STRINGS: dict[str, dict[str, str]] = {
    "priorities.nav": {"id": "Prioritas", "en": "Priorities"},
    "priorities.title": {"id": "Prioritas penjangkauan", "en": "Outreach priorities"},
    "priorities.intro": {
        "id": "Wilayah diurutkan menurut skor prioritas 0–10 (paparan × dampak × belum terjangkau), masing-masing "
        "dengan alasannya. Kasus teridentifikasi bukan prevalensi. Metode: halaman Tentang & metode.",
        "en": "Areas ranked by a 0–10 priority score (exposure × harm × lack of coverage), each with its reasons. "
        "Identified cases are not prevalence. Method: the About & method page.",
    },
    "priorities.loading": {"id": "Menghitung prioritas…", "en": "Computing priorities…"},
    "priorities.no_data": {
        "id": "Dataset yang dipilih tidak memuat kasus maupun data migrasi di wilayah ini: tidak ada yang dinilai.",
        "en": "The chosen datasets hold neither cases nor migration records here: nothing to score.",
    },
    "priorities.count": {
        "id": "{count} wilayah ({level}) di {area} dinilai · periode {period}.",
        "en": "{count} areas ({level}) in {area} scored · period {period}.",
    },
    "priorities.village_national": {
        "id": "Pilih provinsi untuk menilai desa/kelurahan atau kecamatan.",
        "en": "Pick a province to score districts or villages.",
    },
    "priorities.level": {"id": "Tingkat", "en": "Level"},
    "priorities.period": {"id": "Periode", "en": "Period"},
    # weights
    "priorities.weights.heading": {"id": "Bobot skor", "en": "Score weights"},
    "priorities.weights.help": {
        "id": "0 mengeluarkan komponen; urutan berubah segera. Komponen dirata-rata dalam dimensinya, "
        "dimensi digabung dengan rata-rata geometrik.",
        "en": "0 leaves a component out; the order changes at once. Components are averaged within their "
        "dimension, dimensions combined by a geometric mean.",
    },
    "priorities.weights.all_zero": {
        "id": "Semua bobot komponen atau semua bobot dimensi nol: beri setidaknya satu bobot lebih dari nol.",
        "en": "Every component weight or every dimension weight is zero: give at least one a weight above zero.",
    },
    "priorities.use_active": {"id": "Pakai dataset aktif", "en": "Use the active datasets"},
    "priorities.weights.reset": {"id": "Bobot bawaan", "en": "Default weights"},
    "priorities.weights.components": {"id": "Komponen", "en": "Components"},
    "priorities.weights.dimensions": {"id": "Dimensi", "en": "Dimensions"},
    "priorities.weight.migrants": {"id": "PMI berangkat", "en": "Migrant workers departed"},
    "priorities.weight.non_procedural": {"id": "Bagian non-prosedural", "en": "Non-procedural share"},
    "priorities.weight.cases": {"id": "Kasus", "en": "Cases"},
    "priorities.weight.case_rate": {"id": "Kasus per 1.000 PMI (disesuaikan)", "en": "Cases per 1,000 (smoothed)"},
    "priorities.weight.change": {"id": "Kenaikan kasus", "en": "Rise in cases"},
    "priorities.weight.hotspot": {"id": "Hotspot (Gi*)", "en": "Hot spot (Gi*)"},
    "priorities.weight.uncovered": {"id": "Belum terjangkau program", "en": "No programme within reach"},
    "priorities.weight.exposure": {"id": "Paparan", "en": "Exposure"},
    "priorities.weight.harm": {"id": "Dampak", "en": "Harm"},
    "priorities.weight.coverage": {"id": "Kurangnya jangkauan", "en": "Lack of coverage"},
    # map layer
    "priorities.layer.label": {"id": "Peta menampilkan", "en": "The map shows"},
    "priorities.layer.score": {"id": "Skor prioritas", "en": "Priority score"},
    "priorities.layer.gi": {"id": "Hotspot Gi* (panas/dingin)", "en": "Gi* hot and cold spots"},
    "priorities.layer.moran": {"id": "Klaster Moran lokal", "en": "Local Moran clusters"},
    "priorities.hotspot_on.label": {"id": "Hotspot dihitung dari", "en": "Hot spots computed on"},
    "priorities.hotspot_on.cases": {"id": "jumlah kasus", "en": "case counts"},
    "priorities.hotspot_on.case_rate": {"id": "kasus per 1.000 PMI (disesuaikan)", "en": "cases per 1,000 (smoothed)"},
    "priorities.legend.score": {"id": "Skor prioritas (0–10)", "en": "Priority score (0–10)"},
    "priorities.legend.gi": {"id": "Hotspot Gi* (FDR 5%)", "en": "Gi* hot spots (FDR 5%)"},
    "priorities.legend.moran": {"id": "Klaster Moran lokal (FDR 5%)", "en": "Local Moran clusters (FDR 5%)"},
    "priorities.legend.insufficient": {"id": "Data kurang", "en": "Too little data"},
    "priorities.legend.no_polygon": {"id": "Tidak dinilai", "en": "Not assessed"},
    "priorities.legend.note": {
        "id": "Skor membandingkan wilayah di peta ini saja.",
        "en": "Scores compare the areas of this map only.",
    },
    "priorities.hotspot.hot": {"id": "Panas (hot spot)", "en": "Hot spot"},
    "priorities.hotspot.cold": {"id": "Dingin (cold spot)", "en": "Cold spot"},
    "priorities.hotspot.none": {"id": "Tidak signifikan", "en": "Not significant"},
    "priorities.moran.HH": {"id": "Tinggi dikelilingi tinggi (HH)", "en": "High among high (HH)"},
    "priorities.moran.LL": {"id": "Rendah dikelilingi rendah (LL)", "en": "Low among low (LL)"},
    "priorities.moran.HL": {"id": "Tinggi dikelilingi rendah (HL)", "en": "High among low (HL)"},
    "priorities.moran.LH": {"id": "Rendah dikelilingi tinggi (LH)", "en": "Low among high (LH)"},
    "priorities.moran.none": {"id": "Tidak signifikan", "en": "Not significant"},
    "priorities.tooltip.rank": {"id": "Peringkat {rank} dari {total}", "en": "Rank {rank} of {total}"},
    # table
    "priorities.table.heading": {"id": "Urutan prioritas", "en": "Priority order"},
    "priorities.table.page": {"id": "Halaman tabel", "en": "Table page"},
    "priorities.table.rows": {
        "id": "Baris {first}–{last} dari {total}.",
        "en": "Rows {first}–{last} of {total}.",
    },
    "priorities.column.rank": {"id": "Peringkat", "en": "Rank"},
    "priorities.column.code": {"id": "Kode", "en": "Code"},
    "priorities.column.name": {"id": "Nama", "en": "Name"},
    "priorities.column.parent_code": {"id": "Kode induk", "en": "Parent code"},
    "priorities.column.parents": {"id": "Wilayah induk", "en": "Parent areas"},
    "priorities.column.lat": {"id": "Lintang", "en": "Latitude"},
    "priorities.column.lon": {"id": "Bujur", "en": "Longitude"},
    "priorities.column.score": {"id": "Skor", "en": "Score"},
    "priorities.column.exposure": {"id": "Paparan", "en": "Exposure"},
    "priorities.column.harm": {"id": "Dampak", "en": "Harm"},
    "priorities.column.coverage": {"id": "Kurangnya jangkauan", "en": "Lack of coverage"},
    "priorities.column.cases": {"id": "Kasus", "en": "Cases"},
    "priorities.column.case_rate_per_1000": {"id": "Kasus per 1.000 PMI (disesuaikan)", "en": "Cases per 1,000 (smoothed)"},
    "priorities.column.migrants": {"id": "PMI berangkat", "en": "Migrant workers departed"},
    "priorities.column.non_procedural_percent": {"id": "Non-prosedural (%)", "en": "Non-procedural (%)"},
    "priorities.column.change": {"id": "Perubahan kasus", "en": "Change in cases"},
    "priorities.column.hotspot": {"id": "Hotspot Gi*", "en": "Gi* hot spot"},
    "priorities.column.cluster": {"id": "Klaster panas", "en": "Hot cluster"},
    "priorities.column.moran": {"id": "Klaster Moran lokal", "en": "Local Moran cluster"},
    "priorities.column.insufficient_data": {"id": "Data kurang", "en": "Too little data"},
    "priorities.column.why": {"id": "Alasan", "en": "Why"},
    "priorities.column.kind": {"id": "Jenis", "en": "Kind"},
    "priorities.column.number": {"id": "No.", "en": "No."},
    "priorities.column.reached_count": {"id": "Wilayah terjangkau", "en": "Areas reached"},
    "priorities.column.reached_codes": {"id": "Kode terjangkau", "en": "Codes reached"},
    "priorities.column.reached_names": {"id": "Nama terjangkau", "en": "Names reached"},
    "priorities.column.priority_added": {"id": "Prioritas dijangkau", "en": "Priority reached"},
    "priorities.kind.site": {"id": "lokasi", "en": "site"},
    "priorities.kind.gap": {"id": "celah", "en": "gap"},
    "priorities.yes": {"id": "ya", "en": "yes"},
    # plan
    "priorities.plan.heading": {"id": "Rencana penjangkauan", "en": "Outreach plan"},
    "priorities.plan.sites": {"id": "Jumlah tim / lokasi", "en": "Teams / sites"},
    "priorities.plan.radius": {"id": "Jangkauan (km)", "en": "Reach (km)"},
    "priorities.plan.served": {"id": "Wilayah sudah terlayani (dataset)", "en": "Areas already served (dataset)"},
    "priorities.plan.served_none": {"id": "tidak ada", "en": "none"},
    "priorities.plan.served_help": {
        "id": "Desa/pos program (Desmigratif, P4MI) dari unggahan berjenis layanan: dihitung terjangkau.",
        "en": "Programme villages/posts (Desmigratif, P4MI) from an upload of the served kind: they count as covered.",
    },
    "priorities.plan.served_unavailable": {
        "id": "Dataset layanan {id} tidak tersedia; rencana dibuat tanpa wilayah terlayani.",
        "en": "Served-areas dataset {id} is not available; the plan is made without served areas.",
    },
    "priorities.plan.make": {"id": "Buat rencana", "en": "Make a plan"},
    "priorities.plan.clear": {"id": "Hapus rencana", "en": "Clear the plan"},
    "priorities.plan.summary": {
        "id": "{sites} lokasi, jangkauan {radius} km: {share}% dari prioritas terjangkau ({method}).",
        "en": "{sites} sites, {radius} km reach: {share}% of the priority reached ({method}).",
    },
    "priorities.plan.method.exact": {"id": "optimal, MCLP", "en": "optimal, MCLP"},
    "priorities.plan.method.greedy": {
        "id": "greedy, ≥ 63% dari optimum; batas atas {bound}",
        "en": "greedy, ≥ 63% of the optimum; upper bound {bound}",
    },
    "priorities.plan.none": {
        "id": "Tidak ada wilayah berlokasi untuk direncanakan.",
        "en": "There are no areas with a location to plan for.",
    },
    "priorities.plan.gaps": {
        "id": "Celah: wilayah prioritas tinggi di luar jangkauan setiap lokasi dan program",
        "en": "Gaps: high-priority areas outside every site's and programme's reach",
    },
    "priorities.plan.no_gaps": {
        "id": "Tidak ada celah: setiap wilayah prioritas tinggi terjangkau.",
        "en": "No gaps: every high-priority area is reached.",
    },
    "priorities.plan.layer": {"id": "Rencana penjangkauan", "en": "Outreach plan"},
    "priorities.plan.site_tip": {
        "id": "Lokasi {number}: {name} — menjangkau {count} wilayah dalam {radius} km, prioritas {score}",
        "en": "Site {number}: {name} — reaches {count} areas within {radius} km, priority {score}",
    },
    "priorities.plan.more": {"id": "dan {count} lainnya", "en": "and {count} more"},
    "priorities.plan.gap_tip": {"id": "Celah: {name} (skor {score}) — {why}", "en": "Gap: {name} (score {score}) — {why}"},
    "priorities.plan.legend.site": {"id": "Lokasi dan jangkauannya", "en": "Site and its reach"},
    "priorities.plan.legend.served": {"id": "Sudah terlayani program", "en": "Already served by a programme"},
    "priorities.plan.served_tip": {"id": "Sudah terlayani program: {name}", "en": "Already served by a programme: {name}"},
    "priorities.plan.legend.gap": {"id": "Celah (prioritas tinggi, tak terjangkau)", "en": "Gap (high priority, not reached)"},
    # exports
    "priorities.export.heading": {"id": "Unduh untuk tim lapangan", "en": "Downloads for field teams"},
    "priorities.export.csv": {"id": "Tabel prioritas (CSV)", "en": "Priority table (CSV)"},
    "priorities.export.xlsx": {"id": "Tabel prioritas (XLSX)", "en": "Priority table (XLSX)"},
    "priorities.export.plan_csv": {"id": "Rencana (CSV)", "en": "Plan (CSV)"},
    "priorities.export.plan_xlsx": {"id": "Rencana (XLSX)", "en": "Plan (XLSX)"},
    "priorities.export.html": {"id": "Peta (HTML mandiri)", "en": "Map (standalone HTML)"},
    "priorities.export.title": {"id": "Prioritas penjangkauan · {area}", "en": "Outreach priorities · {area}"},
    "priorities.present.title": {
        "id": "{area} — Prioritas penjangkauan ({level}) · {period}",
        "en": "{area} — Outreach priorities ({level}) · {period}",
    },
    # Method of the priorities (pages/about.py)
    "priorities.method.heading": {"id": "Metode prioritas penjangkauan", "en": "Method of the outreach priorities"},
    "priorities.method.score": {
        "id": "**Skor (0–10).** Mengikuti disiplin INFORM Risk Index (EC JRC / UN OCHA): setiap komponen diberi skala "
        "0–10 dengan cara yang dinyatakan — jumlah (PMI berangkat, kasus, kenaikan kasus) sebagai "
        "10·log(1+x)/log(1+maks) karena sangat menceng; angka kasus yang dihaluskan min-maks sampai persentil "
        "ke-99; bagian non-prosedural sebagai persen/10; hotspot 10 untuk hot spot Gi\\*; belum terjangkau 10 bila "
        "tidak ada program dalam jangkauan. Komponen dirata-rata berbobot dalam dimensinya (paparan, dampak, "
        "kurangnya jangkauan); skor adalah rata-rata geometrik berbobot dari 1 + dimensi, dikurangi 1: dimensi "
        "tidak saling menggantikan. Bobot dapat diubah di halaman Prioritas (kunci URL weights).",
        "en": "**Score (0–10).** Following the discipline of the INFORM Risk Index (EC JRC / UN OCHA), every "
        "component is put on a stated 0–10 scale — counts (migrant workers departed, cases, rise in cases) as "
        "10·log(1+x)/log(1+max) because they are heavily skewed; the smoothed case rate min-max up to its 99th "
        "percentile; the non-procedural share as percent/10; hot spot 10 for a Gi\\* hot spot; uncovered 10 when no "
        "programme is within reach. Components are weighted means within their dimension (exposure, harm, lack "
        "of coverage); the score is the weighted geometric mean of 1 + dimension, minus 1: dimensions do not "
        "substitute for each other. The weights can be changed on the Priorities page (URL key weights).",
    },
    "priorities.method.eb": {
        "id": "**Angka kecil (Empirical Bayes).** Kasus per 1.000 PMI dihaluskan dengan Empirical Bayes global "
        "(penduga momen Marshall): angka wilayah ditarik ke angka keseluruhan makin kuat makin sedikit PMI yang "
        "mendasarinya, sehingga 2 kasus dari 2 PMI tidak mengalahkan 35 dari 400. Wilayah dengan kurang dari 30 "
        "PMI dan kurang dari 10 kasus (atau nilainya disembunyikan) ditandai \"data kurang\" dan diurutkan terakhir.",
        "en": "**Small numbers (Empirical Bayes).** Cases per 1,000 migrant workers are smoothed by global "
        "Empirical Bayes (Marshall's moment estimator): an area's rate is pulled toward the overall rate the more, "
        "the fewer migrant workers it rests on, so 2 cases among 2 no longer outrank 35 among 400. Areas resting on "
        "fewer than 30 migrant workers and fewer than 10 cases (or whose values are hidden) are marked \"too little "
        "data\" and ranked last.",
    },
    "priorities.method.hotspots": {
        "id": "**Hotspot (Gi\\* dengan FDR).** Getis-Ord Gi\\* pada jumlah kasus (atau angka yang dihaluskan) dengan "
        "tetangga bersentuhan ditambah 4 tetangga terdekat, agar pulau tetap punya tetangga; nilai p dari 9.999 "
        "permutasi (sampai 3.000 wilayah, selebihnya pendekatan normal), dua sisi, lalu dikoreksi "
        "Benjamini–Hochberg pada tingkat kesalahan temuan 5%. Panas/dingin/tidak signifikan dapat ditampilkan di "
        "peta; klaster Moran lokal (HH, LL, dan pencilan HL, LH) dengan tetangga dan FDR yang sama adalah "
        "pilihannya.",
        "en": "**Hot spots (Gi\\* with FDR).** Getis-Ord Gi\\* on case counts (or the smoothed rate) with touching "
        "neighbours united with the 4 nearest, so islands have neighbours; p-values from 9,999 permutations (up "
        "to 3,000 areas, else the normal approximation), two-sided, then Benjamini–Hochberg at a 5% false "
        "discovery rate. Hot/cold/not significant can be shown on the map; Local Moran clusters (HH, LL and the "
        "outliers HL, LH) with the same neighbours and FDR are the alternative.",
    },
    "priorities.method.plan": {
        "id": "**Rencana penjangkauan (model cakupan).** Masalah lokasi cakupan maksimal (Church & ReVelle): setiap "
        "wilayah adalah calon lokasi dan permintaan berbobot skornya; sebuah lokasi menjangkau wilayah yang titik "
        "wakilnya dalam radius. Sampai 1.000 wilayah diselesaikan optimal (MCLP, CBC); di atasnya greedy, yang "
        "mencapai sedikitnya 63% dari optimum, dengan batas atasnya. Wilayah yang sudah terlayani dihitung "
        "terjangkau. Celah: 10% skor tertinggi (minimal 10 wilayah) yang tidak terjangkau lokasi atau program mana "
        "pun.",
        "en": "**Outreach plan (covering model).** The maximal covering location problem (Church & ReVelle): every "
        "area is a candidate site and a demand weighted by its score; a site reaches the areas whose "
        "representative points lie within the radius. Up to 1,000 areas it is solved to optimality (MCLP, CBC); "
        "above, greedy, which reaches at least 63% of the optimum, with its upper bound. Areas already served "
        "count as covered. Gaps: the top 10% of scores (at least 10 areas) that no site or programme reaches.",
    },
    "priorities.method.limits": {
        "id": "**Batasan.** Kasus teridentifikasi bukan prevalensi: skor tinggi menunjukkan di mana kasus ditemukan "
        "dan orang berangkat, yang bergantung pada di mana polisi, BP3MI dan LSM mencari. Skala relatif terhadap "
        "wilayah yang dinilai, jadi skor dari tampilan berbeda tidak dapat dibandingkan. Angka kecil tetap tidak "
        "pasti setelah dihaluskan. Titik wakil mewakili seluruh desa dalam rencana: jangkauan di desa besar "
        "bersifat perkiraan. Batas wilayah Kepmendagri 2025, sedangkan data bisa dari tahun lebih lama.",
        "en": "**Limits.** Identified cases are not prevalence: a high score says where cases were found and people "
        "leave, which depends on where police, BP3MI and NGOs look. Scales are relative to the areas ranked, so "
        "scores of different views do not compare. Small numbers remain uncertain after smoothing. A "
        "representative point stands for a whole village in the plan: reach inside large villages is approximate. "
        "Boundaries are the 2025 Kepmendagri ones while data may be of older years.",
    },
    # URL corrections of the Priorities page (geo.web.viewstate; shared notes are url.* in map.py)
    "url.weights": {
        "id": "{key}='{value}' harus pasangan nama=angka 0 sampai {high} dipisah koma, tidak semuanya nol "
        "(nama: {known}); memakai bobot bawaan.",
        "en": "{key}='{value}' must be name=number pairs from 0 to {high} separated by commas, not all zero "
        "(names: {known}); using the default weights.",
    },
    "url.radius": {
        "id": "{key}='{value}' harus angka di atas 0 dan paling banyak {high} (km); memakai {default}.",
        "en": "{key}='{value}' must be a number above 0 and at most {high} (km); using {default}.",
    },
    "url.served": {
        "id": "{key}='{value}' harus satu nomor dataset (contoh: 5); tanpa wilayah terlayani.",
        "en": "{key}='{value}' must be one dataset number (e.g. 5); no served areas are used.",
    },
    "url.hotspots_off": {"id": "skor (tanpa hotspot)", "en": "the score (no hot spots)"},
    "url.no_plan": {"id": "tanpa rencana", "en": "no plan"},
}
