/* riskmapPrefetch(urls, stylesheets): start downloading the map's geometry files and
 * stylesheets now.
 *
 * Loaded before Leaflet (streamlit-folium loads a map's scripts one after the other, links
 * its stylesheets only then, and runs the map's own script last): the downloads run while
 * Leaflet loads, and the layers take the promises from window.riskmapGeometry instead of
 * fetching again. Leaflet's stylesheet, linked here too, is in force when the areas arrive:
 * framing them (legend_place.js) waits for it. Needs fetch_json.js.
 */
window.riskmapPrefetch = window.riskmapPrefetch || function (urls, stylesheets) {
    window.riskmapGeometry = window.riskmapGeometry || {};
    urls.forEach(function (url) {
        if (!(url in window.riskmapGeometry)) { window.riskmapGeometry[url] = window.riskmapFetchJSON(url); }
    });
    (stylesheets || []).forEach(function (href) {
        var linked = Array.prototype.some.call(document.querySelectorAll("link[rel=stylesheet]"), function (link) {
            return link.getAttribute("href") === href;
        });
        if (!linked) {
            var link = document.createElement("link");
            link.rel = "stylesheet";
            link.href = href;
            document.head.appendChild(link);
        }
    });
};

/* The promise of a geometry file: the download already under way, or a new one. */
window.riskmapGeometryOf = window.riskmapGeometryOf || function (url) {
    return (window.riskmapGeometry || {})[url] || window.riskmapFetchJSON(url);
};
