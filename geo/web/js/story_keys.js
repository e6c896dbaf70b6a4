// Story keys (geo/app/present.py): Left/Right arrows (and PageUp/PageDown, which presentation
// clickers send) press the story's Previous/Next buttons, so the step changes exactly as with a
// click (the step is in the URL). Keys typed into a field are left alone. The map's own frame
// listens too, before Leaflet (which would pan with the arrows once the map has been clicked):
// in a story the arrows step. Loaded once per tab; without the buttons it does nothing.
(function () {
  if (window.riskmapStoryKeys) {
    return;
  }
  window.riskmapStoryKeys = true;
  var BUTTONS = {
    ArrowLeft: "present_prev",
    PageUp: "present_prev",
    ArrowRight: "present_next",
    PageDown: "present_next",
  };
  var FRAMES = 'iframe[title*="streamlit_folium"]';

  function typing(target) {
    return !!target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName || ""));
  }

  function onKey(event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    var key = BUTTONS[event.key];
    if (!key || typing(event.target)) {
      return;
    }
    var button = document.querySelector(".st-key-" + key + " button");
    if (!button || button.disabled) {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    button.click();
  }

  function listenInFrames() {
    document.querySelectorAll(FRAMES).forEach(function (frame) {
      var doc;
      try {
        doc = frame.contentDocument;
      } catch (error) {
        return; // another origin: leave it alone
      }
      if (doc && !doc.riskmapStoryKeys) {
        doc.riskmapStoryKeys = true;
        doc.addEventListener("keydown", onKey, true); // capture: before Leaflet's own arrow keys
      }
    });
  }

  document.addEventListener("keydown", onKey);
  window.setInterval(listenInFrames, 300);
  listenInFrames();
})();
