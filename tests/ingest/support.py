"""Helpers shared by the ingest tests: writing small files, the messy real-world example."""

from __future__ import annotations

from pathlib import Path

MESSY = (
    "\ufeffKode Wilayah;Nama Desa/Kelurahan;Kecamatan;Kabupaten/Kota;Provinsi;Bulan;Tahun;Jumlah PMI;"
    "Negara Tujuan;Nama PMI;No HP;JK;\r\n"
    "21.71.03.1003;Tanjung Riau;Sekupang;Kota Batam;Kepulauan Riau;Januari;2023;1.234;Malaysia;Siti;0812345678;P;\r\n"
    "2171031003;Tanjung Riau;Sekupang;Batam;Kepri;2;2023;12;Singapura;Budi;0812345679;L;\r\n"
    ";Tj. Pinang Barat;;Kota Tanjung Pinang;Kepulauan Riau;3;2023;7;Malaysia;Andi;;L;\r\n"
    ";Tanjung Pinang Barta;;Tanjungpinang;Kepri;3;2023;8;Malaysia;Dewi;;P;\r\n"
    "21.71;;;;;4;2023;1.000;Hong Kong;;;;\r\n"
    "21 72 01 1002;Kemboja;;;;4;2023;2;Taiwan;;;P;\r\n"
    "99.99.99.9999;;;;;5;2023;3;Taiwan;;;;\r\n"
    "21.71.03.1003;;;;;13;2023;3;Taiwan;;;;\r\n"
    "21.71.03.1003;;;;;5;2023;-3;Taiwan;;;;\r\n"
    ";;;;;;;;;;;;\r\n"
    "21.71.03.1003;;;;;5;2023;banyak;Taiwan;;;;\r\n"
    ";Desa Antah Berantah;;Kota Batam;;5;2023;4;Taiwan;;;;\r\n"
)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` with ``encoding`` (newlines kept as given) and return the path."""
    path.write_bytes(text.encode(encoding))
    return path
