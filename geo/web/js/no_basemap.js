/* riskmapNoBasemap(map): a sea-like background (css/legend.css) when the map has no tiles. */
window.riskmapNoBasemap = window.riskmapNoBasemap || function (map) {
    L.DomUtil.addClass(map.getContainer(), "riskmap-nobasemap");
};
