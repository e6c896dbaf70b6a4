"""Strings shared by every page: app chrome, levels, attribution, view errors."""

STRINGS: dict[str, dict[str, str]] = {
    "app.title": {"id": "Peta risiko migrasi & perdagangan orang", "en": "Migration & trafficking risk map"},
    "app.language": {"id": "Bahasa", "en": "Language"},
    "level.province": {"id": "Provinsi", "en": "Province"},
    "level.regency": {"id": "Kabupaten/Kota", "en": "Regency/City"},
    "level.district": {"id": "Kecamatan", "en": "District"},
    "level.village": {"id": "Desa/Kelurahan", "en": "Village"},
    "area.indonesia": {"id": "Indonesia", "en": "Indonesia"},
    "attribution.boundaries": {
        "id": "Batas & kode wilayah: cahyadsn/wilayah_boundaries dan cahyadsn/wilayah (© cahya dsn, lisensi MIT), sesuai Kepmendagri No 300.2.2-2138 Tahun 2025.",
        "en": "Boundaries & area codes: cahyadsn/wilayah_boundaries and cahyadsn/wilayah (© cahya dsn, MIT licence), following Kepmendagri No 300.2.2-2138 of 2025.",
    },
    "view.invalid_level": {
        "id": "Tingkat wilayah '{value}' tidak dikenal; menampilkan tampilan nasional.",
        "en": "Unknown level '{value}'; showing the national view.",
    },
}
