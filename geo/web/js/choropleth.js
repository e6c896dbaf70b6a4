/* riskmapChoropleth(map, options, inlineGeojson): the areas of the map, styled from a payload.
 *
 * options: {style, hatch, labels, payload, url, error, frame}. The geometry is either given
 * (inlineGeojson: the standalone export) or fetched from options.url (the app; needs
 * fetch_json.js and prefetch.js). window.riskmapApply(payload) restyles the areas and
 * rewrites the legend without touching the geometry, so a change of indicator, period or
 * classification sends only the payload:
 *   {key, colours: [fill per class], no_data, suppressed, fill,
 *    areas: {code: [class, value, rank]}, parents: {code: name}, legend, labels, source}
 * Class -1 is "no data", -2 "suppressed" (drawn hatched, as in the legend). Without
 * colours every area gets payload.fill (or the base style's fill). Every text in the
 * payload and in the geometry's properties is already HTML-escaped by its maker.
 * Once both the geometry and a payload with colours are there, the map is framed (once)
 * on the areas that have data (all areas when none has) and the legend goes to a corner
 * where it covers no area (legend_place.js); it folds away with its button
 * (labels.legend). Tooltips stay inside the map (tooltip_inside.js).
 * A layer of options.canvas_from areas or more (a province's villages) is drawn on one
 * <canvas> in its own pane under the overlays instead of as one SVG path per area: 8,000
 * DOM paths cost the browser more than the data they show. Either way the areas behave
 * alike (tooltip, highlight, click, hatch); tooltip and highlight are bound once on the
 * layer, not per area. Once the areas are drawn, the map's container says how many
 * (data-riskmap-areas), whichever the renderer. With options.overview_url the areas are
 * drawn from that simplified geometry first and from options.url once zoomed in to
 * options.detail_from_zoom (then data-riskmap-detail="full").
 */
