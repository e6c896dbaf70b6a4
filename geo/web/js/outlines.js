/* riskmapOutlines(map, options, inlineGeojson): non-interactive outlines under the areas.
 *
 * Province borders on our own base (own_base.js). options: {style, url, pane}; the geometry
 * is given (standalone export) or fetched from options.url (needs fetch_json.js, prefetch.js).
 * They go into options.pane (our base's, under the tiles) when the map has it. Like the
 * rest of our base they are drawn after the areas when the map asks (after_areas.js).
 */
window.riskmapOutlines = window.riskmapOutlines || function (map, options, inlineGeojson) {
    var pane = options.pane && map.getPane(options.pane) ? options.pane : "overlayPane";
    var style = Object.assign({className: "riskmap-province-outline"}, options.style);
    var layer = L.geoJSON(null, {interactive: false, style: style, pane: pane}).addTo(map);
    function draw(data) { layer.addData(data); if (pane === "overlayPane") { layer.bringToBack(); } }
    function drawAfterAreas(data) { window.riskmapAfterAreas(map, function () { draw(data); }); }
    if (inlineGeojson) { drawAfterAreas(inlineGeojson); } else { window.riskmapGeometryOf(options.url).then(drawAfterAreas); }
    return layer;
};
