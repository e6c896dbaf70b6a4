/* riskmapPrefetch(urls): start downloading the map's geometry files now.
 *
 * Loaded before Leaflet (streamlit-folium loads a map's scripts one after the other and
 * runs the map's own script last): the downloads run while Leaflet loads, and the layers
 * take the promises from window.riskmapGeometry instead of fetching again.
 * Needs fetch_json.js.
 */
window.riskmapPrefetch = window.riskmapPrefetch || function (urls) {
    window.riskmapGeometry = window.riskmapGeometry || {};
    urls.forEach(function (url) {
        if (!(url in window.riskmapGeometry)) { window.riskmapGeometry[url] = window.riskmapFetchJSON(url); }
    });
};

/* The promise of a geometry file: the download already under way, or a new one. */
window.riskmapGeometryOf = window.riskmapGeometryOf || function (url) {
    return (window.riskmapGeometry || {})[url] || window.riskmapFetchJSON(url);
};
