"""The Data page's controller: upload and check, publish, dataset versions and their actions.

Every handler that changes the store (:func:`publish_upload`, :func:`activate_dataset`,
:func:`delete_dataset`, :func:`set_restricted`) starts with :func:`geo.app.auth.require`:
the buttons a viewer does not see are not the protection, the check in the code path is.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from geo import ingest
from geo.app import auth
from geo.data import codes, sample, store
from geo.data.kinds import DATASET_KINDS
from geo.errors import RiskmapError, message_in
from geo.i18n import format_number, t
from geo.web.disclosure_cache import prepare_first_views
from geo.web.escape import markdown_escape

FLASH_STATE = "data_flash"
PUBLISHED_FLASH = "data_published_flash"
PENDING_PUBLISH = "data_pending_publish"
PENDING_ACTIVATION = "data_pending_activation"
UPLOAD_ROUND = "data_upload_round"
"""Suffix of the uploader's key: raised after each publish, so that the uploader starts empty."""
VERSION_CHOICE = "data_version"
MISSING = "\u2013"
"""How a missing value reads in the report tables (an en dash, not ``None`` or ``nan``)."""


# --------------------------------------------------------------------------- handlers (server-side checks)


def publish_upload(
    result: ingest.IngestResult, *, name: str, note: str | None, activate: bool, lang: str
) -> store.DatasetInfo | None:
    """Store a checked upload as a new dataset version, if this session may publish.

    Parameters
    ----------
    result : geo.ingest.IngestResult
        The checked file.
    name, note : str
        Dataset name and optional note.
    activate : bool
        Make the new version the active one of its kind (needs the "activate" right too).
    lang : str
        Language of a refusal message.

    Returns
    -------
    geo.data.store.DatasetInfo or None
        The new version; ``None`` when refused (nothing is stored).
    """
    if not auth.require("publish", lang) or (activate and not auth.require("activate", lang)):
        return None
    default_store = store.default_store()
    dataset_id = ingest.publish(result, name=name, note=note, activate=activate, uploader=auth.actor(),
                                store=default_store)
    prepare_first_views(default_store.url, dataset_id)  # the first map of the version, in any process, reads them
    return default_store.get_dataset(dataset_id, audience=auth.ANALYST)


def activate_dataset(dataset_id: int, lang: str) -> store.DatasetInfo | None:
    """Make a version the active one of its kind, if this session may.

    Parameters
    ----------
    dataset_id : int
        The version.
    lang : str
        Language of a refusal message.

    Returns
    -------
    geo.data.store.DatasetInfo or None
        The version, now active; ``None`` when refused (nothing changed).
    """
    if not auth.require("activate", lang):
        return None
    return store.default_store().activate(dataset_id, actor=auth.actor())


def delete_dataset(dataset_id: int, lang: str) -> store.DatasetInfo | None:
    """Delete (hide) a version, if this session may.

    Parameters
    ----------
    dataset_id : int
        The version.
    lang : str
        Language of a refusal message.

    Returns
    -------
    geo.data.store.DatasetInfo or None
        The version, now deleted; ``None`` when refused (nothing changed).
    """
    if not auth.require("delete", lang):
        return None
    return store.default_store().delete_dataset(dataset_id, actor=auth.actor())


def set_restricted(dataset_id: int, restricted: bool, lang: str) -> store.DatasetInfo | None:
    """Restrict a version (invisible to viewers) or make it public again, if this session may.

    Parameters
    ----------
    dataset_id : int
        The version.
    restricted : bool
        ``True`` to restrict, ``False`` to make public.
    lang : str
        Language of a refusal message.

    Returns
    -------
    geo.data.store.DatasetInfo or None
        The version after the change; ``None`` when refused (nothing changed).
    """
    if not auth.require("restrict", lang):
        return None
    return store.default_store().set_restricted(dataset_id, restricted, actor=auth.actor())


def set_threshold(dataset_id: int, threshold: int, lang: str) -> store.DatasetInfo | None:
    """Set a version's disclosure threshold, if this session may restrict datasets.

    The threshold decides what viewers see, as restricting does: the same right.

    Parameters
    ----------
    dataset_id : int
        The version.
    threshold : int
        Counts below it (and above 0) are suppressed in public views; at least 1.
    lang : str
        Language of a refusal message.

    Returns
    -------
    geo.data.store.DatasetInfo or None
        The version after the change; ``None`` when refused (nothing changed).
    """
    if not auth.require("restrict", lang):
        return None
    return store.default_store().set_threshold(dataset_id, int(threshold), actor=auth.actor())


