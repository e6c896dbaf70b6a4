"""Default sample datasets, generated deterministically (seeded numpy) from the code list.

Used when the store is empty so that every page has something to show. The figures
are **synthetic** and every view must say so (:func:`is_sample`, :func:`citation`):

* **migration** — all 38 provinces down to villages, months of 2023–2025, each record
  procedural or non-procedural. Anchors: the 2023 totals (procedural and non-procedural
  together) equal the BP2MI placements of 2023 — national 274,965 and the ten provinces
  and two regencies in :data:`PROVINCE_ANCHORS` and :data:`REGENCY_ANCHORS`; Kepulauan
  Riau's procedural departures of January–March 2025 sum to 1,070, the legal placements
  BP3MI Kepulauan Riau reported in March 2025, with villages of Kota Batam and Kabupaten
  Bintan highest; the non-procedural share of each province is synthetic (higher in
  border and transit provinces), scaled so that the expected national non-procedural count
  of the nine months November 2024 – July 2025 is at the scale of the 4,822
  non-procedural departures KemenP2MI reported prevented in nine months (July 2025).
  Everything below these figures is spread at random: the other provinces share the
  rest of the national total, 2024 and 2025 vary around 2023, regencies, villages,
  months and destination countries are drawn.
* **cases** — case records concentrated in Kepulauan Riau (villages of Kota Batam
  and Kabupaten Bintan highest); the Kepri-to-Cambodia total is 3,500, after the
  about 3,500 Kepri residents in Cambodia reported by BP3MI Kepulauan Riau (March
  2025) — a population figure, not a count of identified cases. Destinations Phnom
  Penh, Sihanoukville, Bavet, Poipet, Myawaddy and Johor Bahru; some rows transit
  through Johor Bahru. A few cases come from other provinces. Months 2023–2025.

The record count is kept bounded (the app loads every record into memory): a village
appears in a month only when it has departures that month, and a village with fewer
than :data:`MONTHLY_MINIMUM` departures in a year has one record for the year.

Examples
--------
>>> from geo.data.codes import CodeList
>>> codes = CodeList.from_rows([("32", "Jawa Barat"), ("32.12", "Kabupaten Indramayu"),
...     ("32.12.01", "Haurgeulis"), ("32.12.01.2001", "Sukajati"), ("32.12.01.2002", "Kertanegara")])
>>> frame = migration_records(codes, anchors={"32": 100}, regency_anchors={"32.12": 100}, national=100)
>>> year_2023 = frame[frame["period"].str.startswith("2023")]
>>> int(year_2023["count"].sum()), sorted(frame["area_code"].unique())
(100, ['32.12.01.2001', '32.12.01.2002'])
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from geo.data.codes import CodeList

SEED = 2023

NATIONAL_2023 = 274_965
"""BP2MI placements of Indonesian migrant workers in 2023, all provinces."""

PROVINCE_ANCHORS: dict[str, int] = {
    "35": 68_069,  # Jawa Timur
    "33": 59_009,  # Jawa Tengah
    "32": 52_961,  # Jawa Barat
    "52": 33_949,  # Nusa Tenggara Barat
    "18": 21_539,  # Lampung
    "12": 10_550,  # Sumatera Utara
    "51": 9_359,  # Bali
    "36": 3_183,  # Banten
    "16": 2_088,  # Sumatera Selatan
    "73": 2_076,  # Sulawesi Selatan
}
"""BP2MI placements of 2023 by province of origin."""

REGENCY_ANCHORS: dict[str, int] = {
    "32.12": 19_178,  # Kabupaten Indramayu
    "32.09": 10_552,  # Kabupaten Cirebon
}
"""BP2MI placements of 2023 of two regencies."""

KEPRI = "21"
KEPRI_2023 = 4_000
"""Kepulauan Riau's 2023 total: synthetic (no published anchor), part of the national rest."""
KEPRI_Q1_2025_PROCEDURAL = 1_070
"""Legal placements reported by BP3MI Kepulauan Riau in March 2025: the sample's Kepri
procedural departures of January–March 2025."""
KEPRI_Q1_2025 = ("2025-01", "2025-02", "2025-03")

