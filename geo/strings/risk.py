"""Strings for indicators, classification, legends and table export (geo.analysis.indicators, geo.analysis.classify, geo.web.legend, geo.web.export)."""

STRINGS: dict[str, dict[str, str]] = {
    # indicators (keys: geo.analysis.indicators.Indicator.label_key)
    "risk.indicator.migrants": {"id": "Jumlah pekerja migran", "en": "Migrant workers"},
    "risk.indicator.migrants_per_1000": {
        "id": "Pekerja migran per 1.000 penduduk",
        "en": "Migrant workers per 1,000 residents",
    },
    "risk.indicator.cases": {"id": "Kasus perdagangan orang", "en": "Trafficking cases"},
    "risk.indicator.cases_per_1000_migrants": {
        "id": "Kasus per 1.000 pekerja migran",
        "en": "Cases per 1,000 migrant workers",
    },
    "risk.indicator.non_procedural_share": {
        "id": "Keberangkatan non-prosedural (%)",
        "en": "Non-procedural departures (%)",
    },
    "risk.measure.value": {"id": "Nilai periode ini", "en": "Value in the period"},
    "risk.measure.change": {"id": "Perubahan dari periode sebelumnya", "en": "Change from the previous period"},
    # classification schemes (keys: geo.analysis.classify.SCHEMES)
    "risk.scheme.quantiles": {"id": "Kuantil (jumlah wilayah sama per kelas)", "en": "Quantiles (equal number of areas per class)"},
    "risk.scheme.natural_breaks": {"id": "Jeda alami (Fisher-Jenks)", "en": "Natural breaks (Fisher-Jenks)"},
    "risk.scheme.equal_interval": {"id": "Interval sama", "en": "Equal interval"},
    "risk.scheme.head_tail_breaks": {"id": "Jeda kepala/ekor (data menjulur)", "en": "Head/tail breaks (heavy-tailed data)"},
    "risk.scheme.user_defined": {"id": "Batas kelas sendiri", "en": "Your own class breaks"},
    "risk.classes": {"id": "Jumlah kelas", "en": "Number of classes"},
    "risk.palette": {"id": "Palet warna", "en": "Colour palette"},
    "risk.palette.colour_blind_safe": {"id": "aman untuk buta warna", "en": "colour-blind safe"},
    "risk.fixed_breaks": {
        "id": "Batas kelas tetap untuk semua periode",
        "en": "Keep class breaks fixed across periods",
    },
    # legend
    "risk.legend.no_data": {"id": "Tidak ada data", "en": "No data"},
    "risk.legend.suppressed": {"id": "Disembunyikan (jumlah kecil)", "en": "Suppressed (small count)"},
    "risk.legend.areas": {"id": "{count} wilayah", "en": "{count} areas"},
    "risk.legend.areas_one": {"id": "{count} wilayah", "en": "{count} area"},
    "risk.legend.note.fixed": {
        "id": "Batas kelas sama untuk semua periode.",
        "en": "Class breaks are the same for every period.",
    },
    "risk.legend.note.fewer_classes": {
        "id": "Data hanya cukup untuk {k} kelas (diminta {requested}).",
        "en": "The data only support {k} classes ({requested} requested).",
    },
    "risk.legend.note.suppressed": {
        "id": (
            "Nilai yang berasal dari kurang dari {threshold} orang atau kasus, dan nilai yang dapat "
            "mengungkapkannya, disembunyikan untuk melindungi privasi."
        ),
        "en": (
            "Values resting on fewer than {threshold} people or cases, and values that would reveal them, "
            "are hidden to protect privacy."
        ),
    },
    "risk.legend.note.zero_vs_no_data": {
        "id": "Abu-abu polos: tidak ada data (bukan nol).",
        "en": "Plain grey: no data (not zero).",
    },
    # table columns (geo.analysis.indicators.TABLE_COLUMNS and export)
    "risk.column.code": {"id": "Kode wilayah", "en": "Area code"},
    "risk.column.name": {"id": "Nama wilayah", "en": "Area name"},
    "risk.column.parent_code": {"id": "Kode induk", "en": "Parent code"},
    "risk.column.value": {"id": "Nilai", "en": "Value"},
    "risk.column.numerator": {"id": "Pembilang", "en": "Numerator"},
    "risk.column.denominator": {"id": "Penyebut", "en": "Denominator"},
    "risk.column.suppressed": {"id": "Disembunyikan", "en": "Suppressed"},
    "risk.column.previous_value": {"id": "Nilai periode sebelumnya", "en": "Previous period value"},
    "risk.column.change": {"id": "Perubahan", "en": "Change"},
    "risk.column.change_percent": {"id": "Perubahan (%)", "en": "Change (%)"},
    "risk.column.rank": {"id": "Peringkat dalam wilayah induk", "en": "Rank within parent area"},
    "risk.column.rank_of": {"id": "Dari", "en": "Of"},
    "risk.column.class": {"id": "Kelas", "en": "Class"},
    "risk.export.csv": {"id": "Unduh tabel (CSV)", "en": "Download table (CSV)"},
    "risk.export.xlsx": {"id": "Unduh tabel (Excel)", "en": "Download table (Excel)"},
}
