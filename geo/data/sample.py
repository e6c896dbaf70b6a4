"""Default sample datasets, generated deterministically (seeded numpy) from the code list.

Used when the store is empty so that every page has something to show. The figures
are **synthetic** and every view must say so (:func:`is_sample`, :func:`citation`):

* **migration** — province totals equal the BP2MI placements of 2023 by province of
  origin (Jawa Timur 68,069; Jawa Tengah 59,009; Jawa Barat 52,961; NTB 33,949;
  Lampung 21,539; Sumatera Utara 10,550; Bali 9,359) and, within Jawa Barat,
  Kabupaten Indramayu 19,178 and Kabupaten Cirebon 10,552. Below that, regencies,
  villages and destination countries are spread at random.
* **cases** — case records concentrated in Kepulauan Riau (villages of Kota Batam
  and Kabupaten Bintan highest); the Kepri-to-Cambodia total is 3,500, after the
  about 3,500 Kepri residents in Cambodia reported by BP3MI Kepulauan Riau (March
  2025) — a population figure, not a count of identified cases. Destinations Phnom
  Penh, Sihanoukville, Bavet, Poipet, Myawaddy and Johor Bahru; some rows transit
  through Johor Bahru. A few cases come from other provinces.

Examples
--------
>>> from geo.data.codes import CodeList
>>> codes = CodeList.from_rows([("32", "Jawa Barat"), ("32.12", "Kabupaten Indramayu"),
...     ("32.12.01", "Haurgeulis"), ("32.12.01.2001", "Sukajati"), ("32.12.01.2002", "Kertanegara")])
>>> frame = migration_records(codes, anchors={"32": 100}, regency_anchors={"32.12": 100})
>>> int(frame["count"].sum()), sorted(frame["area_code"].unique())
(100, ['32.12.01.2001', '32.12.01.2002'])
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd

from geo.data.codes import CodeList

SEED = 2023

PROVINCE_ANCHORS: dict[str, int] = {
    "35": 68_069,  # Jawa Timur
    "33": 59_009,  # Jawa Tengah
    "32": 52_961,  # Jawa Barat
    "52": 33_949,  # Nusa Tenggara Barat
    "18": 21_539,  # Lampung
    "12": 10_550,  # Sumatera Utara
    "51": 9_359,  # Bali
}
"""BP2MI placements of 2023 by province of origin (as cited in issue 3)."""

REGENCY_ANCHORS: dict[str, int] = {
    "32.12": 19_178,  # Kabupaten Indramayu
    "32.09": 10_552,  # Kabupaten Cirebon
}
"""BP2MI placements of 2023 of two regencies (as cited in issue 3)."""

KEPRI = "21"
KEPRI_CAMBODIA_TOTAL = 3_500
"""About 3,500 Kepri residents in Cambodia (BP3MI Kepulauan Riau, March 2025)."""

HOTSPOT_REGENCIES: dict[str, float] = {"21.71": 6.0, "21.01": 5.0}  # Kota Batam, Kabupaten Bintan

MIGRATION_DESTINATIONS: dict[str, float] = {
    "Hong Kong": 0.26, "Taiwan": 0.30, "Malaysia": 0.18, "South Korea": 0.05, "Japan": 0.08,
    "Saudi Arabia": 0.04, "Singapore": 0.05, "Brunei Darussalam": 0.02, "Italy": 0.01, "Poland": 0.01,
}
CASE_DESTINATIONS: tuple[tuple[str, str, float], ...] = (
    ("Cambodia", "Phnom Penh", 0.34),
    ("Cambodia", "Sihanoukville", 0.34),
    ("Cambodia", "Bavet", 0.16),
    ("Cambodia", "Poipet", 0.16),
)
KEPRI_OTHER_CASES: dict[tuple[str, str], int] = {("Myanmar", "Myawaddy"): 380, ("Malaysia", "Johor Bahru"): 520}
OTHER_PROVINCE_CASES: dict[str, int] = {"52": 120, "53": 140, "32": 90, "35": 70, "12": 60, "61": 80}
CASE_MONTHS: tuple[str, ...] = tuple(f"{year}-{month:02d}" for year in (2024, 2025) for month in range(1, 13)
                                     if (year, month) <= (2025, 3))

SOURCES: dict[str, dict[str, str]] = {
    "migration": {
        "en": (
            "Sample data (synthetic). Province totals equal BP2MI placements of Indonesian migrant workers in 2023 "
            "by province of origin — Jawa Timur 68,069; Jawa Tengah 59,009; Jawa Barat 52,961; Nusa Tenggara Barat "
            "33,949; Lampung 21,539; Sumatera Utara 10,550; Bali 9,359 — and Kabupaten Indramayu 19,178 and "
            "Kabupaten Cirebon 10,552 (source: BP2MI, data penempatan PMI 2023). Regencies, villages and "
            "destination countries below these totals are random (seed 2023)."
        ),
        "id": (
            "Data contoh (sintetis). Total provinsi sama dengan penempatan PMI tahun 2023 menurut provinsi asal "
            "dari BP2MI — Jawa Timur 68.069; Jawa Tengah 59.009; Jawa Barat 52.961; Nusa Tenggara Barat 33.949; "
            "Lampung 21.539; Sumatera Utara 10.550; Bali 9.359 — serta Kabupaten Indramayu 19.178 dan Kabupaten "
            "Cirebon 10.552 (sumber: BP2MI, data penempatan PMI 2023). Sebaran ke kabupaten/kota, desa dan negara "
            "tujuan di bawah total tersebut acak (seed 2023)."
        ),
    },
    "cases": {
        "en": (
            "Sample data (synthetic case records, not real cases). Concentrated in Kepulauan Riau (Kota Batam and "
            "Kabupaten Bintan highest); the Kepri-to-Cambodia total of 3,500 follows the about 3,500 Kepri "
            "residents in Cambodia reported by BP3MI Kepulauan Riau (March 2025), a population figure, not a count "
            "of identified trafficking cases. Villages, months, cities, transit and other provinces are random "
            "(seed 2023)."
        ),
        "id": (
            "Data contoh (catatan kasus sintetis, bukan kasus nyata). Terpusat di Kepulauan Riau (Kota Batam dan "
            "Kabupaten Bintan tertinggi); total Kepri ke Kamboja 3.500 mengikuti sekitar 3.500 warga Kepri di "
            "Kamboja menurut BP3MI Kepulauan Riau (Maret 2025), angka penduduk, bukan jumlah kasus perdagangan "
            "orang yang teridentifikasi. Desa, bulan, kota, transit dan provinsi lain acak (seed 2023)."
        ),
    },
}

NAMES: dict[str, str] = {"migration": "Sample: PMI placements 2023", "cases": "Sample: trafficking cases 2024-25"}


def _spread(total: int, weights: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Split an integer total over weights (multinomial: the parts sum exactly to the total)."""
    if len(weights) == 0:
        return np.zeros(0, dtype=np.int64)
    return rng.multinomial(total, weights / weights.sum()).astype(np.int64)