def visible_datasets() -> list[store.DatasetInfo]:
    """The dataset versions this session may see (viewers: public ones only).

    Returns
    -------
    list of geo.data.store.DatasetInfo
        Newest first, deleted ones left out.
    """
    return store.default_store().list_datasets(audience=auth.data_audience())


# --------------------------------------------------------------------------- what a change would do


def areas_removed(current_codes: Iterable[str], new_codes: Iterable[str]) -> list[str]:
    """Provinces and regencies that ``current_codes`` cover and ``new_codes`` do not.

    A province absent from the new data is named once (not each of its regencies); within a
    province the new data covers, a regency is named when the new data has nothing in it, unless
    the new data has figures for that province as a whole (its regencies are then still covered).

    Parameters
    ----------
    current_codes, new_codes : iterable of str
        Area codes (any level) of the records of the active and of the new dataset.

    Returns
    -------
    list of str
        Province and regency codes, sorted.

    Examples
    --------
    >>> areas_removed(["21.71.03.1003", "35.07", "35.09.01"], ["21.71", "35.07.02.2001"])
    ['35.09']
    >>> areas_removed(["21", "35.07"], ["35"])
    ['21']
    """
    new = set(new_codes)
    new_provinces = {code.split(".")[0] for code in new}
    new_regencies = {regency for code in new if (regency := codes.truncate_to_level(code, "regency"))}
    whole_provinces = {code for code in new if "." not in code}
    removed: set[str] = set()
    for code in set(current_codes):
        province = code.split(".")[0]
        regency = codes.truncate_to_level(code, "regency")
        if province not in new_provinces:
            removed.add(province)
        elif regency and regency not in new_regencies and province not in whole_provinces:
            removed.add(regency)
    return sorted(removed)


def area_list(area_codes: list[str], lang: str, limit: int = 10) -> str:
    """Areas named for a sentence: at most ``limit`` names with their codes, then how many more.

    Parameters
    ----------
    area_codes : list of str
        Province/regency codes, in the order to name them.
    lang : str
        Language of "and N more".
    limit : int
        How many to name.

    Returns
    -------
    str
        Markdown-escaped (parentheses escaped), e.g. for "Jawa Timur (35), Bali (51) and 3 more".
    """
    code_list = codes.CodeList.load()
    names = [f"{code_list.name(code) if code in code_list else code} ({code})" for code in area_codes[:limit]]
    if len(area_codes) > limit:
        names.append(t("data.removes_more", lang, count=format_number(len(area_codes) - limit, lang)))
    return markdown_escape(", ".join(names))


def removal_warning(kind: str, new_codes: Iterable[str], lang: str, *, new_id: int | None = None) -> str | None:
    """What making new data of ``kind`` active would take off the maps, as a sentence; ``None`` if nothing.

    Parameters
    ----------
    kind : str
        Dataset kind.
    new_codes : iterable of str
        Area codes of the records that would become active.
    lang : str
        Language of the sentence.
    new_id : int, optional
        The version to be activated, when it is stored already (nothing is removed when it is the active one).

    Returns
    -------
    str or None
        Markdown-safe sentence naming the areas (at most 10 and how many more), or ``None``.
    """
    current = store.default_store().active_dataset(kind)
    if current is None or current.id == new_id:
        return None
    removed = areas_removed(store.default_store().area_codes(current.id), new_codes)
    if not removed:
        return None
    return t("data.removes", lang, areas=area_list(removed, lang), label=markdown_escape(current.label))


def duplicate_warning(kind: str, sha256: str, lang: str) -> str | None:
    """The warning shown when this file was already published as ``kind``; ``None`` when it was not.

    Parameters
    ----------
    kind : str
        Dataset kind.
    sha256 : str
        SHA-256 of the file's bytes.
    lang : str
        Language of the warning.

    Returns
    -------
    str or None
        Markdown-safe sentence naming the version (name vN) and when it was published.
    """
    earlier = store.default_store().find_by_content(kind, sha256)
    if earlier is None:
        return None
    return t("data.duplicate", lang, label=markdown_escape(earlier.label),
             date=earlier.created_at.strftime("%Y-%m-%d %H:%M UTC"))


# --------------------------------------------------------------------------- upload section


