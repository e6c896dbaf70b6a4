r"""Escaping for every place a text from a URL, a file, a dataset name or a user is shown.

One helper per target:

* :func:`html_escape` — text placed into HTML (element content or a quoted attribute), also
  safe inside the JavaScript template literals folium writes tooltips and popups into;
* :func:`script_json` — a value placed into a ``<script>`` element as JSON;
* :func:`markdown_escape` — text shown through a Markdown-capable element (``st.markdown``,
  ``st.warning``, ``st.caption``, ``st.error`` …): links, images, HTML, emphasis, Streamlit's
  colour/icon directives and LaTeX all render as the literal characters.

Examples
--------
>>> html_escape('<img src=x onerror="alert(1)">')
'&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
>>> print(markdown_escape("[Session expired](https://evil.example/login)").replace("\u2060", ""))
\[Session expired\]\(https\://evil\.example/login\)
"""

from __future__ import annotations

import html
import re

import orjson

# Every character with a meaning in CommonMark, GitHub-flavoured Markdown or Streamlit's own
# extensions (":red[...]" colours, ":material/x:" icons, "$...$" LaTeX).
_MARKDOWN_SPECIAL = frozenset("\\`*_{}[]()#+-.!|<>~:$=\"'&")

# GitHub-flavoured Markdown also turns bare "https://…", "www.…" and "name@host" into links, on
# the text after escapes are read, so a backslash does not stop it: an invisible WORD JOINER
# (U+2060) after every ":", before every "@" and inside "www." breaks those patterns instead.
_WORD_JOINER = "\u2060"
_AUTOLINK_CHARACTERS = {":": "\\:" + _WORD_JOINER, "@": _WORD_JOINER + "@"}
_WWW_DOT = re.compile(r"(?i)\b(www)(?=\\\.)")
# A colon followed by a space or the end starts neither a URL nor a Streamlit directive
# (":red[", ":material/"): no word joiner there, so "Dipilih: Tembesi" stays plain text.
_HARMLESS_COLON = re.compile(r"\\:\u2060(?=\s|$)")


def html_escape(text: object) -> str:
    """HTML-escape any value; also safe in attributes and in JavaScript template literals.

    Parameters
    ----------
    text : object
        Any value; it is converted with ``str`` first.

    Returns
    -------
    str
        The text with ``& < > " '`` as character references, and the backtick, dollar sign
        and backslash too (folium places tooltips into JavaScript template literals).

    Examples
    --------
    >>> html_escape("<b>Batam</b> `${x}`")
    '&lt;b&gt;Batam&lt;/b&gt; &#96;&#36;{x}&#96;'
    """
    escaped = html.escape(str(text), quote=True)
    return escaped.replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


def script_json(value: object) -> str:
    r"""JSON text for embedding in a ``<script>`` element: ``</`` cannot close the element.

    Parameters
    ----------
    value : object
        Anything orjson serialises (dicts, lists, strings, numbers, numpy numbers).

    Returns
    -------
    str
        Compact JSON with every ``</`` written as ``<\/``.

    Examples
    --------
    >>> print(script_json({"a": "</script>"}))
    {"a":"<\/script>"}
    """
    return orjson.dumps(value, option=orjson.OPT_SERIALIZE_NUMPY).decode().replace("</", "<\\/")


def markdown_escape(text: object) -> str:
    r"""Text that a Markdown-capable Streamlit element shows literally, on one line.

    Parameters
    ----------
    text : object
        Any value; it is converted with ``str`` first. Line breaks become spaces, so a value
        cannot start a heading, a list or a block of its own.

    Returns
    -------
    str
        The text with a backslash before every character Markdown or Streamlit would interpret,
        and an invisible word joiner after a ``:`` that is followed by text, before ``@`` and
        inside ``www.`` (no autolinks, no Streamlit directives).

    Examples
    --------
    >>> markdown_escape("![](http://127.0.0.1/beacon.png)").replace("\u2060", "|")
    '\\!\\[\\]\\(http\\:|//127\\.0\\.0\\.1/beacon\\.png\\)'
    >>> markdown_escape("www.evil.example a@b.example").replace("\u2060", "|")
    'www|\\.evil\\.example a|@b\\.example'
    >>> markdown_escape("Dipilih: Tembesi")
    'Dipilih\\: Tembesi'
    >>> markdown_escape("Tanjung\nPinang")
    'Tanjung Pinang'
    """
    one_line = " ".join(str(text).split())
    escaped = "".join(
        _AUTOLINK_CHARACTERS.get(char) or ("\\" + char if char in _MARKDOWN_SPECIAL else char) for char in one_line
    )
    escaped = _HARMLESS_COLON.sub(r"\\:", escaped)
    return _WWW_DOT.sub(r"\1" + _WORD_JOINER, escaped)
