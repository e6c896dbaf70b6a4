/* riskmapFetchJSON(url): a geometry file of the app as a promise of its JSON.
 *
 * The app writes a gzip twin (NAME.gz) beside every geometry file; where the browser can
 * unpack gzip itself (DecompressionStream: every current browser) the twin is fetched, so
 * the server hands out a small file as it is instead of compressing megabytes on each
 * request. Elsewhere the plain file is fetched.
 */
window.riskmapFetchJSON = window.riskmapFetchJSON || function (url) {
    var packed = typeof DecompressionStream === "function" && typeof Response === "function";
    return fetch(packed ? url + ".gz" : url, {cache: "force-cache"}).then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        if (!packed) { return response.json(); }
        return new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).json();
    });
};
