// Story keys (geo/app/present.py): Left/Right arrows (and PageUp/PageDown, which presentation
// clickers send) press the story's Previous/Next buttons, so the step changes exactly as with a
// click (the step is in the URL). Keys typed into a field are left alone. Loaded once per tab;
// on pages without the buttons it does nothing.
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

  function typing(target) {
    return !!target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName || ""));
  }

  document.addEventListener("keydown", function (event) {
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
    button.click();
  });
})();