_VILLAGE_CACHE: dict[int, tuple[CodeList, np.ndarray]] = {}


def _villages(codes: CodeList, within: str) -> np.ndarray:
    """Village codes inside ``within`` (binary search in the sorted codes: fast for many calls)."""
    cached = _VILLAGE_CACHE.get(id(codes))
    if cached is None or cached[0] is not codes:
        cached = (codes, np.sort(codes.level("village")["code"].astype(str).to_numpy()))
        _VILLAGE_CACHE[id(codes)] = cached
    villages = cached[1]
    low, high = np.searchsorted(villages, within + "."), np.searchsorted(villages, within + "/")
    return villages[low:high]


def migration_records(codes: CodeList, *, anchors: dict[str, int] | None = None,
                      regency_anchors: dict[str, int] | None = None, seed: int = SEED) -> pd.DataFrame:
    """Synthetic village-level placements whose province/regency totals equal the anchors."""
    anchors = PROVINCE_ANCHORS if anchors is None else anchors
    regency_anchors = REGENCY_ANCHORS if regency_anchors is None else regency_anchors
    rng = np.random.default_rng(seed)
    countries = np.array(list(MIGRATION_DESTINATIONS))
    country_weights = np.array(list(MIGRATION_DESTINATIONS.values()))
    frames = []
    for province, total in anchors.items():
        regencies = sorted(codes.children(province, level="regency")["code"].astype(str))
        fixed = {code: count for code, count in regency_anchors.items() if code in regencies}
        free = [code for code in regencies if code not in fixed]
        regency_totals = dict(fixed)
        regency_totals.update(zip(free, _spread(total - sum(fixed.values()),
                                                rng.lognormal(0.0, 0.8, len(free)), rng), strict=True))
        for regency, regency_total in regency_totals.items():
            villages = _villages(codes, regency)
            if len(villages) == 0 or regency_total == 0:
                continue
            village_counts = _spread(int(regency_total), rng.lognormal(0.0, 1.0, len(villages)), rng)
            # Each village sends most people to one country and the rest to a second one.
            primary = rng.choice(len(countries), size=len(villages), p=country_weights / country_weights.sum())
            secondary = (primary + rng.integers(1, len(countries), size=len(villages))) % len(countries)
            first = rng.binomial(village_counts, 0.7)
            for destination, counts in ((primary, first), (secondary, village_counts - first)):
                keep = counts > 0
                frames.append(pd.DataFrame({
                    "area_code": villages[keep], "destination_country": countries[destination[keep]],
                    "count": counts[keep],
                }))
    frame = pd.concat(frames, ignore_index=True)
    frame = frame.groupby(["area_code", "destination_country"], as_index=False)["count"].sum()
    frame.insert(1, "level", "village")
    frame.insert(2, "period", "2023")
    return frame.reindex(columns=["area_code", "level", "period", "destination_country", "destination_city",
                                  "transit", "sex", "procedural", "count"])


