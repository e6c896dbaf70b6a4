/* riskmapOutlines(map, options, inlineGeojson): non-interactive outlines under the areas.
 *
 * Province borders under a map without tiles. options: {style, url}; the geometry is
 * given (standalone export) or fetched from options.url (needs fetch_json.js, prefetch.js).
 */
window.riskmapOutlines = window.riskmapOutlines || function (map, options, inlineGeojson) {
    var layer = L.geoJSON(null, {interactive: false, style: options.style}).addTo(map);
    function draw(data) { layer.addData(data); layer.bringToBack(); }
    if (inlineGeojson) { draw(inlineGeojson); } else { window.riskmapGeometryOf(options.url).then(draw); }
    return layer;
};