def _mapping_choices(
    table: pd.DataFrame, detected: ingest.Preview, personal: set[str], key: str, lang: str
) -> dict[str, str]:
    """One choice per column, the meanings in the page's language (internal field names never shown)."""
    st.caption(t("data.mapping.help", lang))
    choices = [ingest.IGNORE, *ingest.FIELDS]
    columns = [column for column in table.columns if column not in personal]
    grid = st.columns(3)
    mapping: dict[str, str] = {}
    for index, column in enumerate(columns):
        detected_field = detected.mapping.get(column, ingest.IGNORE)
        mapping[column] = grid[index % 3].selectbox(
            markdown_escape(column), choices, index=choices.index(detected_field),
            format_func=lambda field: t(f"data.field.{field}", lang), key=f"{key}_{index}",
        )
    return mapping


def _cell(value: object, lang: str) -> object:
    """A report cell for people: missing as "–", yes/no in the page's language."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return MISSING
    if isinstance(value, bool):
        return t("data.yes" if value else "data.no", lang)
    return value


def report_tables(result: ingest.IngestResult, lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rejected rows and the accepted matches as shown: headers, match kinds and levels in ``lang``.

    Parameters
    ----------
    result : geo.ingest.IngestResult
        The checked file.
    lang : str
        Page language.

    Returns
    -------
    tuple of pandas.DataFrame
        ``(rejected, matches)``; missing values are "–", every cell of the text columns a string.
    """
    rejected = result.rejected_in(lang)
    rejected = pd.DataFrame({
        t("data.report.row", lang): rejected["row"].astype(int).tolist() if "row" in rejected else [],
        t("data.report.reason", lang): [str(_cell(reason, lang)) for reason in rejected.get("reason", [])],
    })
    matches = result.matches_in(lang).copy()
    matches["matched_by"] = [t(f"data.match.{way}", lang) if way else MISSING for way in matches["matched_by"]]
    matches["level"] = [t(f"level.{level}", lang) if level else MISSING for level in matches["level"]]
    matches["score"] = [MISSING if pd.isna(score) else format_number(score, lang) for score in matches["score"]]
    for column in matches.columns:
        matches[column] = [_cell(value, lang) for value in matches[column]]
        if column != "row":
            matches[column] = matches[column].astype(str)
    matches = matches.rename(columns={column: t(f"data.report.{column}", lang) for column in matches.columns})
    return rejected, matches


def _report(result: ingest.IngestResult, personal: set[str], lang: str) -> None:
    report = result.report
    st.subheader(t("data.report", lang))
    metrics = st.columns(4)
    metrics[0].metric(t("data.rows_read", lang), format_number(report.rows_read, lang))
    metrics[1].metric(t("data.rows_accepted", lang), format_number(report.rows_accepted, lang))
    metrics[2].metric(t("data.rows_rejected", lang), format_number(report.rows_rejected, lang))
    metrics[3].metric(t("data.total", lang), format_number(report.total, lang))
    st.write(t("data.matched_by", lang, **{way: format_number(count, lang)
                                            for way, count in report.matched_by.items()}))
    for warning in report.warnings_in(lang):
        st.info(t("data.warnings", lang, text=markdown_escape(warning)))
    unused = [column for column in report.unused_columns if column not in personal]
    if unused:
        st.caption(t("data.unused", lang, columns=markdown_escape(", ".join(unused))))
    rejected, matches = report_tables(result, lang)
    if report.rows_rejected:
        st.markdown(f"**{t('data.rejected', lang)}**")
        # st.table wraps long reasons (a data grid cuts them off) and reads its cells as Markdown: the
        # reasons quote the file, so they are escaped; the container scrolls a long list
        with st.container(height=min(80 + 40 * len(rejected), 420)):
            st.table(rejected.set_index(rejected.columns[0]).map(markdown_escape))
        if report.rejected_not_listed:
            st.caption(t("data.rejected_not_listed", lang, count=format_number(report.rejected_not_listed, lang)))
    if report.rows_accepted:
        st.markdown(f"**{t('data.matches', lang)}**")
        # what the file said can be long: a narrower column keeps the match kind and note in view
        st.dataframe(matches, hide_index=True, column_config={
            t("data.report.given", lang): st.column_config.TextColumn(width="medium")})


@dataclass(frozen=True)
class PublishRequest:
    """A publish the person submitted that waits for "Publish anyway" (duplicate, or areas it removes)."""

    sha256: str
    kind: str
    name: str
    note: str | None
    activate: bool
    warnings: tuple[str, ...]


