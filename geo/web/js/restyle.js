/* riskmapRestyle(payload): recolour the live map's areas (see choropleth.js), geometry untouched.
 *
 * Sent as a feature group on every rerun; streamlit-folium evaluates it inside the
 * existing map, whose choropleth has set window.riskmapApply.
 */
window.riskmapRestyle = window.riskmapRestyle || function (payload) {
    if (window.riskmapApply) { window.riskmapApply(payload); }
};
