"""The Data page's controller: upload and check, publish, dataset versions and their actions.

Every handler that changes the store (:func:`publish_upload`, :func:`activate_dataset`,
:func:`delete_dataset`, :func:`set_restricted`) starts with :func:`geo.app.auth.require`:
the buttons a viewer does not see are not the protection, the check in the code path is.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from geo.app import auth
from geo.data import sample, store
from geo.i18n import format_number, t
from geo.ingest import pipeline as ingest
from geo.web.escape import markdown_escape

FLASH_STATE = "data_flash"


# --------------------------------------------------------------------------- handlers (server-side checks)


def publish_upload(
    result: ingest.IngestResult, *, name: str, note: str | None, activate: bool, lang: str
) -> store.DatasetInfo | None:
    """Store a checked upload as a new dataset version, if this session may publish.

    Parameters
    ----------
    result : geo.ingest.pipeline.IngestResult
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


# --------------------------------------------------------------------------- upload section


def _mapping_editor(
    table: pd.DataFrame, detected: ingest.Preview, personal: set[str], key: str, lang: str
) -> dict[str, str]:
    columns = [column for column in table.columns if column not in personal]
    editor_input = pd.DataFrame({
        "column": columns,
        "field": [detected.mapping.get(column, ingest.IGNORE) for column in columns],
    })
    edited = st.data_editor(
        editor_input,
        column_config={
            "column": st.column_config.TextColumn(t("data.mapping.column", lang), disabled=True),
            "field": st.column_config.SelectboxColumn(
                t("data.mapping.field", lang), options=[ingest.IGNORE, *ingest.FIELDS], required=True
            ),
        },
        hide_index=True,
        key=key,
    )
    return {row.column: row.field or ingest.IGNORE for row in edited.itertuples(index=False)}


def _report(result: ingest.IngestResult, personal: set[str], lang: str) -> None:
    report = result.report
    st.subheader(t("data.report", lang))
    metrics = st.columns(4)
    metrics[0].metric(t("data.rows_read", lang), format_number(report.rows_read, lang))
    metrics[1].metric(t("data.rows_accepted", lang), format_number(report.rows_accepted, lang))
    metrics[2].metric(t("data.rows_rejected", lang), format_number(report.rows_rejected, lang))
    metrics[3].metric(t("data.total", lang), format_number(report.total, lang))
    st.write(t("data.matched_by", lang, **report.matched_by))
    for warning in report.warnings_in(lang):
        st.info(t("data.warnings", lang, text=warning))
    unused = [column for column in report.unused_columns if column not in personal]
    if unused:
        st.caption(t("data.unused", lang, columns=", ".join(unused)))
    if report.rows_rejected:
        st.markdown(f"**{t('data.rejected', lang)}**")
        st.dataframe(result.rejected_in(lang), hide_index=True)
    if report.rows_accepted:
        st.markdown(f"**{t('data.matches', lang)}**")
        st.dataframe(result.matches_in(lang), hide_index=True)


def _publish_form(result: ingest.IngestResult, file_name: str, digest: str, lang: str) -> None:
    st.subheader(t("data.publish_heading", lang))
    if not result.publishable:
        st.error(t("data.nothing_to_publish", lang))
        return
    with st.form(key=f"data_publish_{digest}"):
        name = st.text_input(t("data.name", lang), value=Path(file_name).stem)
        note = st.text_area(t("data.note", lang))
        activate = st.checkbox(t("data.activate", lang), value=True)
        submitted = st.form_submit_button(t("data.publish", lang), type="primary")
    if submitted:
        info = publish_upload(result, name=name, note=note or None, activate=activate, lang=lang)
        if info is not None:
            st.session_state.pop("data_check_key", None)  # a new upload starts a new report
            st.success(t("data.published", lang, id=info.id, label=markdown_escape(info.label), rows=info.rows_accepted,
                         total=format_number(info.total, lang)))


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
           if table.file_type == "csv" else t("data.read_excel", lang, sheet=table.sheet))
    st.caption(t("data.read_as", lang, rows=len(table.frame), columns=table.frame.shape[1], how=how))
    if detected.personal:
        st.warning(t("data.personal", lang, columns="; ".join(item.describe_in(lang) for item in detected.personal)))
    personal = {item.column for item in detected.personal}
    st.subheader(t("data.preview", lang))
    st.dataframe(table.frame.drop(columns=list(personal)).head(10), hide_index=True)

    st.subheader(t("data.mapping", lang))
    overrides = _mapping_editor(table.frame, detected, personal, key=f"data_mapping_{digest}_{sheet}", lang=lang)
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
    result: ingest.IngestResult = st.session_state["data_check_result"]
    _report(result, personal, lang)
    _publish_form(result, uploaded.name, digest, lang)


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
    chosen = st.selectbox(t("data.choose", lang), list(by_id),
                          format_func=lambda i: f"{i}: {by_id[i].label}", key="data_version")
    left, middle, right = st.columns(3)
    if auth.allowed("activate") and left.button(t("data.make_active", lang), key="data_activate"):
        if (info := activate_dataset(chosen, lang)) is not None:
            _flash_and_rerun(t("data.activated", lang, label=markdown_escape(info.label)))
    if auth.allowed("restrict"):
        with middle:
            _restrict_controls(by_id[chosen], lang)
    if auth.allowed("delete"):
        confirm = right.checkbox(t("data.delete_confirm", lang), key="data_delete_confirm")
        if right.button(t("data.delete", lang), disabled=not confirm, key="data_delete"):
            if (info := delete_dataset(chosen, lang)) is not None:
                st.session_state.pop("data_delete_confirm", None)
                _flash_and_rerun(t("data.deleted", lang, label=markdown_escape(info.label)))


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
