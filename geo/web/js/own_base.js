/* riskmapOwnBase(map, options, inlineGeojson): our own basemap, drawn at once, and the tiles.
 *
 * options: {url, land, fineZoom, attribution, tiles}. The base file (inlineGeojson, or fetched from
 * options.url: needs fetch_json.js and prefetch.js) holds land features
 * ({kind: "land", detail: "110m"|"50m", id, name}) and place names ({kind: "place", name,
 * zoom}); names are HTML-escaped by the app. The sea is the container's background
 * (.riskmap-ownbase in legend.css). Land and province outlines sit in the pane
 * "riskmapBase", under the tile pane, so tiles that load cover them; the names sit over
 * the areas in "riskmapLabels" and are hidden while tiles (which have their own) show.
 * options.tiles: null (no tile request at all), {url, attribution, probe: false} (tiles at
 * once) or {..., probe: true, timeoutMs}: one test tile first, the tile layer only when it
 * loads, so an offline map never shows failed tiles and never waits for them.
 * options.afterAreas (the live map): the base is drawn, and the test tile asked for, only
 * after the areas are drawn and painted (after_areas.js; province outlines wait the same
 * way), so the scenery never delays the map's first picture of the data.
 */
window.riskmapOwnBase = window.riskmapOwnBase || function (map, options, inlineGeojson) {
    var container = map.getContainer();
    L.DomUtil.addClass(container, "riskmap-ownbase");  // the sea shows at once
    map._riskmapWaitForAreas = !!options.afterAreas;
    var basePane = map.getPane("riskmapBase") || map.createPane("riskmapBase");
    basePane.style.zIndex = 150;  // under the tiles (200) and the areas (400)
    var labelPane = map.getPane("riskmapLabels") || map.createPane("riskmapLabels");
    labelPane.style.zIndex = 450;  // over the areas, under tooltips (650)
    labelPane.style.pointerEvents = "none";

    function landStyle(feature) {
        var style = Object.assign({}, options.land);
        style.className = "riskmap-land riskmap-land-" + feature.properties.id;
        return style;
    }
    var coarse = L.geoJSON(null, {pane: "riskmapBase", interactive: false, style: landStyle});
    var fine = L.geoJSON(null, {pane: "riskmapBase", interactive: false, style: landStyle});
    var places = [];

    function update() {
        var zoom = map.getZoom();
        var wantFine = zoom >= options.fineZoom;
        if (wantFine !== map.hasLayer(fine)) {
            (wantFine ? fine : coarse).addTo(map);
            map.removeLayer(wantFine ? coarse : fine);
            (wantFine ? fine : coarse).bringToBack();
        }
        places.forEach(function (place) {
            var show = zoom >= place.zoom;
            if (show !== map.hasLayer(place.marker)) { if (show) { place.marker.addTo(map); } else { map.removeLayer(place.marker); } }
        });
    }
    function draw(data) {
        data.features.forEach(function (feature) {
            var p = feature.properties;
            if (p.kind === "land") {
                (p.detail === "110m" ? coarse : fine).addData(feature);
            } else if (p.kind === "place") {
                var c = feature.geometry.coordinates;
                var icon = L.divIcon({className: "riskmap-place", html: "<span>" + p.name + "</span>", iconSize: null});
                places.push({zoom: p.zoom, marker: L.marker([c[1], c[0]], {icon: icon, pane: "riskmapLabels", interactive: false, keyboard: false})});
            }
        });
        (map.getZoom() >= options.fineZoom ? fine : coarse).addTo(map).bringToBack();
        update();
        L.DomUtil.addClass(container, "riskmap-ownbase-drawn");
    }
    map.on("zoomend", update);
    if (options.attribution && map.attributionControl) { map.attributionControl.addAttribution(options.attribution); }

    function addTiles() {
        L.tileLayer(options.tiles.url, {attribution: options.tiles.attribution, maxZoom: 19, subdomains: "abcd"}).addTo(map);
        L.DomUtil.addClass(container, "riskmap-tiles-on");
    }
    function probeTiles() {
        var settled = false;
        var probe = new Image();
        var timer = setTimeout(function () { settled = true; probe.src = ""; }, options.tiles.timeoutMs);
        probe.onload = function () { if (!settled) { settled = true; clearTimeout(timer); addTiles(); } };
        probe.onerror = function () { settled = true; clearTimeout(timer); };
        probe.src = L.Util.template(options.tiles.url, {s: "a", z: 0, x: 0, y: 0, r: ""});
    }
    if (options.tiles && !options.tiles.probe) {
        addTiles();
    } else if (options.tiles) {
        window.riskmapAfterAreas(map, probeTiles);
    }

    if (inlineGeojson) {
        window.riskmapAfterAreas(map, function () { draw(inlineGeojson); });
    } else if (options.url) {
        // The download (prefetch.js) runs alongside the areas'; only the drawing waits.
        window.riskmapGeometryOf(options.url).then(function (data) {
            window.riskmapAfterAreas(map, function () { draw(data); });
        });
    }
    return {coarse: coarse, fine: fine};
};
