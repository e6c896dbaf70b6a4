"""geo.analysis.palettes: ColorBrewer lists, colour-blind flags, class counts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from geo.analysis.palettes import (
    NO_DATA_COLOUR,
    PALETTES,
    SUPPRESSED_COLOUR,
    class_colours,
    colour_blind_safe_palettes,
    palette_colours,
    palette_names,
)
from geo.errors import InvalidClassificationError


def branca_schemes() -> dict[str, list[str]]:
    import branca

    return json.loads((Path(branca.__file__).parent / "_schemes.json").read_text())


@pytest.mark.parametrize("name", list(PALETTES))
def test_every_list_is_an_explicit_colorbrewer_list_never_an_interpolation(name):
    # branca's color_brewer interpolates when it has no list for (name, k): every
    # palette and class count we offer must be one of ColorBrewer's own lists.
    reference = branca_schemes()
    for k in range(3, 10):
        assert list(palette_colours(name, k)) == [c.lower() for c in reference[f"{name}_{k:02d}"]], (name, k)


def test_known_colours_written_from_the_specification():
    # Copied from colorbrewer2.org, independently of branca.
    assert palette_colours("YlOrRd", 5) == ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
    assert palette_colours("RdBu", 3) == ("#ef8a62", "#f7f7f7", "#67a9cf")
    assert palette_colours("Blues", 9)[-1] == "#08306b"
    assert palette_colours("PuOr", 9)[4] == "#f7f7f7" and palette_colours("BrBG", 9)[4] == "#f5f5f5"
    assert palette_colours("Greens", 3) == ("#e5f5e0", "#a1d99b", "#31a354")


def test_each_class_count_has_its_own_list_not_a_prefix():
    assert palette_colours("YlOrRd", 3) != palette_colours("YlOrRd", 9)[:3]


def test_every_colour_is_lowercase_hex_and_palettes_have_k_colours():
    for palette in PALETTES.values():
        for k in range(3, 10):
            colours = palette.colours(k)
            assert len(colours) == k == len(set(colours))
            assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in colours)


def test_no_data_and_suppressed_greys_are_not_palette_colours():
    every_colour = {c for p in PALETTES.values() for k in range(3, 10) for c in p.colours(k)}
    assert NO_DATA_COLOUR not in every_colour and SUPPRESSED_COLOUR not in every_colour
    assert "Greys" not in PALETTES and "RdGy" not in PALETTES


def test_colour_blind_safe_flags():
    safe = colour_blind_safe_palettes()
    assert set(palette_names("sequential")) <= set(safe)
    assert colour_blind_safe_palettes("diverging") == ["RdYlBu", "RdBu", "PuOr", "BrBG", "PiYG", "PRGn"]
    assert "RdYlGn" not in safe and "Spectral" not in safe
    assert len(palette_names("sequential")) == 17 and len(palette_names("diverging")) == 8


def test_reverse_and_errors():
    assert palette_colours("Greens", 4, reverse=True) == tuple(reversed(palette_colours("Greens", 4)))
    with pytest.raises(InvalidClassificationError, match="YlOrRd"):
        palette_colours("Viridis", 5)
    with pytest.raises(InvalidClassificationError, match="from 3 to 9"):
        palette_colours("Blues", 10)


def test_class_colours_for_fewer_than_three_classes():
    three = palette_colours("PuBu", 3)
    assert class_colours("PuBu", 1) == (three[1],)
    assert class_colours("PuBu", 2) == (three[0], three[2])
    assert class_colours("PuBu", 0) == ()
    assert class_colours("PuBu", 6) == palette_colours("PuBu", 6)
