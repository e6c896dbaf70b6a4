"""How the map behaves on the page: the wheel, the frame, the legend's place, tooltips kept inside.

- The mouse wheel scrolls the page until the map is clicked or focused
  (``js/wheel_focus.js``); leaving the map gives the wheel back to the page.
- The map is framed on the areas that have data (all areas when none has); the legend
  (collapsible) goes to the first corner where it covers no area, else the map is framed
  again with the legend's width kept clear on its side (``js/legend_place.js``).
- Area tooltips stay inside the map (``js/tooltip_inside.js``).

Examples
--------
>>> import folium
>>> m = folium.Map(tiles=None, scroll_wheel_zoom=False)
>>> _ = m.add_child(WheelAfterFocus())
>>> "window.riskmapWheelAfterFocus(" in m.get_root().render()
True
"""

from __future__ import annotations

from typing import ClassVar

from geo.web.elements import ScriptElement

FRAME_PADDING_PX = 12
"""Margin between the framed areas and the map's other edges."""


def frame_padding() -> dict[str, list[int]]:
    """Padding (pixels) of the map's frame on its areas (the legend's room is found in the browser).

    Returns
    -------
    dict
        ``{"topLeft": [x, y], "bottomRight": [x, y]}`` as Leaflet's ``fitBounds`` takes it.

    Examples
    --------
    >>> frame_padding()
    {'topLeft': [12, 12], 'bottomRight': [12, 12]}
    """
    return {
        "topLeft": [FRAME_PADDING_PX, FRAME_PADDING_PX],
        "bottomRight": [FRAME_PADDING_PX, FRAME_PADDING_PX],
    }


class WheelAfterFocus(ScriptElement):
    """Wheel zoom only once the map is clicked or focused; off again when the pointer leaves or focus goes."""

    script_files: ClassVar[tuple[str, ...]] = ("wheel_focus.js",)
    function: ClassVar[str] = "riskmapWheelAfterFocus"

    def __init__(self) -> None:
        super().__init__()
        self._name = "WheelAfterFocus"
