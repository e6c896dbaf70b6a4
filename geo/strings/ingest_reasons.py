"""Why an uploaded row was rejected, and how it was matched (Data page and ``riskmap ingest``).

The English texts are exactly the messages the CLI prints (``rejected[].reason``):
:class:`geo.ingest.matching.Reason` renders its English form from here, so keep them in step
with ``tests/ingest``. ``{value!r}``-style placeholders quote the cell as Python would.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # Several reasons for one row.
    "ingest_reason.join": {"id": "{first}; {second}", "en": "{first}; {second}"},
    "ingest_reason.text": {"id": "{text}", "en": "{text}"},
    # Counts, periods and categories (geo/ingest/pipeline.py).
    "ingest_reason.count_empty": {
        "id": "jumlah ({column!r}) kosong",
        "en": "the count ({column!r}) is empty",
    },
    "ingest_reason.count_not_number": {
        "id": "jumlah {value!r} di {column!r} bukan angka ({number_format})",
        "en": "count {value!r} in {column!r} is not a number ({number_format})",
    },
    "ingest_reason.count_negative": {
        "id": "jumlah {value!r} negatif",
        "en": "count {value!r} is negative",
    },
    "ingest_reason.count_fractional": {
        "id": "jumlah {value!r} bukan bilangan bulat",
        "en": "count {value!r} is not a whole number",
    },
    "ingest_reason.period_empty": {
        "id": "periode ({column!r}) kosong",
        "en": "the period ({column!r}) is empty",
    },
    "ingest_reason.period_invalid": {
        "id": "periode {value!r} di {column!r} bukan tanggal, bulan atau tahun (mis. 2023-01 atau 15/01/2023)",
        "en": "period {value!r} in {column!r} is not a date, month or year (e.g. 2023-01 or 15/01/2023)",
    },
    "ingest_reason.year_empty": {
        "id": "tahun ({column!r}) kosong",
        "en": "the year ({column!r}) is empty",
    },
    "ingest_reason.year_month_invalid": {
        "id": "periode {value!r} bukan tahun dan bulan",
        "en": "period {value!r} is not a year and month",
    },
    "ingest_reason.sex_invalid": {
        "id": "jenis kelamin {value!r} bukan L/P (laki-laki/perempuan)",
        "en": "sex {value!r} is not L/P (laki-laki/perempuan)",
    },
    "ingest_reason.procedural_invalid": {
        "id": "prosedural {value!r} bukan prosedural/non-prosedural (ya/tidak)",
        "en": "procedural {value!r} is not prosedural/non-prosedural (ya/tidak)",
    },
    "ingest_reason.personal": {
        "id": "{column!r} berisi data pribadi ({kinds}) di baris ini; hapus data itu",
        "en": "{column!r} holds personal data ({kinds}) in this row; remove it",
    },
    "ingest_reason.personal_cell": {
        "id": "{column!r} berisi data pribadi ({kind}: {masked}); baris ini tidak disimpan. Hapus data itu dari file",
        "en": "{column!r} holds personal data ({kind}: {masked}); the row is not stored. Remove it from the file",
    },
    "ingest_reason.count_identifier": {
        "id": "jumlah {value!r} di {column!r} memiliki {digits} digit: itu nomor identitas (NIK, telepon), bukan "
              "jumlah; baris ini tidak disimpan",
        "en": "count {value!r} in {column!r} has {digits} digits: an identifier (NIK, phone), not a count; "
              "the row is not stored",
    },
    # Kinds of personal data (English as geo.ingest._personal.KINDS).
    "ingest_reason.kind.name": {"id": "nama orang", "en": "people's names"},
    "ingest_reason.kind.nik": {"id": "NIK (nomor induk kependudukan)", "en": "NIK (national identity numbers)"},
    "ingest_reason.kind.phone": {"id": "nomor telepon", "en": "phone numbers"},
    "ingest_reason.kind.passport": {"id": "nomor paspor", "en": "passport numbers"},
    "ingest_reason.kind.email": {"id": "alamat e-mail", "en": "e-mail addresses"},
    "ingest_reason.kind.address": {"id": "alamat jalan", "en": "street addresses"},
    "ingest_reason.kind.birth": {"id": "tanggal atau tempat lahir", "en": "dates or places of birth"},
    "ingest_reason.personal_column": {
        "id": "{column!r}: {kinds}, dikenali dari {how}",
        "en": "{column!r}: {kinds}, recognised by {how}",
    },
    "ingest_reason.evidence.header": {"id": "judul kolomnya", "en": "its header"},
    "ingest_reason.evidence.content": {"id": "isinya", "en": "its content"},
    # Warnings about the file as a whole (geo/ingest/pipeline.py).
    "ingest_reason.no_count_column": {
        "id": "Tidak ada kolom jumlah: setiap baris dihitung sebagai 1 kasus.",
        "en": "No count column: every row counts as 1 case.",
    },
    "ingest_reason.no_period_column": {
        "id": "Tidak ada kolom periode (tahun/bulan/tanggal): data tidak memiliki periode.",
        "en": "No period column (tahun/bulan/tanggal): the records have no period.",
    },
    # Matching areas by name (geo/ingest/matching.py).
    "ingest_reason.level.province": {"id": "provinsi", "en": "province"},
    "ingest_reason.level.regency": {"id": "kabupaten/kota", "en": "regency/city"},
    "ingest_reason.level.district": {"id": "kecamatan", "en": "district (kecamatan)"},
    "ingest_reason.level.village": {"id": "desa/kelurahan", "en": "village (desa/kelurahan)"},
    "ingest_reason.name_empty": {
        "id": "nama {level_word} {name!r} kosong setelah dibersihkan",
        "en": "the {level_word} name {name!r} is empty after cleaning",
    },
    "ingest_reason.options_more": {
        "id": "{options} dan {more} lainnya",
        "en": "{options} and {more} more",
    },
    "ingest_reason.ambiguous_regency": {
        "id": "{level_word} {name!r} ambigu di {scope}: {options}; tulis 'Kota' atau 'Kabupaten', atau isi kodenya",
        "en": "{level_word} {name!r} is ambiguous in {scope}: {options}; write 'Kota' or 'Kabupaten', or give the code",
    },
    "ingest_reason.ambiguous": {
        "id": "{level_word} {name!r} ambigu di {scope}: {options}; isi wilayah induknya (kecamatan/kabupaten) "
              "atau kodenya",
        "en": "{level_word} {name!r} is ambiguous in {scope}: {options}; give the parent area "
              "(kecamatan/kabupaten) or the code",
    },
    "ingest_reason.none_in_scope": {
        "id": "tidak ada {level_word} di {scope}",
        "en": "no {level_word} in {scope}",
    },
    "ingest_reason.closest": {
        "id": "; yang paling mirip {name} ({score:.0f} < {threshold:.0f})",
        "en": "; closest is {name} ({score:.0f} < {threshold:.0f})",
    },
    "ingest_reason.not_found": {
        "id": "{level_word} {name!r} tidak ditemukan di {scope}{closest}",
        "en": "{level_word} {name!r} not found in {scope}{closest}",
    },
    "ingest_reason.fuzzy_ambiguous": {
        "id": "{level_word} {name!r} ambigu di {scope}: mirip dengan {options}; perbaiki ejaannya atau isi kodenya",
        "en": "{level_word} {name!r} is ambiguous in {scope}: close to {options}; correct the spelling or give "
              "the code",
    },
    "ingest_reason.no_area": {
        "id": "tidak ada wilayah: sel kode dan nama kosong",
        "en": "no area: the code and name cells are empty",
    },
    "ingest_reason.not_matched": {"id": "tidak cocok dengan wilayah mana pun", "en": "not matched"},
    "ingest_reason.code_and_name": {
        "id": "{code} Dan menurut nama: {name}",
        "en": "{code} And by name: {name}",
    },
    # Notes on accepted rows.
    "ingest_reason.fuzzy_note": {
        "id": "{name!r} ≈ {match} ({score:.0f})",
        "en": "{name!r} ≈ {match} ({score:.0f})",
    },
    "ingest_reason.code_not_used": {"id": "kode tidak dipakai ({error})", "en": "code not used ({error})"},
    # Kemendagri codes (geo/data/codes.py, InvalidCodeError.key); English as str(error).
    "code_error.province_range": {
        "id": "Kode wilayah {raw!r}: bagian provinsi {province!r} bukan nomor provinsi (11–99).",
        "en": "Kode wilayah {raw!r}: province part {province!r} is not a province number (11–99).",
    },
    "code_error.part_zero": {
        "id": "Kode wilayah {raw!r}: bagian {part!r} tidak boleh 00.",
        "en": "Kode wilayah {raw!r}: part {part!r} cannot be 00.",
    },
    "code_error.village_start": {
        "id": "Kode wilayah {raw!r}: bagian desa {part!r} harus diawali 1 (kelurahan) atau 2 (desa).",
        "en": "Kode wilayah {raw!r}: village part {part!r} must start with 1 (kelurahan) or 2 (desa).",
    },
    "code_error.empty": {"id": "Kode wilayah kosong.", "en": "Kode wilayah is empty."},
    "code_error.not_code": {
        "id": "Kode wilayah {raw!r} bukan kode.",
        "en": "Kode wilayah {raw!r} is not a code.",
    },
    "code_error.decimals": {
        "id": "Kode wilayah {raw!r} berupa angka desimal; tulis kodenya sebagai teks.",
        "en": "Kode wilayah {raw!r} is a number with decimals; write the code as text.",
    },
    "code_error.scientific": {
        "id": "Kode wilayah {raw!r} kehilangan digit karena notasi ilmiah; format kolomnya sebagai teks.",
        "en": "Kode wilayah {raw!r} lost digits in scientific notation; format the column as text.",
    },
    "code_error.digit_count": {
        "id": "Kode wilayah {raw!r} terdiri dari {digits} digit; kode terdiri dari 2 (provinsi), 4 (kabupaten/kota), "
              "6 (kecamatan) atau 10 (desa) digit.",
        "en": "Kode wilayah {raw!r} has {digits} digits; a code has 2 (province), 4 (regency), "
              "6 (district) or 10 (village) digits.",
    },
    "code_error.format": {
        "id": "Kode wilayah {raw!r} bukan kode: pakai angka dengan titik, seperti 21.71.01.1001 atau 2171011001.",
        "en": "Kode wilayah {raw!r} is not a code: use digits with dots, such as 21.71.01.1001 or 2171011001.",
    },
    "code_error.province_digits": {
        "id": "Kode wilayah {raw!r}: bagian provinsi harus 2 digit.",
        "en": "Kode wilayah {raw!r}: the province part must have 2 digits.",
    },
    "code_error.village_digits": {
        "id": "Kode wilayah {raw!r}: bagian desa harus 4 digit.",
        "en": "Kode wilayah {raw!r}: the village part must have 4 digits.",
    },
    "code_error.part_digits": {
        "id": "Kode wilayah {raw!r}: bagian {part!r} harus 2 digit.",
        "en": "Kode wilayah {raw!r}: part {part!r} must have 2 digits.",
    },
    "code_error.ambiguous_form": {
        "id": "Kode wilayah {raw!r} ambigu: bisa berarti {options}. Tulis semua digitnya, sebagai teks.",
        "en": "Kode wilayah {raw!r} is ambiguous: it could be {options}. Write all digits, as text.",
    },
    "code_error.unknown": {
        "id": "Kode wilayah {code!r} tidak ada dalam daftar kode Kepmendagri 2025.",
        "en": "Kode wilayah {code!r} is not in the Kepmendagri 2025 code list.",
    },
    "code_error.ambiguous_existing": {
        "id": "Kode wilayah {raw!r} ambigu: {options} sama-sama ada. Tulis semua digitnya, sebagai teks.",
        "en": "Kode wilayah {raw!r} is ambiguous: both {options} exist. Write all digits, as text.",
    },
    "code_error.not_in_list": {
        "id": "Kode wilayah {raw!r} formatnya benar tetapi tidak ada dalam daftar kode Kepmendagri 2025.",
        "en": "Kode wilayah {raw!r} is well formed but not in the Kepmendagri 2025 code list.",
    },
}
