"""Saved-view and story texts pass the personal-data guard: titles, notes and captions with a NIK, a phone
number, an e-mail address, a passport number or a titled name are refused, masked, and nothing is stored."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from geo.data import audit
from geo.data.personal import find_personal
from geo.data.store import Store
from geo.data.views import (
    PersonalDataError,
    create_story,
    get_story,
    list_stories,
    list_views,
    save_view,
    update_story,
)
from geo.errors import message_in
from geo.ingest._personal import cell_kind

# (text, kind, masked excerpt shown, parts of the value that must never be shown)
PERSONAL_TEXTS = [
    ("Kasus NIK 3174 9999 8888 7777", "nik", "3174…7777", ["3174 9999 8888 7777", "3174999988887777"]),
    ("Asal 3174.9999.8888.7777", "nik", "3174…7777", ["3174.9999.8888.7777"]),
    ("Korban Maria Goreti 081298765432", "phone", "081…32", ["081298765432", "Maria", "Goreti"]),
    ("hubungi +62 812-9876-5432", "phone", "+62…32", ["812-9876-5432", "98765"]),
    ("tanya agen.yohanes@example.org", "email", "a…@…", ["agen.yohanes@example.org", "yohanes", "example.org"]),
    ("paspor C 1234567 ditahan", "passport", "C…", ["C 1234567", "1234567"]),
    ("Cerita korban Maria Goreti dari Batam", "name", "korban M… G…", ["Maria", "Goreti"]),
    ("dijemput a.n. Siti Aminah", "name", "a.n. S… A…", ["Siti", "Aminah"]),
    ("Ahmad binti Yusuf", "name", "binti Y…", ["Ahmad", "Yusuf"]),
    ("lewat agen Yohanes Bria", "name", "agen Y… B…", ["Yohanes", "Bria"]),
]
ORDINARY_TEXTS = [
    "Batam dan Bintan: desa asal tertinggi 2024",
    "Kepri → Phnom Penh, 120 kasus",
    "Korban Perdagangan Orang di Kepulauan Riau 2019–2024",
    "Ibu Rumah Tangga asal Lombok Timur, 35% PMI perempuan",
    "Ibu Kota Nusantara dan Samarinda",
    "Kota Batam via Johor Bahru ke Kuala Lumpur",
    "Agen resmi (P3MI) di Tanjung Pinang: 1.234 penempatan",
    "Data BP2MI Januari–Juni 2024, kode 21.71.01.1001",
]


def assert_refused(call: Callable[[], object], key: str, masked: str, hidden: list[str]) -> PersonalDataError:
    with pytest.raises(PersonalDataError) as caught:
        call()
    error = caught.value
    assert error.key == key
    english, indonesian = message_in(error, "en"), message_in(error, "id")
    assert english == str(error) and indonesian != english
    for message in (english, indonesian):
        assert f"({masked})" in message, message
        for part in hidden:
            assert part not in message, (part, message)
    assert not any(part in repr(error.values) for part in hidden), error.values
    return error


def a_story(store: Store) -> tuple[str, str]:
    first = save_view({"level": "province"}, "Indonesia", store=store)
    second = save_view({"level": "regency", "area": "21"}, "Kepri", store=store)
    story = create_story("Briefing", [(first.token, "Asal"), (second.token, "Kepri")], store=store)
    return story.token, second.token


@pytest.mark.parametrize(("text", "kind", "masked", "hidden"), PERSONAL_TEXTS)
def test_a_view_title_or_note_with_personal_data_is_refused_and_nothing_is_saved(
        store: Store, text: str, kind: str, masked: str, hidden: list[str]) -> None:
    error = assert_refused(lambda: save_view({"level": "province"}, text, store=store),
                           f"views.error.personal_title.{kind}", masked, hidden)
    assert str(error).startswith("The title holds personal data")
    assert message_in(error, "id").startswith("Judul memuat data pribadi")
    error = assert_refused(lambda: save_view({"level": "province"}, "Kepri", f"catatan: {text}", store=store),
                           f"views.error.personal_note.{kind}", masked, hidden)
    assert message_in(error, "id").startswith("Catatan memuat data pribadi")
    assert list_views(store=store) == []
    assert [entry.action for entry in audit.entries(store=store)] == []


@pytest.mark.parametrize(("text", "kind", "masked", "hidden"), PERSONAL_TEXTS)
def test_a_story_title_or_caption_with_personal_data_is_refused_and_no_story_is_stored(
        store: Store, text: str, kind: str, masked: str, hidden: list[str]) -> None:
    view = save_view({"level": "province"}, "Indonesia", store=store)
    assert_refused(lambda: create_story(text, [(view.token, "Asal")], store=store),
                   f"views.error.personal_title.{kind}", masked, hidden)
    error = assert_refused(
        lambda: create_story("Briefing", [(view.token, "Asal"), (view.token, "Batam"), (view.token, text)],
                             store=store),
        f"views.error.personal_caption.{kind}", masked, hidden)
    assert error.values["step"] == 3
    assert str(error).startswith("The caption of step 3 holds personal data")
    assert message_in(error, "id").startswith("Keterangan langkah 3 memuat data pribadi")
    assert list_stories(store=store) == []
    assert [entry.action for entry in audit.entries(store=store)] == ["view_save"]


@pytest.mark.parametrize(("text", "kind", "masked", "hidden"), PERSONAL_TEXTS)
def test_update_story_with_personal_data_changes_nothing(
        store: Store, text: str, kind: str, masked: str, hidden: list[str]) -> None:
    token, view_token = a_story(store)
    before = get_story(token, store=store)
    assert before is not None
    error = assert_refused(
        lambda: update_story(token, title="Briefing, revised", steps=[(view_token, "Kepri"), (view_token, text)],
                             store=store),
        f"views.error.personal_caption.{kind}", masked, hidden)
    assert error.values["step"] == 2
    assert_refused(lambda: update_story(token, title=text, store=store), f"views.error.personal_title.{kind}",
                   masked, hidden)
    assert_refused(lambda: update_story(token, steps=[(view_token, text)], store=store),
                   f"views.error.personal_caption.{kind}", masked, hidden)
    assert get_story(token, store=store) == before  # neither the title nor a step changed
    assert "story_update" not in [entry.action for entry in audit.entries(store=store)]


@pytest.mark.parametrize("text", ORDINARY_TEXTS)
def test_ordinary_titles_notes_and_captions_with_place_names_are_kept(store: Store, text: str) -> None:
    view = save_view({"level": "province"}, text, text, store=store)
    assert (view.title, view.note) == (text, text)
    story = create_story(text, [(view.token, text)], store=store)
    assert story.title == text and [step.caption for step in story.steps] == [text]
    updated = update_story(story.token, title=text, steps=[(view.token, "Kepri"), (view.token, text)], store=store)
    assert [step.caption for step in updated.steps] == ["Kepri", text]


@pytest.mark.parametrize(("text", "kind", "masked", "hidden"), PERSONAL_TEXTS)
def test_texts_are_refused_for_the_kind_the_upload_guard_finds(
        text: str, kind: str, masked: str, hidden: list[str]) -> None:
    # One detector: what a caption is refused for, an uploaded cell is refused for too.
    found = find_personal(text)
    assert found is not None and (found.kind, found.masked) == (kind, masked)
    assert cell_kind(text, names=False) == kind
