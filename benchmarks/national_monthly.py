"""Generate the national monthly migration file of issue #14 and print its size as JSON.

Every village code of the boundary code list (83,762 in the pinned Kepmendagri 2025 list) times
the 36 months 2023-01 .. 2025-12 gives 3,015,432 rows, about 95 MB: the realistic "every village,
every month" upload. Columns are those of an upload (Indonesian headers, ``,`` delimiter):
``kode_desa`` (undotted, as exported from spreadsheets), ``periode`` (``2023-01``), ``jumlah``
(a count, mostly small, a few villages in the hundreds) and ``prosedural`` (``Prosedural`` or
``Non Prosedural``: the split the upload format supports as a column). The numbers are drawn
from a fixed seed, so every run writes the same bytes.

Run: ``RISKMAP_DATA_MIRROR=../shared/data/wilayah .venv/bin/python benchmarks/national_monthly.py OUT.csv``
(``--villages N`` writes only the first N villages, for tests and quick runs).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.data.codes import CodeList  # noqa: E402

SEED = 14
MONTHS = [f"{year}-{month:02d}" for year in (2023, 2024, 2025) for month in range(1, 13)]
HEADER = "kode_desa,periode,jumlah,prosedural\n"
_VILLAGES_PER_BLOCK = 2_000  # rows are built and written this many villages at a time (bounded memory)


def village_codes(limit: int | None = None) -> list[str]:
    """Village codes of the pinned code list, in list order (``limit``: the first N only)."""
    codes = CodeList.load().level("village")["code"].astype(str).tolist()
    return codes if limit is None else codes[:limit]


def _block_lines(codes: list[str], rng: np.random.Generator) -> str:
    """CSV lines of one block of villages, every month each (vectorised: no per-row formatting loop)."""
    undotted = np.char.replace(np.asarray(codes, dtype=str), ".", "")
    # Each village has its own level (most send a handful a month, a few hundreds), months vary around it.
    level = rng.gamma(shape=0.6, scale=8.0, size=len(codes))
    counts = rng.poisson(np.repeat(level, len(MONTHS)))
    procedural = np.where(rng.random(len(counts)) < 0.8, "Prosedural", "Non Prosedural")
    rows = np.char.add(np.repeat(undotted, len(MONTHS)), ",")
    rows = np.char.add(rows, np.tile(np.asarray(MONTHS), len(codes)))
    rows = np.char.add(np.char.add(rows, ","), counts.astype(str))
    rows = np.char.add(np.char.add(rows, ","), procedural)
    return "\n".join(rows.tolist()) + "\n"


def write_national_monthly(path: Path, villages: list[str]) -> dict[str, object]:
    """Write the file for ``villages`` (every month each) to ``path``; return rows, bytes and seconds.

    Parameters
    ----------
    path
        Where to write (overwritten; its folder is made when missing).
    villages
        Dotted village codes (``"11.01.01.2001"``); written undotted.

    Returns
    -------
    dict
        ``{"path", "villages", "months", "rows", "bytes", "seconds"}``.
    """
    started = time.perf_counter()
    rng = np.random.default_rng(SEED)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER)
        for start in range(0, len(villages), _VILLAGES_PER_BLOCK):
            handle.write(_block_lines(villages[start : start + _VILLAGES_PER_BLOCK], rng))
    return {"path": str(path), "villages": len(villages), "months": len(MONTHS), "rows": len(villages) * len(MONTHS),
            "bytes": path.stat().st_size, "seconds": round(time.perf_counter() - started, 1)}


def main() -> None:
    """Parse the arguments, write the file, print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="CSV file to write")
    parser.add_argument("--villages", type=int, default=None, help="only the first N villages (default: all)")
    args = parser.parse_args()
    print(json.dumps(write_national_monthly(args.path, village_codes(args.villages))))


if __name__ == "__main__":
    main()