NON_PROCEDURAL_NINE_MONTHS = 4_822
"""Non-procedural departures prevented in nine months (KemenP2MI, July 2025)."""
NINE_MONTHS = tuple(f"2024-{month:02d}" for month in (11, 12)) + tuple(f"2025-{month:02d}" for month in range(1, 8))
"""The nine months up to July 2025 the KemenP2MI figure covers in the sample."""

NON_PROCEDURAL_WEIGHTS: dict[str, float] = {
    "21": 6.0, "53": 5.0, "61": 4.0, "65": 4.0, "52": 2.5, "14": 2.0, "12": 2.0, "64": 2.0, "73": 1.5,
}
"""Relative non-procedural share of border and transit provinces (synthetic; others 1)."""

YEAR_TRENDS: dict[int, float] = {2023: 1.0, 2024: 1.08, 2025: 1.12}
"""National level of 2024 and 2025 against 2023 (synthetic; each province varies around it)."""

YEARS = tuple(YEAR_TRENDS)
MONTHLY_MINIMUM = 48
"""A village with fewer departures in a year gets one record for the year (keeps the sample small)."""
VILLAGE_SPREAD = 1.0
"""Sigma of the villages' lognormal weights: departures concentrate in fewer villages as it grows."""
SEASON = 1.0 + 0.25 * np.cos(np.arange(12) * 2 * np.pi / 12)
"""Monthly weights: more departures around the start of the year."""

HOTSPOT_REGENCIES: dict[str, float] = {"21.71": 6.0, "21.01": 5.0}  # Kota Batam, Kabupaten Bintan
KEPRI_CAMBODIA_TOTAL = 3_500
"""About 3,500 Kepri residents in Cambodia (BP3MI Kepulauan Riau, March 2025)."""

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
CASE_MONTHS: tuple[str, ...] = tuple(f"{year}-{month:02d}" for year in YEARS for month in range(1, 13))

_ANCHORS_EN = (
    "BP2MI placements of Indonesian migrant workers in 2023 (national 274,965; Jawa Timur 68,069; Jawa Tengah "
    "59,009; Jawa Barat 52,961; Nusa Tenggara Barat 33,949; Lampung 21,539; Sumatera Utara 10,550; Bali 9,359; "
    "Banten 3,183; Sumatera Selatan 2,088; Sulawesi Selatan 2,076; Kabupaten Indramayu 19,178; Kabupaten Cirebon "
    "10,552) are the 2023 totals; BP3MI Kepulauan Riau's 1,070 legal placements reported in March 2025 are Kepri's "
    "procedural departures of January–March 2025 (Kota Batam and Kabupaten Bintan villages highest); KemenP2MI's "
    "4,822 non-procedural departures prevented in nine months (July 2025) set the scale of the non-procedural "
    "records of November 2024 – July 2025."
)
_ANCHORS_ID = (
    "Penempatan PMI tahun 2023 dari BP2MI (nasional 274.965; Jawa Timur 68.069; Jawa Tengah 59.009; Jawa Barat "
    "52.961; Nusa Tenggara Barat 33.949; Lampung 21.539; Sumatera Utara 10.550; Bali 9.359; Banten 3.183; "
    "Sumatera Selatan 2.088; Sulawesi Selatan 2.076; Kabupaten Indramayu 19.178; Kabupaten Cirebon 10.552) "
    "menjadi total 2023; 1.070 penempatan resmi yang dilaporkan BP3MI Kepulauan Riau pada Maret 2025 menjadi "
    "keberangkatan prosedural Kepri Januari–Maret 2025 (desa di Kota Batam dan Kabupaten Bintan tertinggi); "
    "4.822 keberangkatan nonprosedural yang dicegah dalam sembilan bulan menurut KemenP2MI (Juli 2025) menjadi "
    "skala catatan nonprosedural November 2024 – Juli 2025."
)

