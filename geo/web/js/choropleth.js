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
 */
window.riskmapChoropleth = window.riskmapChoropleth || function (map, options, inlineGeojson) {
    var base = options.style;
    var HATCH_ID = "riskmap-suppressed-hatch";
    var state = {payload: null, framed: false, drawn: false};

    function entry(code) {
        var p = state.payload;
        return p && p.areas ? p.areas[code] : undefined;
    }
    function fillOf(code) {
        var p = state.payload;
        if (!p || !p.colours) { return p && p.fill ? p.fill : base.fillColor; }
        var e = p.areas[code];
        if (e === undefined || e[0] === -1) { return p.no_data; }
        if (e[0] === -2) { return "url(#" + HATCH_ID + ")"; }
        return p.colours[e[0]];
    }
    function ensureHatch() {
        // Suppressed areas are filled with an SVG pattern (grey with light stripes), as in
        // the legend; it lives in the renderer's <svg>, which exists once areas are drawn.
        var p = state.payload;
        var svg = map.getPanes().overlayPane.querySelector("svg");
        if (!svg || !p || !p.suppressed) { return; }
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

    var layer = L.geoJSON(null, {
        style: styleOf,
        onEachFeature: function (feature, featureLayer) {
            var tooltip = window.riskmapInsideTooltip({sticky: true, direction: "auto"});
            featureLayer.bindTooltip(tooltip.setContent(function () { return tipOf(feature); }));
            featureLayer.on("mouseover", function () { this.setStyle({weight: base.weight * 3}); });
            featureLayer.on("mouseout", function () { this.setStyle(styleOf(feature)); });
        }
    }).addTo(map);  // on the map from the start: streamlit-folium listens for clicks on the map's layers then

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

    function frameOnData() {
        // Once: later restyles keep the reader's centre and zoom.
        var p = state.payload;
        if (state.framed || !state.drawn || !p || !p.colours || !options.frame) { return; }
        state.framed = true;
        var bounds = L.latLngBounds([]);
        layer.eachLayer(function (area) {
            var e = p.areas[area.feature.properties.code];
            if (e !== undefined && e[0] !== -1) { bounds.extend(area.getBounds()); }
        });
        if (!bounds.isValid()) { bounds = layer.getBounds(); }
        if (!bounds.isValid()) { return; }
        window.riskmapFrameAndPlaceLegend(map, layer, legend, bounds, options.frame);
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
        // 8,000 paths of a province's villages are projected and drawn once, at the final
        // view, not first at the initial view and again after fitting. The layer keeps its
        // click listeners (drill-down) while it is off the map.
        map.removeLayer(layer);
        layer.addData(data);
        state.drawn = true;
        frameOnData();
        layer.addTo(map);
        ensureHatch();
        window.riskmapLoaded = true;
        map.fire("riskmapgeometry");  // layers drawn over the areas (flows) come back to the front
        areasSettled();
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
        window.riskmapGeometryOf(options.url).then(draw).catch(function () {
            layer.addTo(map);
            legend.div.style.display = "";
            legend.content.textContent = options.error;
            areasSettled();
        });
    }
    return layer;
};
