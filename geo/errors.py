"""Exceptions that carry a message fit to show a user (no traceback needed)."""

from __future__ import annotations


class RiskmapError(Exception):
    """Base class: ``str(error)`` is a complete, user-facing explanation (in English).

    ``key`` and ``values`` (optional keyword arguments) name the same message in the UI
    string catalogue, so that a page can show it in its language: see :func:`message_in`.
    """

    def __init__(self, *args: object, key: str | None = None, values: dict[str, object] | None = None) -> None:
        super().__init__(*args)
        self.key = key
        self.values: dict[str, object] = dict(values or {})


def message_in(error: BaseException, lang: str) -> str:
    """``error``'s message in ``lang``: its catalogue string when it has a ``key``, else ``str(error)``.

    Examples
    --------
    >>> error = InputFileError("data.csv is empty.", key="file_error.empty", values={"name": "data.csv"})
    >>> message_in(error, "en")
    'data.csv is empty.'
    >>> message_in(error, "id")
    'data.csv kosong.'
    >>> message_in(InputFileError("an old message"), "id")
    'an old message'
    """
    key = getattr(error, "key", None)
    if not key:
        return str(error)
    from geo.i18n import t  # lazy: geo.i18n loads every string module

    return t(key, lang, **getattr(error, "values", {}))


class InvalidCodeError(RiskmapError, ValueError):
    """A Kemendagri area code that cannot be normalised or is not in the code list.

    ``str(error)`` stays the English message; ``key`` and ``values`` (optional) name the
    same message in the UI string catalogue, so that a page can show it in its language
    with ``geo.i18n.t(error.key, lang, **error.values)``.

    Examples
    --------
    >>> error = InvalidCodeError("Kode wilayah is empty.", key="code_error.empty")
    >>> str(error), error.key, error.values
    ('Kode wilayah is empty.', 'code_error.empty', {})
    """


class DataSourceError(RiskmapError):
    """An upstream file is missing, unreachable or fails its checksum."""


class InvalidViewError(RiskmapError, ValueError):
    """A view (URL query) names an unknown level, area or option."""


class InputFileError(RiskmapError):
    """An uploaded file cannot be read as a whole (wrong type, too large, no header).

    Every raise passes ``key="file_error.*"`` and ``values`` (geo/strings/file_errors.py),
    whose English text is ``str(error)``; the Data page shows it with :func:`message_in`.
    """


class InvalidClassificationError(RiskmapError, ValueError):
    """A classification request that cannot be met (unknown scheme or palette, bad class count or breaks)."""


class InvalidRecordsError(RiskmapError, ValueError):
    """A records table handed to the indicator code lacks a column or holds an unusable value."""


class IndicatorUnavailableError(RiskmapError, ValueError):
    """An indicator that the data or the level cannot give (e.g. a rate per resident below regencies)."""


class FlowDataError(RiskmapError, ValueError):
    """Records handed to the flow code lack an origin or destination column, or ask for an unknown level."""
