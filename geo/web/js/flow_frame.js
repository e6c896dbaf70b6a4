/* riskmapFlowFrame(group, options): fit the map to the flows once when their group is added.
 *
 * options: {bounds: [[south, west], [north, east]], paddingTopLeft: [x, y],
 * paddingBottomRight: [x, y], maxZoom}. The padding keeps destination circles and their
 * labels inside the map. streamlit-folium removes and re-adds every group it was given
 * whenever one of them changes (a new colour scheme on the Map page): the same bounds are
 * framed once per map, so such a rerun keeps the user's centre and zoom. When the last flow
 * group leaves the map (flows switched off) the frame is forgotten, so switching them on
 * again frames them again.
 * The fit waits one tick: an exported page fits its areas in the same script, after the groups.
 * The Map page's areas arrive later (fetched) and frame the map on their data, and the page may
 * frame again once its styles load: for GUARD_MS after a fit, a view that no longer holds the
 * flows is framed again, until the reader touches the map (their pan and zoom always win).
 */
window.riskmapFlowFrame = window.riskmapFlowFrame || function (group, options) {
    var key = JSON.stringify(options.bounds);
    var shownOn = null;
    var GUARD_MS = 15000;
    var guardUntil = 0;
    var framing = false;  // a move of our own: never answered by another fit (no loop when the frame cannot fit)
    function frameNow(map) {
        framing = true;
        map.fitBounds(options.bounds, {
            paddingTopLeft: options.paddingTopLeft,
            paddingBottomRight: options.paddingBottomRight,
            maxZoom: options.maxZoom,
            animate: false
        });
        framing = false;
    }
    function fit(again) {
        var map = shownOn;
        if (!map || group._map !== map || (map._riskmapFlowFrame === key && !again)) { return; }
        map._riskmapFlowFrame = key;
        guardUntil = Date.now() + GUARD_MS;
        frameNow(map);
    }
    function areasDrawn() { fit(true); }
    function moved() {
        var map = shownOn;
        if (framing || !map || Date.now() > guardUntil || map._riskmapFlowFrame !== key) { return; }
        if (!map.getBounds().contains(L.latLngBounds(options.bounds))) { setTimeout(function () { if (shownOn) { frameNow(shownOn); } }, 0); }
    }
    function touched() { guardUntil = 0; }
    function shown() {
        var map = group._map;
        if (!map || shownOn === map) { return; }
        shownOn = map;
        map._riskmapFlowGroups = (map._riskmapFlowGroups || 0) + 1;
        map.on("riskmapgeometry", areasDrawn);
        map.on("moveend", moved);
        L.DomEvent.on(map.getContainer(), "mousedown touchstart wheel keydown", touched);
        setTimeout(fit, 0);
    }
    group.on("add", shown);
    group.on("remove", function () {
        var map = shownOn;
        shownOn = null;
        if (!map) { return; }
        map.off("riskmapgeometry", areasDrawn);
        map.off("moveend", moved);
        L.DomEvent.off(map.getContainer(), "mousedown touchstart wheel keydown", touched);
        map._riskmapFlowGroups -= 1;
        // A replacement group is added in the same task; only a map left without flows forgets its frame.
        setTimeout(function () {
            if (!map._riskmapFlowGroups) { map._riskmapFlowFrame = null; }
        }, 0);
    });
    shown();
    return group;
};
