"""riskmap: village-level migration and trafficking risk map for Indonesia."""

__version__ = "0.1.0"

LEVELS: tuple[str, ...] = ("province", "regency", "district", "village")
"""Administrative levels, top down (provinsi > kabupaten/kota > kecamatan > desa/kelurahan)."""
