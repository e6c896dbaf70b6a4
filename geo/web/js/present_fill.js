// Presentation mode (geo/app/present.py): the map fills the window below the title bar and
// above the source lines. The page sends the map at a fixed height; this script sets the
// iframe's height (CSS variable used by css/present.css) and stretches the map inside it,
// then Leaflet redraws for the new size. Loaded once per browser tab; it does nothing on pages
// without the presentation title bar, and undoes its changes when presentation mode ends.
(function () {
  if (window.riskmapPresentFill) {
    return;
  }
  window.riskmapPresentFill = true;
  var STYLE_ID = "riskmap-present-fill";
  var HEIGHT_VARIABLE = "--riskmap-present-map-height";
  var FRAMES = 'iframe[title*="streamlit_folium"]';
  var MIN_HEIGHT = 320;

  function frameDocument(frame) {
    try {
      return frame.contentDocument;
    } catch (error) {
      return null; // another origin: leave it alone
    }
  }

  function stretchInside(frame, on) {
    var doc = frameDocument(frame);
    if (!doc || !doc.head) {
      return;
    }
    var style = doc.getElementById(STYLE_ID);
    if (on && !style) {
      style = doc.createElement("style");
      style.id = STYLE_ID;
      // The component sets #map_div's height in px; the iframe is 10 px taller than the map.
      style.textContent = "#map_div { height: calc(100vh - 10px) !important; }";
      doc.head.appendChild(style);
    } else if (!on && style) {
      style.remove();
    } else {
      return;
    }
    var map = frame.contentWindow && frame.contentWindow.map;
    if (map && map.invalidateSize) {
      map.invalidateSize();
    }
  }

  function fill() {
    var root = document.documentElement;
    var frames = document.querySelectorAll(FRAMES);
    var presenting = !!document.querySelector(".st-key-present_bar");
    if (!presenting) {
      root.style.removeProperty(HEIGHT_VARIABLE);
      frames.forEach(function (frame) { stretchInside(frame, false); });
      return;
    }
    var frame = frames[0];
    if (!frame) {
      return;
    }
    var footer = document.querySelector(".st-key-present_footer");
    var below = footer ? footer.getBoundingClientRect().height + 12 : 0;
    var height = Math.max(MIN_HEIGHT, Math.floor(window.innerHeight - frame.getBoundingClientRect().top - below - 8));
    if (root.style.getPropertyValue(HEIGHT_VARIABLE) !== height + "px") {
      root.style.setProperty(HEIGHT_VARIABLE, height + "px");
    }
    stretchInside(frame, true);
  }

  window.setInterval(fill, 150);
  window.addEventListener("resize", fill);
  fill();
})();
