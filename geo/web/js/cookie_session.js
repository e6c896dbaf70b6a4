/* The sign-in cookie of the app (a st.components.v2 component: this module runs in the page).
 *
 * data = {name, value, path, maxAge}: value "" clears the cookie. The server (geo/app/auth.py)
 * decides what the browser should hold and reads it back from the WebSocket handshake of the
 * next page load (st.context.cookies); this script only writes it.
 *
 * SameSite=Strict: never sent with a request another site starts. Secure on https, so the
 * token never crosses the network in clear text behind the TLS proxy. Path = the app's base
 * path, so another app on the same host does not receive it. HttpOnly cannot be set from a
 * script; README "Accounts, roles and sign-in" says why that is acceptable here.
 */
export default function (component) {
    var cookie = component.data;
    if (!cookie || !cookie.name) {
        return;
    }
    var parts = [
        cookie.name + "=" + (cookie.value ? encodeURIComponent(cookie.value) : ""),
        "Path=" + cookie.path,
        "SameSite=Strict",
        "Max-Age=" + (cookie.value ? String(cookie.maxAge) : "0"),
    ];
    if (window.location.protocol === "https:") {
        parts.push("Secure");
    }
    document.cookie = parts.join("; ");
}
