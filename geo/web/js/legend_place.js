/* riskmapFrameAndPlaceLegend(map, layer, legend, bounds, frame, done): frame the areas, then
 * put the legend where it covers none of them, then call done (if given).
 *
 * The map is fitted to bounds (the areas with data) with frame's padding ({topLeft,
 * bottomRight} in pixels). The legend (a Leaflet control with .div) is then tried in the
 * bottom-right, bottom-left and top-right corners and stays in the first one where its box
 * meets no area's box; if every corner meets some, it goes to the one meeting fewest and
 * the map is fitted again with the legend's column (or row, if that leaves the areas
 * larger) kept clear, so no area is ever under it. Called once, when both geometry and colours are there. Leaflet's stylesheet
 * may still be loading then (controls not yet in their corners), or the first frame's zoom
 * still animating (its end would undo a new frame): the measuring waits for both. The areas
 * need not be on the map (their boxes come from their coordinates): a caller that adds them
 * in done draws them once, at the final view.
 */
window.riskmapFrameAndPlaceLegend = window.riskmapFrameAndPlaceLegend || function (map, layer, legend, bounds, frame, done, tries) {
    var corner = map.getContainer().querySelector(".leaflet-control-container .leaflet-top");
    var styled = !corner || getComputedStyle(corner).position === "absolute";
    if ((!styled || map._animatingZoom) && (tries || 0) < 100) {
        setTimeout(function () { window.riskmapFrameAndPlaceLegend(map, layer, legend, bounds, frame, done, (tries || 0) + 1); }, 50);
        return;
    }
    var CORNERS = ["bottomright", "bottomleft", "topright"];
    function padding(extra) {  // extra: [left, top, right, bottom] kept clear for the legend
        return {
            paddingTopLeft: [frame.topLeft[0] + extra[0], frame.topLeft[1] + extra[1]],
            paddingBottomRight: [frame.bottomRight[0] + extra[2], frame.bottomRight[1] + extra[3]],
            animate: false
        };
    }
    function fit(extra) {
        // Flows shown frame the map on their origins and destinations (flow_frame.js): keep that view.
        if (!map._riskmapFlowFrame) { map.fitBounds(bounds, padding(extra)); }
    }
    function zoomWith(extra) {
        var p = padding(extra);
        return map.getBoundsZoom(bounds, false, L.point(p.paddingTopLeft).add(p.paddingBottomRight));
    }
    function areaBoxes() {
        var boxes = [], size = map.getSize();
        layer.eachLayer(function (area) {
            var b = area.getBounds();
            var sw = map.latLngToContainerPoint(b.getSouthWest()), ne = map.latLngToContainerPoint(b.getNorthEast());
            var box = {left: sw.x, right: ne.x, top: ne.y, bottom: sw.y};
            if (box.right > 0 && box.left < size.x && box.bottom > 0 && box.top < size.y) { boxes.push(box); }
        });
        return boxes;
    }
    function legendBox(corner) {
        legend.setPosition(corner);
        var r = legend.div.getBoundingClientRect(), c = map.getContainer().getBoundingClientRect();
        return {left: r.left - c.left, right: r.right - c.left, top: r.top - c.top, bottom: r.bottom - c.top};
    }
    function overlaps(box, boxes) {
        return boxes.filter(function (b) {
            return b.left < box.right && b.right > box.left && b.top < box.bottom && b.bottom > box.top;
        }).length;
    }
    fit([0, 0, 0, 0]);
    if (!legend.div || legend.div.style.display === "none") {
        if (done) { done(); }
        return;
    }
    var boxes = areaBoxes(), best = null, fewest = Infinity;
    for (var i = 0; i < CORNERS.length; i++) {
        var count = overlaps(legendBox(CORNERS[i]), boxes);
        if (count < fewest) { fewest = count; best = CORNERS[i]; }
        if (count === 0) { break; }
    }
    legend.setPosition(best);
    if (fewest > 0) {
        // Keep the legend's column or its row clear, whichever leaves the areas larger.
        var box = legend.div.getBoundingClientRect(), width = box.width + 10, height = box.height + 10;
        var left = best.indexOf("left") >= 0, top = best.indexOf("top") >= 0;
        var column = left ? [width, 0, 0, 0] : [0, 0, width, 0];
        var row = top ? [0, height, 0, 0] : [0, 0, 0, height];
        fit(zoomWith(row) > zoomWith(column) ? row : column);
    }
    map.getContainer().setAttribute("data-riskmap-legend", best);
    if (done) { done(); }
};
