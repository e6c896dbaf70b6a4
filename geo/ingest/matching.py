"""Match uploaded rows to Kemendagri areas: by code first, else by name within parents.

Rows with a usable code are matched by the code (vectorised: each distinct code is
validated once). Rows without one are matched by their names top down — province,
then regency/city within it, district within that, village within that — first
exactly after :func:`normalize_name` (case, spaces, punctuation and common
abbreviations such as ``Tj.`` -> ``Tanjung``), then fuzzily with rapidfuzz above a
threshold. Each distinct combination of names is resolved once. A name that fits
several areas equally well is rejected as ambiguous: nothing is guessed.

Examples
--------
>>> normalize_name("Kel. Tj. Pinang Barat")
'kelurahan tanjung pinang barat'
>>> name_key("Tj. Pinang Barat", "village") == name_key("Tanjungpinang Barat", "village")
True
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from geo import LEVELS
from geo.data.codes import CodeList, level_of
from geo.errors import InvalidCodeError
from geo.ingest._personal import describe_cell


class Reason(str):
    """A user-facing message (why a row was rejected, how it matched) that can be shown in any UI language.

    It *is* the English text (a ``str``: the CLI, the stored report and existing callers see
    the same message as before) and also keeps the UI string ``key`` and its ``values``, so
    that the Data page can render it with :func:`geo.i18n.t` in the page's language. Values
    may themselves be :class:`Reason` objects (rendered in the same language).

    Examples
    --------
    >>> reason = Reason("ingest_reason.count_negative", value="-3")
    >>> reason
    "count '-3' is negative"
    >>> reason.render("id")
    "jumlah '-3' negatif"
    >>> both = Reason.join(reason, Reason("ingest_reason.no_area"))
    >>> both.render("en")
    "count '-3' is negative; no area: the code and name cells are empty"
    """

    key: str
    values: dict[str, object]

    def __new__(cls, key: str, /, **values: object) -> Reason:
        """The reason ``key`` with its ``values``; the string itself is the English text."""
        from geo.i18n import t

        reason = super().__new__(cls, t(key, "en", **values))
        reason.key = key
        reason.values = values
        return reason

    def __reduce__(self) -> tuple[object, ...]:  # pickle/copy rebuild from key and values, not from the text
        return (_rebuild_reason, (self.key, self.values))

    def render(self, language: str) -> str:
        """The message in ``language`` (``"id"`` or ``"en"``; unknown languages fall back to Bahasa Indonesia)."""
        from geo.i18n import t

        values = {name: value.render(language) if isinstance(value, Reason) else value
                  for name, value in self.values.items()}
        return t(self.key, language, **values)

    @classmethod
    def join(cls, first: str, second: str) -> Reason:  # type: ignore[override]  # not str.join: two reasons
        """Two reasons for one row, as ``"first; second"``."""
        return cls("ingest_reason.join", first=as_reason(first), second=as_reason(second))

    @classmethod
    def from_code_error(cls, error: InvalidCodeError) -> Reason:
        """The reason carried by an :class:`InvalidCodeError` (its English text if it has no key)."""
        if error.key:
            return cls(error.key, **error.values)
        return cls("ingest_reason.text", text=str(error))


def _rebuild_reason(key: str, values: dict[str, object]) -> Reason:
    return Reason(key, **values)


def as_reason(text: str) -> Reason:
    """``text`` as a :class:`Reason` (plain strings are kept as they are, in every language)."""
    return text if isinstance(text, Reason) else Reason("ingest_reason.text", text=text)


def render_reason(text: object, language: str) -> object:
    """Render a :class:`Reason` in ``language``; leave anything else (plain text, ``None``) unchanged.

    Examples
    --------
    >>> render_reason(Reason("ingest_reason.not_matched"), "id")
    'tidak cocok dengan wilayah mana pun'
    >>> render_reason(None, "id") is None
    True
    """
    return text.render(language) if isinstance(text, Reason) else text


DEFAULT_FUZZY_THRESHOLD = 85.0
"""Lowest rapidfuzz ratio (0–100) at which a misspelt name is accepted."""

_AMBIGUITY_MARGIN = 2.0

_ABBREVIATIONS: dict[str, str] = {
    "tj": "tanjung", "tg": "tanjung", "tjg": "tanjung", "tanjong": "tanjung",
    "kab": "kabupaten", "kb": "kabupaten",
    "kel": "kelurahan", "kelu": "kelurahan",
    "ds": "desa", "dsa": "desa",
    "kec": "kecamatan", "kc": "kecamatan",
    "prov": "provinsi", "propinsi": "provinsi", "prop": "provinsi",
    "kp": "kampung", "kamp": "kampung", "kpg": "kampung",
    "kep": "kepulauan", "kepl": "kepulauan",
    "adm": "administrasi",
    "mns": "meunasah",
    "sp": "simpang", "smp": "simpang",
    "sei": "sungai", "sg": "sungai",
    "pd": "padang",
    "bt": "batu",
    "kt": "kota",
}
# Words that only say which level a name is at.
_LEVEL_WORDS: dict[str, tuple[str, ...]] = {
    "province": ("provinsi",),
    "regency": ("kabupaten", "kota", "administrasi"),
    "district": ("kecamatan",),
    "village": ("desa", "kelurahan"),
}
_PROVINCE_ALIASES: dict[str, str] = {
    "kepri": "kepulauanriau", "riaukepulauan": "kepulauanriau",
    "babel": "kepulauanbangkabelitung", "bangkabelitung": "kepulauanbangkabelitung",
    "ntb": "nusatenggarabarat", "ntt": "nusatenggaratimur",
    "jabar": "jawabarat", "jateng": "jawatengah", "jatim": "jawatimur",
    "diy": "daerahistimewayogyakarta", "yogyakarta": "daerahistimewayogyakarta",
    "jogja": "daerahistimewayogyakarta", "jogjakarta": "daerahistimewayogyakarta",
    "dkijakarta": "daerahkhususibukotajakarta", "jakarta": "daerahkhususibukotajakarta",
    "dki": "daerahkhususibukotajakarta",
    "sumut": "sumaterautara", "sumbar": "sumaterabarat", "sumsel": "sumateraselatan",
    "sumatrautara": "sumaterautara", "sumatrabarat": "sumaterabarat", "sumatraselatan": "sumateraselatan",
    "kalbar": "kalimantanbarat", "kalteng": "kalimantantengah", "kalsel": "kalimantanselatan",
    "kaltim": "kalimantantimur", "kaltara": "kalimantanutara",
    "sulut": "sulawesiutara", "sulteng": "sulawesitengah", "sulsel": "sulawesiselatan",
    "sultra": "sulawesitenggara", "sulbar": "sulawesibarat", "malut": "malukuutara",
    "nad": "aceh", "nanggroeacehdarussalam": "aceh",
}


def normalize_name(text: object, expand: bool = True) -> str:
    """Lower case, accents/punctuation removed, abbreviations expanded, single spaces.

    Examples
    --------
    >>> normalize_name("  KAB.  Kepulauan-Anambas ")
    'kabupaten kepulauan anambas'
    >>> normalize_name("Pasi Kuala Ba'u")
    'pasi kuala bau'
    """
    value = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    value = re.sub(r"['`’]", "", value)
    tokens = re.sub(r"[^0-9a-z]+", " ", value).split()
    if not expand:
        return " ".join(tokens)
    return " ".join(_ABBREVIATIONS.get(token, token) for token in tokens)


def _strip_level_words(tokens: list[str], level: str) -> list[str]:
    words = _LEVEL_WORDS[level]
    while len(tokens) > 1 and tokens[0] in words:
        tokens = tokens[1:]
    return tokens


def name_key(text: object, level: str, expand: bool = True) -> str:
    """Comparison key of a name at ``level``: normalised, level words dropped, no spaces.

    For regencies the ``Kabupaten``/``Kota`` prefix is dropped too (see :func:`regency_kind`).

    Examples
    --------
    >>> name_key("Kota Tanjung Pinang", "regency"), name_key("Kepri", "province")
    ('tanjungpinang', 'kepulauanriau')
    """
    tokens = normalize_name(text, expand).split()
    if not expand:  # level words may be abbreviated: strip them in their expanded form
        while len(tokens) > 1 and _ABBREVIATIONS.get(tokens[0], tokens[0]) in _LEVEL_WORDS[level]:
            tokens = tokens[1:]
    tokens = _strip_level_words(tokens, level)
    key = "".join(tokens)
    if level == "province":
        key = _PROVINCE_ALIASES.get(key, key)
    return key


def regency_kind(text: object) -> str | None:
    """``"kota"``, ``"kabupaten"`` or ``None`` (not said) for a regency-level name.

    Examples
    --------
    >>> regency_kind("Kota Batam"), regency_kind("Kab. Bintan"), regency_kind("Bogor")
    ('kota', 'kabupaten', None)
    """
    tokens = normalize_name(text).split()
    if tokens and tokens[0] in ("kota", "kabupaten"):
        return tokens[0]
    return None


@dataclass
class _LevelIndex:
    codes: np.ndarray
    keys: np.ndarray
    raw_keys: np.ndarray  # without abbreviation expansion: "Si Pasir" is closer to "Sei Pasir" than to "Sungai Pasir"
    names: np.ndarray
    kinds: np.ndarray  # regency: "kota"/"kabupaten"; other levels: ""

    def scope_slice(self, scope: str | None) -> slice:
        if scope is None:
            return slice(0, len(self.codes))
        low = int(np.searchsorted(self.codes, scope + "."))
        high = int(np.searchsorted(self.codes, scope + "/"))  # "/" sorts right after "."
        return slice(low, high)


@dataclass
class NameMatch:
    """Outcome of matching one combination of names."""

    code: str | None
    method: str | None = None  # "name" or "fuzzy"
    score: float | None = None
    reason: str | None = None
    detail: list[str] = field(default_factory=list)


class AreaMatcher:
    """Resolves codes and names against a :class:`~geo.data.codes.CodeList` (reuse it: it caches)."""

    def __init__(self, codelist: CodeList, threshold: float = DEFAULT_FUZZY_THRESHOLD) -> None:
        self.codelist = codelist
        self.threshold = float(threshold)
        self._indexes: dict[str, _LevelIndex] = {}
        self._lookups: dict[tuple[str, str | None, str, str | None], NameMatch] = {}
        self._codes: dict[str, tuple[str | None, str | None]] = {}
        self._known: dict[str, set[str]] = {}

    # -- codes ----------------------------------------------------------------
    def validate_code(self, raw: str) -> tuple[str | None, str | None]:
        """``(code, None)`` or ``(None, reason)`` for one raw code cell (cached); the reason is a :class:`Reason`."""
        if raw not in self._codes:
            try:
                self._codes[raw] = (self.codelist.validate(raw), None)
            except InvalidCodeError as error:
                if error.key and "raw" in error.values:  # never repeat the whole cell (it may be anything)
                    error.values = {**error.values, "raw": describe_cell(raw)}
                self._codes[raw] = (None, Reason.from_code_error(error))
        return self._codes[raw]

    # -- names ----------------------------------------------------------------
    def knows_name(self, level: str, name: str) -> bool:
        """Whether any area of ``level`` is called ``name`` (exactly, after normalising), anywhere."""
        if level not in self._known:
            self._known[level] = set(self._index(level).keys.tolist())
        return name_key(name, level) in self._known[level]

    def _index(self, level: str) -> _LevelIndex:
        if level not in self._indexes:
            frame = self.codelist.level(level).sort_values("code")
            names = frame["name"].astype(str).to_numpy()
            keys = np.array([name_key(name, level) for name in names], dtype=object)
            raw_keys = np.array([name_key(name, level, expand=False) for name in names], dtype=object)
            kinds = np.array([regency_kind(name) or "" for name in names] if level == "regency" else [""] * len(names),
                             dtype=object)
            self._indexes[level] = _LevelIndex(frame["code"].astype(str).to_numpy(), keys, raw_keys, names, kinds)
        return self._indexes[level]

    def _scope_label(self, scope: str | None) -> str:
        return "Indonesia" if scope is None else f"{self.codelist.name(scope)} ({scope})"

    def lookup(self, level: str, name: str, scope: str | None) -> NameMatch:
        """Find the area called ``name`` at ``level`` inside ``scope`` (a code, or ``None`` for all)."""
        key = name_key(name, level)
        kind = regency_kind(name) if level == "regency" else None
        cache_key = (level, scope, key, kind)
        if cache_key not in self._lookups:
            self._lookups[cache_key] = self._lookup(level, name, key, kind, scope)
        return self._lookups[cache_key]

    def _lookup(self, level: str, name: str, key: str, kind: str | None, scope: str | None) -> NameMatch:
        index = self._index(level)
        window = index.scope_slice(scope)
        codes, keys, names = index.codes[window], index.keys[window], index.names[window]
        raw_keys = index.raw_keys[window]
        if kind:
            allowed = index.kinds[window] == kind
            codes, keys, names, raw_keys = codes[allowed], keys[allowed], names[allowed], raw_keys[allowed]
        level_word = Reason(f"ingest_reason.level.{level}")
        scope_label = self._scope_label(scope)
        if not key:
            return NameMatch(None, reason=Reason("ingest_reason.name_empty", level_word=level_word, name=describe_cell(name)))
        exact = np.flatnonzero(keys == key)
        if len(exact) == 1:
            return NameMatch(str(codes[exact[0]]), "name", 100.0)
        if len(exact) > 1:
            options: str = ", ".join(f"{names[i]} ({codes[i]})" for i in exact[:4])
            if len(exact) > 4:
                options = Reason("ingest_reason.options_more", options=options, more=len(exact) - 4)
            template = "ingest_reason.ambiguous_regency" if level == "regency" else "ingest_reason.ambiguous"
            return NameMatch(None, reason=Reason(template, level_word=level_word, name=describe_cell(name), scope=scope_label,
                                                 options=options))
        if len(keys) == 0:
            return NameMatch(None, reason=Reason("ingest_reason.none_in_scope", level_word=level_word,
                                                 scope=scope_label))
        found = self._fuzzy(key, name_key(name, level, expand=False), keys, raw_keys, self.threshold)
        if not found:
            best = self._fuzzy(key, name_key(name, level, expand=False), keys, raw_keys, 0.0)
            closest: str = Reason("ingest_reason.closest", name=str(names[best[0][2]]), score=best[0][1],
                                  threshold=self.threshold) if best else ""
            return NameMatch(None, reason=Reason("ingest_reason.not_found", level_word=level_word, name=describe_cell(name),
                                                 scope=scope_label, closest=closest))
        _best_key, best_score, best_position = found[0]
        rivals = [item for item in found[1:] if codes[item[2]] != codes[best_position]
                  and item[1] >= best_score - _AMBIGUITY_MARGIN]
        if rivals:
            options = ", ".join(f"{names[item[2]]} ({item[1]:.0f})" for item in [found[0], *rivals])
            return NameMatch(None, reason=Reason("ingest_reason.fuzzy_ambiguous", level_word=level_word, name=describe_cell(name),
                                                 scope=scope_label, options=options))
        return NameMatch(str(codes[best_position]), "fuzzy", round(float(best_score), 1),
                         detail=[Reason("ingest_reason.fuzzy_note", name=describe_cell(name), match=str(names[best_position]),
                                        score=best_score)])

    @staticmethod
    def _fuzzy(key: str, raw_key: str, keys: np.ndarray, raw_keys: np.ndarray,
               cutoff: float, limit: int = 5) -> list[tuple[str, float, int]]:
        """Best candidates ``(key, score, position)``, scoring each with and without abbreviation expansion."""
        scores: dict[int, tuple[str, float]] = {}
        for query, choices in ((key, keys), (raw_key, raw_keys)):
            for choice, score, position in process.extract(query, list(choices), scorer=fuzz.ratio, limit=limit,
                                                           score_cutoff=cutoff):
                if position not in scores or score > scores[position][1]:
                    scores[position] = (choice, float(score))
        ranked = sorted(scores.items(), key=lambda item: (-item[1][1], item[0]))
        return [(choice, score, position) for position, (choice, score) in ranked[:limit]]

    def rank(self, name: str, level: str, scope: str | None = None, *, cutoff: float = 0.0,
             limit: int = 10) -> list[tuple[str, float]]:
        """Areas of ``level`` inside ``scope`` whose names come closest to ``name``: ``(code, score)``, best first.

        The same normalisation, abbreviation expansion and rapidfuzz scoring as :meth:`lookup`
        (an exact match after normalising scores 100), but every candidate down to ``cutoff``
        is returned instead of one decision: for people searching the code list.

        Parameters
        ----------
        name : str
            What was typed, e.g. ``"Tj. Pinang"`` or ``"Kab. Bintan"``.
        level : str
            Level searched.
        scope : str, optional
            Only areas inside this code (``None``: all Indonesia).
        cutoff : float
            Lowest score (0–100) returned.
        limit : int
            Most results returned.

        Returns
        -------
        list of tuple
            ``(code, score)`` pairs; ties in code order.

        Examples
        --------
        >>> codes = CodeList.from_rows([("21", "Kepulauan Riau"), ("21.71", "Kota Batam"),
        ...                             ("21.72", "Kota Tanjung Pinang"), ("21.01", "Kabupaten Bintan")])
        >>> AreaMatcher(codes).rank("Tj. Pinang", "regency", limit=1)
        [('21.72', 100.0)]
        """
        index = self._index(level)
        window = index.scope_slice(scope)
        codes, keys, raw_keys = index.codes[window], index.keys[window], index.raw_keys[window]
        kind = regency_kind(name) if level == "regency" else None
        if kind:  # "Kota Bogor" is not "Kabupaten Bogor"
            allowed = index.kinds[window] == kind
            codes, keys, raw_keys = codes[allowed], keys[allowed], raw_keys[allowed]
        key = name_key(name, level)
        if not key or len(keys) == 0:
            return []
        found = self._fuzzy(key, name_key(name, level, expand=False), keys, raw_keys, cutoff, limit)
        return [(str(codes[position]), round(score, 1)) for _choice, score, position in found]

    def match_names(self, names: dict[str, str | None]) -> NameMatch:
        """Resolve ``{"province_name": …, "regency_name": …, "district_name": …, "village_name": …}``.

        Top down: each name is looked up inside the area found for the names above it.
        """
        scope: str | None = None
        method, score, detail = "name", 100.0, []
        resolved_any = False
        for level in LEVELS:
            name = names.get(f"{level}_name")
            if name is None or not str(name).strip():
                continue
            found = self.lookup(level, str(name), scope)
            if found.code is None:
                return NameMatch(None, reason=found.reason)
            resolved_any = True
            scope = found.code
            if found.method == "fuzzy":
                method = "fuzzy"
                score = min(score, found.score or 0.0)
                detail.extend(found.detail)
        if not resolved_any:
            return NameMatch(None, reason=Reason("ingest_reason.no_area"))
        return NameMatch(scope, method, score, detail=detail)


def match_areas(fields: pd.DataFrame, matcher: AreaMatcher) -> pd.DataFrame:
    """Match every row of ``fields`` (columns among ``area_code`` and the ``*_name`` fields).

    Returns a frame with the same index and columns ``area_code``, ``level``,
    ``matched_by`` (``code``/``name``/``fuzzy``), ``score`` and ``reason``
    (set, and ``area_code`` missing, for rows that did not match).
    """
    count = len(fields)
    result = pd.DataFrame(
        {
            "area_code": pd.Series([None] * count, index=fields.index, dtype=object),
            "matched_by": pd.Series([None] * count, index=fields.index, dtype=object),
            "score": pd.Series(np.nan, index=fields.index, dtype=float),
            "reason": pd.Series([None] * count, index=fields.index, dtype=object),
            "note": pd.Series([None] * count, index=fields.index, dtype=object),
        }
    )
    code_errors = pd.Series([None] * count, index=fields.index, dtype=object)
    if "area_code" in fields:
        raw_codes = fields["area_code"]
        present = raw_codes.notna()
        lookup = {raw: matcher.validate_code(raw) for raw in raw_codes[present].unique()}
        codes = [lookup[raw][0] if ok else None for raw, ok in zip(raw_codes, present, strict=True)]
        errors = [lookup[raw][1] if ok else None for raw, ok in zip(raw_codes, present, strict=True)]
        result["area_code"] = pd.Series(codes, index=fields.index, dtype=object)
        code_errors = pd.Series(errors, index=fields.index, dtype=object)
        by_code = result["area_code"].notna()
        result.loc[by_code, "matched_by"] = "code"
        result.loc[by_code, "score"] = 100.0

    name_columns = [column for column in ("province_name", "regency_name", "district_name", "village_name")
                    if column in fields]
    pending = result["area_code"].isna()
    if name_columns and pending.any():
        names = fields.loc[pending, name_columns].astype(object)
        names = names.where(names.notna(), None)
        combos = names.drop_duplicates()
        outcomes: dict[tuple[object, ...], NameMatch] = {}
        for combo in combos.itertuples(index=False, name=None):
            outcomes[combo] = matcher.match_names(dict(zip(name_columns, combo, strict=True)))
        for index, combo in zip(names.index, names.itertuples(index=False, name=None), strict=True):
            outcome = outcomes[combo]
            if outcome.code is not None:
                result.at[index, "area_code"] = outcome.code
                result.at[index, "matched_by"] = outcome.method
                result.at[index, "score"] = outcome.score
                if outcome.detail:
                    note = outcome.detail[0]
                    for more in outcome.detail[1:]:
                        note = Reason.join(note, more)
                    result.at[index, "note"] = note
                if code_errors.at[index]:
                    result.at[index, "note"] = Reason("ingest_reason.code_not_used", error=code_errors.at[index])
            else:
                reason = outcome.reason or Reason("ingest_reason.not_matched")
                if code_errors.at[index]:
                    empty = getattr(reason, "key", None) == "ingest_reason.no_area"
                    reason = code_errors.at[index] if empty else Reason(
                        "ingest_reason.code_and_name", code=code_errors.at[index], name=reason)
                result.at[index, "reason"] = reason
    still = result["area_code"].isna() & result["reason"].isna()
    result.loc[still, "reason"] = pd.Series(
        [code_errors.at[index] or Reason("ingest_reason.no_area") for index in result.index[still]],
        index=result.index[still], dtype=object)
    matched = result["area_code"].notna()
    result["level"] = pd.Series([None] * count, index=fields.index, dtype=object)
    result.loc[matched, "level"] = [level_of(code) for code in result.loc[matched, "area_code"]]
    return result