def _case_rows(villages: np.ndarray, weights: np.ndarray, total: int, country: str, city: str,
               rng: np.random.Generator, transit_share: float = 0.0) -> pd.DataFrame:
    per_village = _spread(total, weights, rng)
    keep = per_village > 0
    villages, per_village = villages[keep], per_village[keep]
    months = np.array(CASE_MONTHS)
    month_weights = np.linspace(0.6, 1.4, len(months))  # cases rise towards 2025
    split = rng.multinomial(per_village, month_weights / month_weights.sum())
    village_index, month_index = np.nonzero(split)
    counts = split[village_index, month_index]
    transit = np.where(rng.random(len(counts)) < transit_share, "Johor Bahru", None)
    sex = np.where(rng.random(len(counts)) < 0.62, "male", "female")
    return pd.DataFrame({
        "area_code": villages[village_index], "period": months[month_index], "destination_country": country,
        "destination_city": city, "transit": transit, "sex": sex, "procedural": False, "count": counts,
    })


def case_records(codes: CodeList, seed: int = SEED) -> pd.DataFrame:
    """Synthetic case records concentrated on Kepulauan Riau (Batam and Bintan highest)."""
    rng = np.random.default_rng(seed + 1)
    kepri_villages = _villages(codes, KEPRI)
    weights = rng.lognormal(0.0, 0.9, len(kepri_villages))
    for regency, factor in HOTSPOT_REGENCIES.items():
        weights[np.char.startswith(kepri_villages.astype(str), regency + ".")] *= factor
    frames = []
    cambodia = _spread(KEPRI_CAMBODIA_TOTAL, np.array([share for *_, share in CASE_DESTINATIONS]), rng)
    for (country, city, _share), total in zip(CASE_DESTINATIONS, cambodia, strict=True):
        frames.append(_case_rows(kepri_villages, weights, int(total), country, city, rng, transit_share=0.45))
    for (country, city), total in KEPRI_OTHER_CASES.items():
        frames.append(_case_rows(kepri_villages, weights, total, country, city, rng))
    all_cities = [(country, city) for country, city, _ in CASE_DESTINATIONS] + list(KEPRI_OTHER_CASES)
    for province, total in OTHER_PROVINCE_CASES.items():
        villages = _villages(codes, province)
        if len(villages) == 0:
            continue
        chosen = rng.choice(villages, size=min(len(villages), 60), replace=False)
        for (country, city), part in zip(all_cities, _spread(total, rng.random(len(all_cities)) + 0.2, rng),
                                         strict=True):
            if part:
                frames.append(_case_rows(chosen, rng.lognormal(0.0, 1.0, len(chosen)), int(part), country, city,
                                         rng, transit_share=0.3 if country == "Cambodia" else 0.0))
    frame = pd.concat(frames, ignore_index=True)
    keys = ["area_code", "period", "destination_country", "destination_city", "transit", "sex", "procedural"]
    frame = frame.fillna({"transit": ""}).groupby(keys, as_index=False)["count"].sum()
    frame["transit"] = frame["transit"].astype(object).where(frame["transit"] != "", None)
    frame.insert(1, "level", "village")
    return frame.reindex(columns=["area_code", "level", "period", "destination_country", "destination_city",
                                  "transit", "sex", "procedural", "count"])


def sample_datasets(codes: CodeList | None = None) -> list[dict[str, Any]]:
    """Keyword arguments for :meth:`geo.data.store.Store.save_dataset`, one dict per sample dataset."""
    codes = codes if codes is not None else CodeList.load()
    result = []
    for kind, records in (("migration", migration_records(codes)), ("cases", case_records(codes))):
        total = int(records["count"].sum())
        result.append({
            "kind": kind, "name": NAMES[kind], "records": records, "file_name": None, "sha256": None,
            "uploader": "riskmap (generated)", "note": SOURCES[kind]["en"], "rows_read": len(records),
            "rows_accepted": len(records), "rows_rejected": 0,
            "mapping": {"generator": "geo.data.sample", "seed": SEED},
            "report": {"total": total, "matched_by": {"code": len(records), "name": 0, "fuzzy": 0}},
            "is_sample": True, "sources": json.dumps(SOURCES[kind], ensure_ascii=False), "activate": True,
        })
    return result


def citation(sources: str | None, language: str = "id") -> str:
    """The anchor citation stored with a sample dataset, in ``language`` ("" when there is none).

    Examples
    --------
    >>> citation(json.dumps(SOURCES["cases"]), "en").startswith("Sample data")
    True
    >>> citation(None)
    ''
    """
    if not sources:
        return ""
    try:
        texts = json.loads(sources)
    except json.JSONDecodeError:
        return sources
    if isinstance(texts, dict):
        return str(texts.get(language) or texts.get("id") or next(iter(texts.values()), ""))
    return str(texts)