def _publish_and_move_on(result: ingest.IngestResult, request: PublishRequest, lang: str) -> None:
    """Publish, then start over: new version selected below, upload widget emptied, success said."""
    info = publish_upload(result, name=request.name, note=request.note, activate=request.activate, lang=lang)
    if info is None:
        return
    for state in ("data_check_key", "data_check_result", PENDING_PUBLISH):
        st.session_state.pop(state, None)
    st.session_state[UPLOAD_ROUND] = st.session_state.get(UPLOAD_ROUND, 0) + 1  # a new key empties the uploader
    st.session_state[VERSION_CHOICE] = info.id
    st.session_state[PUBLISHED_FLASH] = " ".join([
        t("data.published", lang, id=info.id, label=markdown_escape(info.label),
          rows=format_number(info.rows_accepted, lang), total=format_number(info.total, lang)),
        t("data.published_selected", lang),
    ])
    st.rerun()


def _confirm_publish(result: ingest.IngestResult, request: PublishRequest, lang: str) -> None:
    st.markdown(f"**{t('data.confirm_publish', lang)}**")
    for warning in request.warnings:
        st.warning(warning)
    anyway, cancel = st.columns(2)
    if anyway.button(t("data.publish_anyway", lang), type="primary", key="data_publish_anyway"):
        _publish_and_move_on(result, request, lang)
    if cancel.button(t("data.cancel", lang), key="data_publish_cancel"):
        st.session_state.pop(PENDING_PUBLISH, None)
        st.info(t("data.cancelled", lang))


def _publish_form(result: ingest.IngestResult, file_name: str, lang: str) -> None:
    st.subheader(t("data.publish_heading", lang))
    if not result.publishable:
        st.error(t("data.nothing_to_publish", lang))
        return
    report = result.report
    with st.form(key=f"data_publish_{report.sha256[:16]}"):
        name = st.text_input(t("data.name", lang), value=Path(file_name).stem)
        note = st.text_area(t("data.note", lang))
        activate = st.checkbox(t("data.activate", lang), value=True)
        submitted = st.form_submit_button(t("data.publish", lang), type="primary")
    if submitted:
        warnings = [duplicate_warning(report.kind, report.sha256, lang)]
        if activate:
            warnings.append(removal_warning(report.kind, result.records["area_code"].dropna(), lang))
        request = PublishRequest(sha256=report.sha256, kind=report.kind, name=name, note=note or None,
                                 activate=activate, warnings=tuple(text for text in warnings if text))
        if not request.warnings:
            _publish_and_move_on(result, request, lang)
            return
        st.session_state[PENDING_PUBLISH] = request  # nothing is written until "Publish anyway"
    pending = st.session_state.get(PENDING_PUBLISH)
    if isinstance(pending, PublishRequest) and (pending.sha256, pending.kind) == (report.sha256, report.kind):
        _confirm_publish(result, pending, lang)


def upload_section(uploaded: UploadedFile, kind: str, lang: str) -> None:
    """Preview, mapping, report and publish form for one uploaded file (analysts only).

    Parameters
    ----------
    uploaded : UploadedFile
        The file from the uploader.
    kind : str
        ``"migration"`` or ``"cases"``.
    lang : str
        Interface language.
    """
    if not auth.require("upload", lang):
        return
    content = uploaded.getvalue()
    digest = hashlib.sha256(content).hexdigest()[:16]
    sheet = None
    if sheets := ingest.sheet_names(content, uploaded.name):
        sheet = st.selectbox(t("data.sheet", lang), sheets, key=f"data_sheet_{digest}")
    detected = ingest.preview(content, uploaded.name, kind=kind, sheet=sheet)
    table = detected.table
    how = (t("data.read_csv", lang, encoding=table.encoding, delimiter=table.delimiter_label)
           if table.file_type == "csv" else t("data.read_excel", lang, sheet=markdown_escape(table.sheet)))
    st.caption(t("data.read_as", lang, rows=format_number(len(table.frame), lang),
                 columns=format_number(table.frame.shape[1], lang), how=how))
    if detected.personal:
        st.warning(t("data.personal", lang, columns=markdown_escape(
            "; ".join(item.describe_in(lang) for item in detected.personal))))
    personal = {item.column for item in detected.personal}
    st.subheader(t("data.preview", lang))
    shown = table.frame.drop(columns=list(personal)).head(10).astype(object)
    st.dataframe(shown.where(shown.notna(), ""), hide_index=True)  # an empty cell of the file, not "None"

    st.subheader(t("data.mapping", lang))
    overrides = _mapping_choices(table.frame, detected, personal, key=f"data_mapping_{digest}_{sheet}", lang=lang)
    number_format = st.radio(
        t("data.number_format", lang, detected=t(f"data.number_format.{detected.number_format}", lang)),
        list(ingest.NUMBER_FORMATS), index=list(ingest.NUMBER_FORMATS).index(detected.number_format),
        format_func=lambda code: t(f"data.number_format.{code}", lang), horizontal=True,
        key=f"data_number_format_{digest}",
    )

    # Checking a large file takes seconds: keep the last result while nothing changed.
    check_key = (digest, kind, sheet, tuple(sorted(overrides.items())), number_format)
    if st.session_state.get("data_check_key") != check_key:
        st.session_state["data_check_result"] = ingest.check(content, uploaded.name, kind=kind, sheet=sheet,
                                                             mapping=overrides, number_format=number_format)
        st.session_state["data_check_key"] = check_key
        st.session_state.pop(PENDING_PUBLISH, None)  # a changed check needs a new decision
    result: ingest.IngestResult = st.session_state["data_check_result"]
    _report(result, personal, lang)
    _publish_form(result, uploaded.name, lang)


