"""Time classification of ~83,000 values (every village) per scheme, and indicator aggregation.

Prints one JSON object: seconds per scheme (best of ``--repeat`` runs) for
continuous values (rates) and for whole-number counts, mapclassify's own
``FisherJenksSampled`` for reference, and the time to aggregate a year of
monthly village records into indicator tables. Inputs are synthetic and seeded.

Run: ``.venv/bin/python benchmarks/classify.py [--repeat 3]``
"""

from __future__ import annotations

import argparse
import json
import platform
import time
import warnings
from collections.abc import Callable

import numpy as np
import pandas as pd

from geo.analysis.classify import SCHEMES, classify
from geo.analysis.indicators import indicator_table, validate_records

N_VILLAGES = 83_000


def best_of(repeat: int, action: Callable[[], object]) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return round(min(timings), 4)


def synthetic_village_codes(n: int) -> list[str]:
    codes = []
    for province in range(11, 100):
        for regency in range(1, 15):
            for district in range(1, 17):
                for village in range(1, 11):
                    codes.append(f"{province:02d}.{regency:02d}.{district:02d}.{2000 + village:04d}")
                    if len(codes) == n:
                        return codes
    return codes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = np.random.default_rng(20241124)
    rates = rng.lognormal(mean=1.0, sigma=1.2, size=N_VILLAGES)
    counts = rng.negative_binomial(2, 0.05, size=N_VILLAGES).astype(float)
    classify(rates[:100], "equal_interval", k=5)  # import mapclassify (about a second) outside the timings

    result: dict[str, object] = {"values": N_VILLAGES, "python": platform.python_version(), "seconds": {}}
    seconds: dict[str, float] = result["seconds"]  # type: ignore[assignment]
    for label, values in (("rates", rates), ("counts", counts)):
        for scheme in SCHEMES:
            options = {"breaks": [5, 20, 50, 100]} if scheme == "user_defined" else {"k": 5}
            seconds[f"{label}.{scheme}.k5"] = best_of(
                args.repeat, lambda values=values, scheme=scheme, options=options: classify(values, scheme, **options)
            )
        seconds[f"{label}.natural_breaks.k9"] = best_of(args.repeat, lambda values=values: classify(values, "natural_breaks", k=9))
    result["natural_breaks_method"] = {
        "rates": classify(rates, "natural_breaks", k=5).breaks.method,
        "counts": classify(counts, "natural_breaks", k=5).breaks.method,
    }

    import mapclassify

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Numba not installed": that slowness is what is measured
        seconds["reference.mapclassify_FisherJenksSampled.k5"] = best_of(
            1, lambda: mapclassify.FisherJenksSampled(rates, k=5)
        )

    codes = synthetic_village_codes(N_VILLAGES)
    months = [f"2024-{month:02d}" for month in range(1, 13)]
    records = pd.DataFrame(
        {
            "area_code": np.repeat(codes, len(months)),
            "period": np.tile(months, len(codes)),
            "count": rng.poisson(3, size=len(codes) * len(months)),
            "kind": "migration",
        }
    )
    regencies = sorted({code[:5] for code in codes})
    villages_of_one_province = [code for code in codes if code.startswith("35.")]
    result["records"] = len(records)
    seconds["indicator_table.regencies.year"] = best_of(
        args.repeat, lambda: indicator_table(records, "migrants", regencies, "2024")
    )
    seconds["indicator_table.villages_of_one_province.month"] = best_of(
        args.repeat, lambda: indicator_table(records, "migrants", villages_of_one_province, "2024-03")
    )
    seconds["validate_records"] = best_of(args.repeat, lambda: validate_records(records))
    tidy = validate_records(records)  # what a page would cache per dataset version
    seconds["indicator_table.regencies.year.validated"] = best_of(
        args.repeat, lambda: indicator_table(tidy, "migrants", regencies, "2024")
    )
    seconds["indicator_table.villages_of_one_province.month.validated"] = best_of(
        args.repeat, lambda: indicator_table(tidy, "migrants", villages_of_one_province, "2024-03")
    )
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