SOURCES: dict[str, dict[str, str]] = {
    "migration": {
        "en": (
            f"Sample data (synthetic), all 38 provinces, months of 2023–2025. Anchors: {_ANCHORS_EN} Synthetic "
            "below that: the other provinces share the rest of the national total, 2024 and 2025 vary around "
            "2023, and regencies, villages, months, destination countries and each province's non-procedural "
            "share are random (seed 2023)."
        ),
        "id": (
            f"Data contoh (sintetis), 38 provinsi, bulan 2023–2025. Acuan: {_ANCHORS_ID} Di bawah itu sintetis: "
            "provinsi lain berbagi sisa total nasional, 2024 dan 2025 bervariasi di sekitar 2023, dan sebaran ke "
            "kabupaten/kota, desa, bulan, negara tujuan serta porsi nonprosedural tiap provinsi acak (seed 2023)."
        ),
    },
    "cases": {
        "en": (
            "Sample data (synthetic case records, not real cases), months of 2023–2025. Concentrated in Kepulauan "
            "Riau (Kota Batam and Kabupaten Bintan highest); the Kepri-to-Cambodia total of 3,500 follows the about "
            "3,500 Kepri residents in Cambodia reported by BP3MI Kepulauan Riau (March 2025), a population figure, "
            "not a count of identified trafficking cases. Synthetic below that: villages, months, cities, transit "
            "and other provinces are random (seed 2023)."
        ),
        "id": (
            "Data contoh (catatan kasus sintetis, bukan kasus nyata), bulan 2023–2025. Terpusat di Kepulauan Riau "
            "(Kota Batam dan Kabupaten Bintan tertinggi); total Kepri ke Kamboja 3.500 mengikuti sekitar 3.500 "
            "warga Kepri di Kamboja menurut BP3MI Kepulauan Riau (Maret 2025), angka penduduk, bukan jumlah kasus "
            "perdagangan orang yang teridentifikasi. Di bawah itu sintetis: desa, bulan, kota, transit dan provinsi "
            "lain acak (seed 2023)."
        ),
    },
}

NAMES: dict[str, str] = {
    "migration": "Sample: PMI departures 2023-25", "cases": "Sample: trafficking cases 2023-25",
}

RECORD_COLUMNS = ["area_code", "level", "period", "destination_country", "destination_city", "transit", "sex",
                  "procedural", "count"]


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


def province_totals(codes: CodeList, anchors: dict[str, int], national: int, seed: int = SEED) -> dict[str, int]:
    """2023 totals of every province: the anchors, Kepri's synthetic total and the rest spread at random.

    Parameters
    ----------
    codes
        The code list (its provinces).
    anchors
        Published totals by province code.
    national
        The national total; provinces without an anchor share what the anchors leave.
    seed
        Random seed.

    Returns
    -------
    dict[str, int]
        Total by province code, summing to ``national`` (or to the anchors, if they exceed it).

    Examples
    --------
    >>> codes = CodeList.from_rows([("32", "Jawa Barat"), ("33", "Jawa Tengah"), ("34", "DI Yogyakarta")])
    >>> province_totals(codes, {"32": 10}, 30)["32"], sum(province_totals(codes, {"32": 10}, 30).values())
    (10, 30)
    """
    rng = np.random.default_rng(seed + 2)
    provinces = sorted(codes.level("province")["code"].astype(str))
    totals = {code: anchors[code] for code in provinces if code in anchors}
    if KEPRI in provinces and KEPRI not in totals:
        totals[KEPRI] = min(KEPRI_2023, max(national - sum(totals.values()), 0))
    free = [code for code in provinces if code not in totals]
    rest = max(national - sum(totals.values()), 0)
    totals.update(zip(free, (int(part) for part in _spread(rest, rng.lognormal(0.0, 0.7, len(free)), rng)),
                      strict=True))
    return totals


def _year_totals(totals_2023: dict[str, int], rng: np.random.Generator) -> dict[str, dict[int, int]]:
    """Every province's yearly totals: 2023 as given, later years around it (national trend, ±6 %)."""
    return {
        province: {
            year: total if year == 2023 else int(round(total * trend * rng.lognormal(0.0, 0.06)))
            for year, trend in YEAR_TRENDS.items()
        }
        for province, total in totals_2023.items()
    }


_SEASON_SHARE = SEASON / SEASON.sum()
_WINDOW_MONTHS: dict[int, tuple[int, ...]] = {2024: (11, 12), 2025: tuple(range(1, 8))}
"""The months of each year inside :data:`NINE_MONTHS`."""