def upload_area(lang: str) -> None:
    """Kind of data, file uploader and, once a file is chosen, its check and publish form (analysts only).

    After a publish the uploader gets a new key (it is empty again) and the success message is shown here.

    Parameters
    ----------
    lang : str
        Interface language.
    """
    if not auth.allowed("upload"):
        st.info(t("auth.viewer_data", lang))
        return
    st.write(t("data.intro", lang))
    if flash := st.session_state.pop(PUBLISHED_FLASH, None):
        st.success(flash)
    kind = st.radio(t("data.kind", lang), list(DATASET_KINDS), format_func=lambda k: t(f"data.kind.{k}", lang),
                    horizontal=True, key="data_kind") or DATASET_KINDS[0]
    uploaded = st.file_uploader(t("data.upload", lang), type=["csv", "txt", "tsv", "xlsx", "xls"],
                                key=f"data_file_{st.session_state.get(UPLOAD_ROUND, 0)}")
    if uploaded is not None:
        try:
            upload_section(uploaded, kind, lang)
        except RiskmapError as error:  # the file as a whole cannot be used: say why, keep the page
            st.error(markdown_escape(message_in(error, lang)))  # names the file: plain text


# --------------------------------------------------------------------------- versions


def _status(dataset: store.DatasetInfo, lang: str) -> str:
    flags = [t("data.status.active", lang)] if dataset.is_active else []
    flags += [t("data.status.sample", lang)] if dataset.is_sample else []
    flags += [t("auth.status.restricted", lang)] if dataset.restricted else []
    return ", ".join(flags)


def versions_table(datasets: list[store.DatasetInfo], lang: str) -> pd.DataFrame:
    """The table of dataset versions shown on the Data page.

    Parameters
    ----------
    datasets : list of geo.data.store.DatasetInfo
        The versions this session may see.
    lang : str
        Language of headings and status words.

    Returns
    -------
    pandas.DataFrame
        One row per version.
    """
    return pd.DataFrame({
        t("data.col.id", lang): [d.id for d in datasets],
        t("data.col.kind", lang): [t(f"data.kind.{d.kind}", lang) for d in datasets],
        t("data.col.name", lang): [d.name for d in datasets],
        t("data.col.version", lang): [d.version for d in datasets],
        t("data.col.created", lang): [d.created_at.strftime("%Y-%m-%d %H:%M") for d in datasets],
        t("data.col.file", lang): [d.file_name or "" for d in datasets],
        t("data.col.rows", lang): [d.rows_accepted for d in datasets],
        t("data.col.total", lang): [d.total for d in datasets],
        t("data.col.status", lang): [_status(d, lang) for d in datasets],
        t("auth.col.threshold", lang): [d.disclosure_threshold for d in datasets],
    })


def _flash_and_rerun(text: str) -> None:
    st.session_state[FLASH_STATE] = text
    st.rerun()


