/* riskmapInsideTooltip(options): a Leaflet tooltip that stays inside the map.
 *
 * Leaflet places a sticky tooltip beside the pointer (direction "auto": left of it in the
 * map's right half); near an edge it would still be cut off by the map's frame (an area
 * name at the right edge read "…ota Batam"). After Leaflet places it, this one is moved
 * back inside the map's rectangle.
 */
window.riskmapInsideTooltip = window.riskmapInsideTooltip || (function () {
    var Inside = L.Tooltip.extend({
        _setPosition: function (pos) {
            L.Tooltip.prototype._setPosition.call(this, pos);
            var el = this._container, map = this._map;
            if (!el || !map) { return; }
            var box = el.getBoundingClientRect(), frame = map.getContainer().getBoundingClientRect();
            var margin = 4, dx = 0, dy = 0;
            if (box.right > frame.right - margin) { dx = frame.right - margin - box.right; }
            if (box.left + dx < frame.left + margin) { dx = frame.left + margin - box.left; }
            if (box.bottom > frame.bottom - margin) { dy = frame.bottom - margin - box.bottom; }
            if (box.top + dy < frame.top + margin) { dy = frame.top + margin - box.top; }
            if (dx || dy) { L.DomUtil.setPosition(el, L.DomUtil.getPosition(el).add([Math.round(dx), Math.round(dy)])); }
        }
    });
    return function (options) { return new Inside(options); };
}());
