"""Data page: upload a CSV/Excel file, check the mapping and matching report, publish a version."""

from __future__ import annotations

from geo.app.navigation import require_app_navigation

require_app_navigation()

import hashlib
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from geo.ingest.pipeline import pipeline as ingest
from geo.data import sample
from geo.data import store
from geo.app import ui
from geo.errors import RiskmapError, message_in
from geo.i18n import t

lang = ui.current_lang()
st.title(t("data.title", lang))
st.write(t("data.intro", lang))

default_store = store.default_store()
default_store.ensure_default_data()


def current_uploader() -> str | None:
    """E-mail of the signed-in user (Streamlit authentication), if any."""
    try:
        user = st.user
        if user.get("is_logged_in") is False:
            return None
        email = user.get("email")
    except Exception:  # no authentication configured in this deployment
        return None
    return str(email) if email else None


def upload_section(uploaded: UploadedFile, kind: str) -> None:
    """Preview, mapping, report and publish form for one uploaded file."""
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
    preview_frame = table.frame.drop(columns=list(personal)).head(10)
    st.subheader(t("data.preview", lang))
    st.dataframe(preview_frame, hide_index=True)

    st.subheader(t("data.mapping", lang))
    columns = [column for column in table.frame.columns if column not in personal]
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
        key=f"data_mapping_{digest}_{sheet}",
    )
    overrides = {row.column: row.field or ingest.IGNORE for row in edited.itertuples(index=False)}
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
    report = result.report

    st.subheader(t("data.report", lang))
    metrics = st.columns(4)
    metrics[0].metric(t("data.rows_read", lang), f"{report.rows_read:,}")
    metrics[1].metric(t("data.rows_accepted", lang), f"{report.rows_accepted:,}")
    metrics[2].metric(t("data.rows_rejected", lang), f"{report.rows_rejected:,}")
    metrics[3].metric(t("data.total", lang), f"{report.total:,}")
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

    st.subheader(t("data.publish_heading", lang))
    if not result.publishable:
        st.error(t("data.nothing_to_publish", lang))
    else:
        with st.form(key=f"data_publish_{digest}"):
            name = st.text_input(t("data.name", lang), value=Path(uploaded.name).stem)
            note = st.text_area(t("data.note", lang))
            activate = st.checkbox(t("data.activate", lang), value=True)
            if st.form_submit_button(t("data.publish", lang), type="primary"):
                dataset_id = ingest.publish(result, name=name, note=note or None, activate=activate,
                                            uploader=current_uploader(), store=default_store)
                info = default_store.get_dataset(dataset_id)
                st.session_state.pop("data_check_key", None)  # a new upload starts a new report
                st.success(t("data.published", lang, id=info.id, label=info.label, rows=info.rows_accepted,
                             total=f"{info.total:,}"))


kind = st.radio(t("data.kind", lang), store.KINDS, format_func=lambda k: t(f"data.kind.{k}", lang),
                horizontal=True, key="data_kind")
uploaded = st.file_uploader(t("data.upload", lang), type=["csv", "txt", "tsv", "xlsx", "xls"], key="data_file")

if uploaded is not None:
    try:
        upload_section(uploaded, kind)
    except RiskmapError as error:  # the file as a whole cannot be used: say why, keep the page
        st.error(message_in(error, lang))

st.header(t("data.versions", lang))
if flash := st.session_state.pop("data_flash", None):
    st.success(flash)
datasets = default_store.list_datasets()
if not datasets:
    st.info(t("data.no_versions", lang))
else:
    for dataset in datasets:
        if dataset.is_sample and dataset.is_active:
            st.info(t("data.sample_label", lang, name=dataset.name, citation=sample.citation(dataset.sources, lang)))

    def status(dataset: store.DatasetInfo) -> str:
        flags = [t("data.status.active", lang)] if dataset.is_active else []
        flags += [t("data.status.sample", lang)] if dataset.is_sample else []
        return ", ".join(flags)

    st.dataframe(
        pd.DataFrame({
            t("data.col.id", lang): [d.id for d in datasets],
            t("data.col.kind", lang): [t(f"data.kind.{d.kind}", lang) for d in datasets],
            t("data.col.name", lang): [d.name for d in datasets],
            t("data.col.version", lang): [d.version for d in datasets],
            t("data.col.created", lang): [d.created_at.strftime("%Y-%m-%d %H:%M") for d in datasets],
            t("data.col.file", lang): [d.file_name or "" for d in datasets],
            t("data.col.rows", lang): [d.rows_accepted for d in datasets],
            t("data.col.total", lang): [d.total for d in datasets],
            t("data.col.status", lang): [status(d) for d in datasets],
        }),
        hide_index=True,
    )
    by_id = {dataset.id: dataset for dataset in datasets}
    chosen = st.selectbox(t("data.choose", lang), list(by_id), format_func=lambda i: f"{i}: {by_id[i].label}",
                          key="data_version")
    left, right = st.columns(2)
    if left.button(t("data.make_active", lang), key="data_activate"):
        info = default_store.activate(chosen)
        st.session_state["data_flash"] = t("data.activated", lang, label=info.label)
        st.rerun()
    confirm = right.checkbox(t("data.delete_confirm", lang), key="data_delete_confirm")
    if right.button(t("data.delete", lang), disabled=not confirm, key="data_delete"):
        info = default_store.delete_dataset(chosen)
        st.session_state["data_flash"] = t("data.deleted", lang, label=info.label)
        st.session_state.pop("data_delete_confirm", None)
        st.rerun()