def _non_procedural_plan(
    year_totals: dict[str, dict[int, int]], rng: np.random.Generator
) -> tuple[dict[str, float], dict[tuple[str, int], int]]:
    """Each province's non-procedural share and its non-procedural count inside the nine months.

    The shares follow :data:`NON_PROCEDURAL_WEIGHTS`, scaled so that their expected national
    count over :data:`NINE_MONTHS` is :data:`NON_PROCEDURAL_NINE_MONTHS`; the nine months
    themselves get exactly that many, spread over provinces and the two years by the same
    weights (multinomial), so the cited figure is the sample's sum.
    """
    keys = [(province, year) for province in year_totals for year in _WINDOW_MONTHS]
    volume = np.array([
        year_totals[province][year] * NON_PROCEDURAL_WEIGHTS.get(province, 1.0)
        * _SEASON_SHARE[np.array(_WINDOW_MONTHS[year]) - 1].sum()
        for province, year in keys
    ])
    base = NON_PROCEDURAL_NINE_MONTHS / volume.sum() if volume.sum() else 0.0
    rates = {province: min(base * NON_PROCEDURAL_WEIGHTS.get(province, 1.0), 0.5) for province in year_totals}
    window = _spread(NON_PROCEDURAL_NINE_MONTHS, volume, rng) if volume.sum() else np.zeros(len(keys), int)
    return rates, {key: int(count) for key, count in zip(keys, window, strict=True)}


@dataclass(frozen=True)
class _Part:
    """Departures of one regency, year and procedure over some months, to spread over villages."""

    regency: str
    year: int
    procedural: bool
    months: tuple[int, ...]
    total: int


