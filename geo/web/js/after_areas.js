/* riskmapAfterAreas(map, callback): run callback once the map's areas are drawn and painted.
 *
 * Our own base (own_base.js, outlines.js) is scenery: on the live map it must not hold back
 * the areas, which are what the reader came for. Parsing and drawing the land, the province
 * outlines and the place names before the areas cost 0.2–0.6 s of the first map on this
 * machine, because their files usually arrive together and each .then ran in turn on the
 * one main thread. So when the map asks for it (map._riskmapWaitForAreas, set by
 * own_base.js from its options) the callback waits for the choropleth's "riskmapareas"
 * event (fired after its geometry is drawn, or failed), then for one frame to be painted
 * (requestAnimationFrame, then a task), and the base follows a frame later: to the eye at
 * once, and never a timeout. Maps that do not ask (the exported page) draw at once.
 */
window.riskmapAfterAreas = window.riskmapAfterAreas || function (map, callback) {
    if (!map._riskmapWaitForAreas || map._riskmapAreasDone) { callback(); return; }
    map.once("riskmapareas", function () {
        requestAnimationFrame(function () { setTimeout(callback, 0); });
    });
};
