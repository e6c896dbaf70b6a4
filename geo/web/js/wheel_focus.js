/* riskmapWheelAfterFocus(map): the wheel scrolls the page until the map is clicked or focused.
 *
 * The map is made with scrollWheelZoom off, so a reader scrolling down the page is not
 * caught by the map; a click (or keyboard focus) hands the wheel to the map, and leaving
 * the map (pointer out, focus lost) hands it back to the page.
 */
window.riskmapWheelAfterFocus = window.riskmapWheelAfterFocus || function (map) {
    var container = map.getContainer();
    function take() { map.scrollWheelZoom.enable(); L.DomUtil.addClass(container, "riskmap-wheel-on"); }
    function give() { map.scrollWheelZoom.disable(); L.DomUtil.removeClass(container, "riskmap-wheel-on"); }
    map.on("click focus", take);
    map.on("mouseout blur", give);
    container.addEventListener("mousedown", take);
    return map;
};
