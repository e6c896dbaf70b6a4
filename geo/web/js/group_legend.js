/* riskmapGroupLegend(group, options): a legend control shown while its feature group is on the map.
 *
 * options: {position, className, html} (html already escaped by its maker). streamlit-folium
 * removes and re-adds the groups passed as feature_group_to_add on each change, so the
 * control follows the group's add/remove events (L.control().addTo(group) would fail).
 * The areas' geometry arrives later than the group (it is fetched): when it is drawn
 * ("riskmapgeometry") the group is brought back in front of it.
 */
window.riskmapGroupLegend = window.riskmapGroupLegend || function (group, options) {
    var control = L.control({position: options.position});
    control.onAdd = function () {
        var div = L.DomUtil.create("div", options.className);
        div.innerHTML = options.html;
        L.DomEvent.disableClickPropagation(div);
        return div;
    };
    var shownOn = null;
    function front() { if (group._map) { group.bringToFront(); } }
    function shown() {
        var map = group._map;
        if (!map) { return; }
        if (!control._map) { control.addTo(map); }
        if (shownOn !== map) { map.on("riskmapgeometry", front); shownOn = map; }
        front();
    }
    group.on("add", shown);
    group.on("remove", function () {
        control.remove();
        if (shownOn) { shownOn.off("riskmapgeometry", front); shownOn = null; }
    });
    shown();
    return control;
};
