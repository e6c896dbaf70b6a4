/* The exported story (geo/web/templates/story.html.j2): one step's map and caption at a time.
 *
 * Every step's map is a complete standalone page (Leaflet and data inlined) kept as a
 * JSON string in #riskmap-story-pages; the shown step's page is loaded into the frame
 * (srcdoc: no request leaves the file). Only one map lives at a time, so a long story
 * stays light, and each map frames itself at its real size when shown.
 *
 * Steps: the Previous/Next buttons, Left/Right arrows, PageUp/PageDown, Home/End (also
 * from inside the map: js/story_frame.js passes them up), and #step-N in the address.
 */
(function () {
    var pages = JSON.parse(document.getElementById("riskmap-story-pages").textContent);
    var frame = document.getElementById("riskmap-story-map");
    var captions = document.querySelectorAll(".riskmap-story-caption");
    var previous = document.getElementById("riskmap-story-prev");
    var next = document.getElementById("riskmap-story-next");
    var position = document.getElementById("riskmap-story-position");
    var positionFormat = position.getAttribute("data-format");
    var current = -1;

    function show(index) {
        index = Math.max(0, Math.min(pages.length - 1, index));
        if (index === current || pages.length === 0) {
            return;
        }
        current = index;
        frame.srcdoc = pages[index];
        for (var i = 0; i < captions.length; i++) {
            captions[i].hidden = i !== index;
        }
        previous.disabled = index === 0;
        next.disabled = index === pages.length - 1;
        position.textContent = positionFormat.replace("{n}", String(index + 1)).replace("{total}", String(pages.length));
        document.body.setAttribute("data-step", String(index));
        try {
            history.replaceState(null, "", "#step-" + (index + 1));  // a reload keeps the step
        } catch (error) {
            // some browsers refuse history changes on file:// pages; the step still shows
        }
    }

    function step(key) {
        var moves = { ArrowRight: current + 1, PageDown: current + 1, ArrowLeft: current - 1, PageUp: current - 1,
                      Home: 0, End: pages.length - 1 };
        if (!(key in moves)) {
            return false;
        }
        show(moves[key]);
        return true;
    }

    previous.addEventListener("click", function () { show(current - 1); });
    next.addEventListener("click", function () { show(current + 1); });
    document.addEventListener("keydown", function (event) {
        if (event.altKey || event.ctrlKey || event.metaKey) {
            return;
        }
        if (step(event.key)) {
            event.preventDefault();
        }
    });
    window.addEventListener("message", function (event) {
        if (event.source === frame.contentWindow && event.data && typeof event.data.riskmapStoryKey === "string") {
            step(event.data.riskmapStoryKey);
        }
    });
    var fromAddress = /^#step-(\d{1,4})$/.exec(window.location.hash);
    show(fromAddress ? parseInt(fromAddress[1], 10) - 1 : 0);
})();