def version_actions(datasets: list[store.DatasetInfo], lang: str) -> None:
    """Activate, restrict or publicise, and delete a version (drawn only for those allowed).

    Parameters
    ----------
    datasets : list of geo.data.store.DatasetInfo
        The versions to choose from.
    lang : str
        Interface language.
    """
    by_id = {dataset.id: dataset for dataset in datasets}
    if st.session_state.get(VERSION_CHOICE) not in by_id:
        st.session_state.pop(VERSION_CHOICE, None)  # e.g. deleted meanwhile: fall back to the first
    chosen = st.selectbox(t("data.choose", lang), list(by_id),
                          format_func=lambda i: f"{i}: {by_id[i].label}", key=VERSION_CHOICE)
    left, middle, right = st.columns(3)
    if auth.allowed("activate"):
        with left:
            _activate_controls(by_id[chosen], lang)
    if auth.allowed("restrict"):
        with middle:
            _restrict_controls(by_id[chosen], lang)
    if auth.allowed("delete"):
        confirm = right.checkbox(t("data.delete_confirm", lang), key="data_delete_confirm")
        if right.button(t("data.delete", lang), disabled=not confirm, key="data_delete"):
            if (info := delete_dataset(chosen, lang)) is not None:
                st.session_state.pop("data_delete_confirm", None)
                _flash_and_rerun(t("data.deleted", lang, label=markdown_escape(info.label)))


def _activate(dataset_id: int, lang: str) -> None:
    st.session_state.pop(PENDING_ACTIVATION, None)
    if (info := activate_dataset(dataset_id, lang)) is not None:
        _flash_and_rerun(t("data.activated", lang, label=markdown_escape(info.label)))


def _activate_controls(dataset: store.DatasetInfo, lang: str) -> None:
    """Make the chosen version active; first say which areas that takes off the maps, if any."""
    if st.button(t("data.make_active", lang), key="data_activate"):
        warning = removal_warning(dataset.kind, store.default_store().area_codes(dataset.id), lang, new_id=dataset.id)
        if warning is None:
            _activate(dataset.id, lang)
            return
        st.session_state[PENDING_ACTIVATION] = (dataset.id, warning)  # nothing changes until "Activate anyway"
    pending = st.session_state.get(PENDING_ACTIVATION)
    if not pending or pending[0] != dataset.id:
        return
    st.warning(pending[1])
    if st.button(t("data.activate_anyway", lang), type="primary", key="data_activate_anyway"):
        _activate(dataset.id, lang)
    if st.button(t("data.cancel", lang), key="data_activate_cancel"):
        st.session_state.pop(PENDING_ACTIVATION, None)
        st.rerun()


def _restrict_controls(dataset: store.DatasetInfo, lang: str) -> None:
    """Restrict or publicise the chosen version, and set its disclosure threshold."""
    label = t("auth.publicise" if dataset.restricted else "auth.restrict", lang)
    if st.button(label, key="data_restrict"):
        if (info := set_restricted(dataset.id, not dataset.restricted, lang)) is not None:
            done = "auth.restricted_done" if info.restricted else "auth.publicised_done"
            _flash_and_rerun(t(done, lang, label=markdown_escape(info.label)))
    key = f"data_threshold_{dataset.id}"
    threshold = st.number_input(t("auth.threshold", lang), min_value=1, max_value=1000, step=1,
                                value=dataset.disclosure_threshold, key=key, help=t("auth.threshold_help", lang))
    if st.button(t("auth.threshold_set", lang), key="data_threshold_set"):
        if (info := set_threshold(dataset.id, int(threshold), lang)) is not None:
            _flash_and_rerun(t("auth.threshold_done", lang, label=markdown_escape(info.label),
                               threshold=info.disclosure_threshold))


def versions_section(lang: str) -> None:
    """The list of dataset versions this session may see, with the actions its role allows.

    Parameters
    ----------
    lang : str
        Interface language.
    """
    st.header(t("data.versions", lang))
    if flash := st.session_state.pop(FLASH_STATE, None):
        st.success(flash)
    datasets = visible_datasets()
    if not datasets:
        st.info(t("data.no_versions", lang))
        return
    for dataset in datasets:
        if dataset.is_sample and dataset.is_active:
            st.info(t("data.sample_label", lang, name=dataset.name,  # a sample's name is ours, not a user's
                      citation=sample.citation(dataset.sources, lang)))
    st.dataframe(versions_table(datasets, lang), hide_index=True)
    if any(auth.allowed(action) for action in ("activate", "restrict", "delete")):
        version_actions(datasets, lang)
