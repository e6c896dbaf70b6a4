/* riskmapStoryFrame(map): inside one step of an exported story, hand the story's keys to the story page.
 *
 * Each step's map is its own page in the story's frame (geo/web/templates/story.html.j2).
 * Once the reader clicks the map, key presses go to that frame, not to the story page:
 * this passes Left/Right, PageUp/PageDown, Home and End up (postMessage carries only
 * the key's name) so the arrow keys keep stepping. It listens in the capture phase and
 * stops those keys there: Leaflet would otherwise also pan the map that is being left.
 */
window.riskmapStoryFrame = window.riskmapStoryFrame || function (map) {
    var storyKeys = { ArrowLeft: true, ArrowRight: true, PageUp: true, PageDown: true, Home: true, End: true };
    if (window.parent === window) {
        return map;  // opened on its own: nothing to step
    }
    document.addEventListener("keydown", function (event) {
        if (!storyKeys[event.key] || event.altKey || event.ctrlKey || event.metaKey) {
            return;
        }
        event.preventDefault();
        event.stopPropagation();
        window.parent.postMessage({ riskmapStoryKey: event.key }, "*");
    }, true);
    return map;
};