window.riskmapChoropleth = window.riskmapChoropleth || function (map, options, inlineGeojson) {
    var base = options.style;
    var HATCH_ID = "riskmap-suppressed-hatch";
    var AREAS_PANE = "riskmapAreas";
    var state = {payload: null, framed: false, drawn: false, canvas: false, pattern: null, patternColour: null,
                 detail: false};

    function entry(code) {
        var p = state.payload;
        return p && p.areas ? p.areas[code] : undefined;
    }
    function fillOf(code) {
        var p = state.payload;
        if (!p || !p.colours) { return p && p.fill ? p.fill : base.fillColor; }
        var e = p.areas[code];
        if (e === undefined || e[0] === -1) { return p.no_data; }
        if (e[0] === -2) { return state.canvas ? canvasHatch() : "url(#" + HATCH_ID + ")"; }
        return p.colours[e[0]];
    }
    function canvasHatch() {
        // The SVG pattern's look on a canvas: a 6 px tile, ground and a 2 px stripe at 45°.
        var colour = state.payload.suppressed;
        if (state.pattern && state.patternColour === colour) { return state.pattern; }
        var tile = document.createElement("canvas");
        tile.width = 6;
        tile.height = 6;
        var ctx = tile.getContext("2d");
        ctx.fillStyle = colour;
        ctx.fillRect(0, 0, 6, 6);
        ctx.strokeStyle = options.hatch;
        ctx.lineWidth = 2;
        ctx.beginPath();
        [[-3, 3, 3, -3], [0, 6, 6, 0], [3, 9, 9, 3]].forEach(function (line) {  // wraps seamlessly
            ctx.moveTo(line[0], line[1]);
            ctx.lineTo(line[2], line[3]);
        });
        ctx.stroke();
        state.pattern = tile.getContext("2d").createPattern(tile, "repeat");
        state.patternColour = colour;
        return state.pattern;
    }
    function areasRenderer() {
        // Under the overlay pane (400), so flows and plan sites stay on top of the areas.
        var pane = map.getPane(AREAS_PANE) || map.createPane(AREAS_PANE);
        pane.style.zIndex = 390;
        return L.canvas({pane: AREAS_PANE});
    }
    function ensureHatch() {
        // Suppressed areas are filled with an SVG pattern (grey with light stripes), as in
        // the legend; it lives in the renderer's <svg>, which exists once areas are drawn.
        var p = state.payload;
        var svg = map.getPanes().overlayPane.querySelector("svg");
        if (state.canvas || !svg || !p || !p.suppressed) { return; }
        var ns = svg.namespaceURI;
        var pattern = svg.querySelector("#" + HATCH_ID);
        if (!pattern) {
            var defs = svg.querySelector("defs") || svg.insertBefore(document.createElementNS(ns, "defs"), svg.firstChild);
            pattern = document.createElementNS(ns, "pattern");
            pattern.setAttribute("id", HATCH_ID);
            pattern.setAttribute("patternUnits", "userSpaceOnUse");
            pattern.setAttribute("width", "6");
            pattern.setAttribute("height", "6");
            pattern.setAttribute("patternTransform", "rotate(45)");
            var ground = document.createElementNS(ns, "rect");
            ground.setAttribute("width", "6");
            ground.setAttribute("height", "6");
            var stripe = document.createElementNS(ns, "rect");
            stripe.setAttribute("width", "2");
            stripe.setAttribute("height", "6");
            stripe.setAttribute("fill", options.hatch);
            pattern.appendChild(ground);
            pattern.appendChild(stripe);
            defs.appendChild(pattern);
        }
        pattern.firstChild.setAttribute("fill", p.suppressed);
    }
    function styleOf(feature) {
        var style = Object.assign({}, base);
        style.fillColor = fillOf(feature.properties.code);
        if (state.payload && state.payload.colours) { style.fillOpacity = 0.78; }
        return style;
    }
    function parentOf(code) {
        var cut = code.lastIndexOf(".");
        return cut < 0 ? null : code.slice(0, cut);
    }
    function valueLine(labels, code) {
        var e = entry(code);
        if (e === undefined || e[0] === -1) { return "<br>" + labels.value + ": " + labels.no_data; }
        if (e[0] === -2) { return "<br>" + labels.value + ": " + labels.suppressed; }
        var line = "<br>" + labels.value + ": <b>" + e[1] + "</b>";
        if (e[2]) { line += "<br>" + labels.rank + ": " + e[2]; }
        return line;
    }
    function tipOf(feature) {
        var p = feature.properties, d = state.payload || {};
        var labels = d.labels || options.labels;
        var tip = "<b>" + p.name + "</b><br>" + labels.code + " " + p.code;
        var parent = parentOf(p.code);
        if (d.parents && parent && d.parents[parent]) { tip += "<br>" + d.parents[parent]; }
        if (d.colours) {
            tip += valueLine(labels, p.code);
            if (d.source) { tip += "<br><i>" + labels.source + ": " + d.source + "</i>"; }
        }
        return tip;
    }

    var layer = L.geoJSON(null, {style: styleOf}).addTo(map);  // on the map from the start: streamlit-folium listens for clicks on the map's layers then
    // One tooltip and one pair of listeners for all areas: an area's events reach its layer.
    var tooltip = window.riskmapInsideTooltip({sticky: true, direction: "auto"});
    layer.bindTooltip(tooltip.setContent(function (area) { return area.feature ? tipOf(area.feature) : ""; }));
    layer.on("mouseover", function (event) { event.layer.setStyle({weight: base.weight * 3}); });
    layer.on("mouseout", function (event) { event.layer.setStyle(styleOf(event.layer.feature)); });

    var legend = L.control({position: "bottomright"});
    legend.onAdd = function () {
        if (legend.div) { return legend.div; }  // moved to another corner (setPosition adds it again)
        var div = L.DomUtil.create("div", "riskmap-legend-box");
        div.style.display = "none";
        var toggle = L.DomUtil.create("button", "riskmap-legend-toggle", div);
        toggle.type = "button";
        toggle.innerHTML = options.labels.legend || "";
        toggle.setAttribute("aria-expanded", "true");
        var content = L.DomUtil.create("div", "riskmap-legend-content", div);
        L.DomEvent.on(toggle, "click", function () {
            var folded = L.DomUtil.hasClass(div, "riskmap-legend-folded");
            (folded ? L.DomUtil.removeClass : L.DomUtil.addClass)(div, "riskmap-legend-folded");
            toggle.setAttribute("aria-expanded", folded ? "true" : "false");
        });
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        legend.div = div;
        legend.content = content;
        return div;
    };
    legend.addTo(map);

    function frameOnData(then) {
        // Once: later restyles keep the reader's centre and zoom. then() runs once framed,
        // or at once when there is nothing to frame (yet).
        var p = state.payload;
        if (state.framed || !state.drawn || !p || !p.colours || !options.frame) {
            if (then) { then(); }
            return;
        }
        state.framed = true;
        var bounds = L.latLngBounds([]);
        layer.eachLayer(function (area) {
            var e = p.areas[area.feature.properties.code];
            if (e !== undefined && e[0] !== -1) { bounds.extend(area.getBounds()); }
        });
        if (!bounds.isValid()) { bounds = layer.getBounds(); }
        if (!bounds.isValid()) {
            if (then) { then(); }
            return;
        }
        window.riskmapFrameAndPlaceLegend(map, layer, legend, bounds, options.frame, then);
        // The page may still resize the map (its frame settles after load): frame again
        // until the reader moves the map.
        var touched = false;
        ["mousedown", "wheel", "touchstart", "keydown"].forEach(function (name) {
            map.getContainer().addEventListener(name, function () { touched = true; }, {passive: true});
        });
        map.on("resize", function () {
            if (!touched) { window.riskmapFrameAndPlaceLegend(map, layer, legend, bounds, options.frame); }
        });
    }
    function apply(payload) {
        state.payload = payload;
        layer.setStyle(styleOf);
        ensureHatch();
        var html = payload && payload.legend ? payload.legend : "";
        legend.content.innerHTML = html;
        legend.div.style.display = html ? "" : "none";
        map.getContainer().setAttribute("data-riskmap-style", payload && payload.key ? payload.key : "");
        frameOnData();
    }
    function draw(data) {
        // Areas are added and the map framed on them while the layer is off the map, so the
        // 8,000 areas of a province's villages are projected and drawn once, at the final
        // view, not first at the initial view and again after each fit (framing may wait
        // for the stylesheet or the first zoom, legend_place.js). The layer keeps its click
        // listeners (drill-down) while it is off the map.
        map.removeLayer(layer);
        var count = data && data.features ? data.features.length : 0;
        if (typeof options.canvas_from === "number" && count >= options.canvas_from) {
            state.canvas = true;
            layer.options.renderer = areasRenderer();  // handed to every area addData makes
        }
        layer.addData(data);
        state.drawn = true;
        frameOnData(show);
    }
    function show() {
        layer.addTo(map);
        ensureHatch();
        // A canvas paints in the next animation frame (Leaflet asks for it on add): say
        // "drawn" after that frame's drawing, as SVG paths are there once in the page.
        window.requestAnimationFrame(function () {
            map.getContainer().setAttribute("data-riskmap-areas", String(layer.getLayers().length));
        });
        window.riskmapLoaded = true;
        map.fire("riskmapgeometry");  // layers drawn over the areas (flows) come back to the front
        areasSettled();
        detailWhenZoomedIn();
    }
    function detailWhenZoomedIn() {
        // A large layer came from its overview (geo/web/layers.py, overview_of): its full
        // geometry is fetched and swapped in, area by area, once the reader zooms in to
        // options.detail_from_zoom, where the overview's simplification would show.
        if (!options.overview_url) { return; }
        function swap() {
            if (state.detail || map.getZoom() < options.detail_from_zoom) { return; }
            state.detail = true;
            map.off("zoomend", swap);
            window.riskmapGeometryOf(options.url).then(function (data) {
                var areas = {};
                layer.eachLayer(function (area) { areas[area.feature.properties.code] = area; });
                data.features.forEach(function (feature) {
                    var area = areas[feature.properties.code];
                    if (!area) { return; }
                    var depth = feature.geometry.type === "Polygon" ? 1 : 2;
                    area.setLatLngs(L.GeoJSON.coordsToLatLngs(feature.geometry.coordinates, depth));
                    area.feature.geometry = feature.geometry;
                });
                map.getContainer().setAttribute("data-riskmap-detail", "full");
            }).catch(function () {  // the overview stays; the next zoom tries again
                state.detail = false;
                map.on("zoomend", swap);
            });
        }
        map.on("zoomend", swap);
        swap();
    }
    function areasSettled() {  // our own base waits for this (after_areas.js)
        map._riskmapAreasDone = true;
        map.fire("riskmapareas");
    }

    window.riskmapApply = apply;
    window.riskmapLayer = layer;
    window.riskmapLegend = legend;
    apply(options.payload);
    if (inlineGeojson) {
        draw(inlineGeojson);
    } else {
        window.riskmapGeometryOf(options.overview_url || options.url).then(draw).catch(function () {
            layer.addTo(map);
            legend.div.style.display = "";
            legend.content.textContent = options.error;
            areasSettled();
        });
    }
    return layer;
};