def _bounded_draw(totals: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    """``count`` departures taken from the regencies' ``totals`` (never more than a regency has)."""
    count = min(count, int(totals.sum()))
    return rng.multivariate_hypergeometric(totals, count) if count else np.zeros_like(totals)


def _regency_parts(province: str, year: int, regency_totals: dict[str, int], rate: float, window: int,
                   rng: np.random.Generator) -> Iterator[_Part]:
    """Split each regency's year into parts by procedure and months (the anchored months apart)."""
    regencies = list(regency_totals)
    totals = np.array([regency_totals[code] for code in regencies], dtype=np.int64)
    window_months = _WINDOW_MONTHS.get(year, ())
    other_months = tuple(month for month in range(1, 13) if month not in window_months)
    in_window = _bounded_draw(totals, window, rng)
    other_share = _SEASON_SHARE[np.array(other_months) - 1].sum()
    outside = rng.binomial(totals - in_window, min(rate * other_share, 1.0))
    procedural = totals - in_window - outside
    for code, count in zip(regencies, in_window, strict=True):
        yield _Part(code, year, False, window_months, int(count))
    for code, count in zip(regencies, outside, strict=True):
        yield _Part(code, year, False, other_months, int(count))
    all_months = tuple(range(1, 13))
    first_quarter = np.zeros_like(procedural)
    if province == KEPRI and year == 2025:
        first_quarter = _bounded_draw(procedural, KEPRI_Q1_2025_PROCEDURAL, rng)
    for code, q1, count in zip(regencies, first_quarter, procedural, strict=True):
        if province == KEPRI and year == 2025:
            yield _Part(code, year, True, (1, 2, 3), int(q1))
            yield _Part(code, year, True, tuple(range(4, 13)), int(count - q1))
        else:
            yield _Part(code, year, True, all_months, int(count))


def _village_rows(part: _Part, villages: np.ndarray, weights: np.ndarray, monthly_minimum: int,
                  rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(village, period, count) of one part: months for busy villages, one year record for the others."""
    counts = _spread(part.total, weights, rng)
    # Only a whole procedural year may become one year record: the anchored months stay months.
    may_be_yearly = part.procedural and len(part.months) == 12
    busy = counts >= (monthly_minimum if may_be_yearly else 1)
    quiet = (counts > 0) & ~busy
    months = np.array([f"{part.year}-{month:02d}" for month in part.months])
    season = SEASON[np.array(part.months) - 1]
    split = rng.multinomial(counts[busy], season / season.sum()) if busy.any() else np.zeros((0, len(months)), int)
    village_index, month_index = np.nonzero(split)
    return (
        np.concatenate([villages[busy][village_index], villages[quiet]]),
        np.concatenate([months[month_index], np.full(int(quiet.sum()), str(part.year))]),
        np.concatenate([split[village_index, month_index], counts[quiet]]).astype(np.int64),
    )


def _regency_totals(regencies: list[str], weights: np.ndarray, total: int, fixed: dict[str, int],
                    rng: np.random.Generator) -> dict[str, int]:
    """A province's year over its regencies: the anchored ones fixed, the rest spread by ``weights``."""
    free = [index for index, code in enumerate(regencies) if code not in fixed]
    spread = _spread(max(total - sum(fixed.values()), 0), weights[free], rng)
    result = dict(fixed)
    result.update({regencies[index]: int(count) for index, count in zip(free, spread, strict=True)})
    return result


def migration_records(codes: CodeList, *, anchors: dict[str, int] | None = None,
                      regency_anchors: dict[str, int] | None = None, national: int = NATIONAL_2023,
                      seed: int = SEED, monthly_minimum: int = MONTHLY_MINIMUM) -> pd.DataFrame:
    """Synthetic village-level departures 2023–2025 whose 2023 totals equal the anchors.

    Parameters
    ----------
    codes
        The code list: every province with villages gets records.
    anchors, regency_anchors
        2023 totals by province and by regency (default: the BP2MI figures).
    national
        The 2023 national total the provinces without an anchor share.
    seed
        Random seed (the sample is the same on every machine).
    monthly_minimum
        Villages with fewer procedural departures in a year get one record for the year.

    Returns
    -------
    pandas.DataFrame
        Records in the upload form (:data:`RECORD_COLUMNS`), level ``village``.
    """
    anchors = PROVINCE_ANCHORS if anchors is None else anchors
    regency_anchors = REGENCY_ANCHORS if regency_anchors is None else regency_anchors
    rng = np.random.default_rng(seed)
    year_totals = _year_totals(province_totals(codes, anchors, national, seed), rng)
    rates, windows = _non_procedural_plan(year_totals, rng)
    columns: dict[str, list[np.ndarray]] = {"area_code": [], "period": [], "count": [], "procedural": []}
    for province, totals in year_totals.items():
        regencies = [code for code in sorted(codes.children(province, level="regency")["code"].astype(str))
                     if len(_villages(codes, code))]
        regency_weights = rng.lognormal(0.0, 0.8, len(regencies))
        regency_weights *= np.array([HOTSPOT_REGENCIES.get(code, 1.0) for code in regencies])
        village_weights = {code: rng.lognormal(0.0, VILLAGE_SPREAD, len(_villages(codes, code))) for code in regencies}
        for year, total in totals.items():
            fixed = {code: count for code, count in regency_anchors.items() if code in regencies and year == 2023}
            regency_totals = _regency_totals(regencies, regency_weights, total, fixed, rng)
            window = windows.get((province, year), 0)
            for part in _regency_parts(province, year, regency_totals, rates[province], window, rng):
                if part.total == 0:
                    continue
                villages, periods, counts = _village_rows(
                    part, _villages(codes, part.regency), village_weights[part.regency], monthly_minimum, rng)
                columns["area_code"].append(villages)
                columns["period"].append(periods)
                columns["count"].append(counts)
                columns["procedural"].append(np.full(len(counts), part.procedural))
    frame = pd.DataFrame({name: np.concatenate(parts) for name, parts in columns.items()})
    countries = np.array(list(MIGRATION_DESTINATIONS))
    weights = np.array(list(MIGRATION_DESTINATIONS.values()))
    frame["destination_country"] = countries[rng.choice(len(countries), size=len(frame), p=weights / weights.sum())]
    frame["level"] = "village"
    return frame.reindex(columns=RECORD_COLUMNS)


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
    transit = np.full(len(counts), None, dtype=object)
    transit[rng.random(len(counts)) < transit_share] = "Johor Bahru"
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
