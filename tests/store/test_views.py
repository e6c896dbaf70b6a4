"""Saved views and stories in the store (SQLite and PostgreSQL): tokens, restriction, order, audit, errors."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from geo.data import audit
from geo.data import views as views_module
from geo.data.store import Store
from geo.data.views import (
    MAX_TITLE_LENGTH,
    StoryStep,
    ViewError,
    create_story,
    delete_story,
    delete_view,
    get_story,
    get_view,
    is_token,
    list_stories,
    list_views,
    save_view,
    update_story,
)
from geo.errors import message_in


def a_dataset(store: Store, kind: str = "cases", name: str = "demo") -> int:
    records = pd.DataFrame({"area_code": ["21.71"], "level": ["regency"], "count": [12]})
    return store.save_dataset(kind=kind, name=name, records=records, file_name=f"{name}.csv")


def test_a_saved_view_round_trips_through_its_token(store: Store) -> None:
    saved = save_view({"level": "village", "area": "21.71", "lang": "en", "v": "old", "step": "2"},
                      "  Batam villages  ", "for the meeting", actor="sari", store=store)
    assert is_token(saved.token)
    assert saved.query == {"level": "village", "area": "21.71", "lang": "en"}  # navigation keys are not kept
    assert saved.title == "Batam villages"
    opened = get_view(saved.token, store=store)
    assert opened == saved
    assert opened is not None and opened.created_by == "sari" and opened.restricted is False
    assert [view.token for view in list_views(store=store)] == [saved.token]
    assert saved.to_dict()["link"] == f"/?v={saved.token}"


def test_tokens_are_unguessable_and_lookups_of_other_strings_find_nothing(store: Store) -> None:
    tokens = {save_view({"level": "province"}, f"view {n}", store=store).token for n in range(40)}
    assert len(tokens) == 40
    assert all(is_token(token) and not token.startswith(("-", "_")) for token in tokens)
    # not sequential: no two tokens share their first 6 characters (96 random bits each)
    assert len({token[:6] for token in tokens}) == 40
    for other in ("", "1", "' OR 1=1 --", "A" * 16, "<script>x</script>", next(iter(tokens)).lower() + "x"):
        assert get_view(other, store=store) is None
        assert get_story(other, store=store) is None


def test_a_view_over_a_restricted_dataset_is_restricted_and_hidden_from_the_public(store: Store) -> None:
    public_id = a_dataset(store, "migration", "open")
    secret_id = a_dataset(store, "cases", "secret")
    store.set_restricted(secret_id, True, actor="admin")
    open_view = save_view({"dataset": str(public_id)}, "open", store=store)
    secret_view = save_view({"dataset": f"{public_id},{secret_id}"}, "secret", store=store)
    chosen = save_view({"dataset": str(public_id)}, "restricted by choice", restricted=True, store=store)
    assert (open_view.restricted, secret_view.restricted, chosen.restricted) == (False, True, True)
    assert get_view(secret_view.token, audience="public", store=store) is None
    assert get_view(secret_view.token, audience="analyst", store=store) == secret_view
    assert get_view(open_view.token, audience="public", store=store) == open_view
    assert {view.title for view in list_views(audience="public", store=store)} == {"open"}
    # without a dataset key the view shows the active ones: the restricted active cases dataset counts
    assert save_view({"level": "regency"}, "actives", store=store).restricted is True
    with pytest.raises(ViewError):
        get_view(open_view.token, audience="everyone", store=store)  # a typo must not show everything


def test_a_story_keeps_its_order_and_is_edited_reordered_and_deleted(store: Store) -> None:
    first = save_view({"level": "village", "area": "21"}, "Kepri villages", store=store)
    second = save_view({"level": "regency"}, "Regencies", store=store)
    story = create_story("Kepri", [(first.token, "Where cases start"), (second.token, "The country")],
                         actor="sari", store=store)
    assert is_token(story.token) and story.created_by == "sari"
    assert story.steps == [StoryStep(first.token, "Where cases start"), StoryStep(second.token, "The country")]
    assert story.view_titles == {first.token: "Kepri villages", second.token: "Regencies"}

    reordered = update_story(story.token, steps=[(second.token, "The country, first"), (first.token, "Then Kepri")],
                             actor="sari", store=store)
    assert [step.view_token for step in reordered.steps] == [second.token, first.token]
    assert reordered.title == "Kepri" and reordered.updated_at is not None
    renamed = update_story(story.token, title="Kepri 2024", store=store)
    assert renamed.title == "Kepri 2024" and renamed.steps == reordered.steps  # steps kept
    assert [entry.token for entry in list_stories(store=store)] == [story.token]

    with pytest.raises(ViewError, match="step of the story"):
        delete_view(first.token, store=store)  # a story still shows it
    assert delete_story(story.token, actor="sari", store=store).title == "Kepri 2024"
    assert get_story(story.token, store=store) is None and list_stories(store=store) == []
    assert delete_view(first.token, actor="sari", store=store) == first
    assert get_view(first.token, store=store) is None
    actions = [entry.action for entry in audit.entries(store=store)]
    assert actions[:5] == ["view_delete", "story_delete", "story_update", "story_update", "story_create"]


def test_a_story_with_a_restricted_view_is_restricted(store: Store) -> None:
    open_view = save_view({"level": "province"}, "open", store=store)
    secret_view = save_view({"level": "province"}, "secret", restricted=True, store=store)
    story = create_story("mixed", [(open_view.token, "a"), (secret_view.token, "b")], store=store)
    assert story.restricted is True
    assert get_story(story.token, audience="public", store=store) is None
    assert list_stories(audience="public", store=store) == []
    public_story = update_story(story.token, steps=[(open_view.token, "a")], store=store)
    assert public_story.restricted is False
    assert get_story(story.token, audience="public", store=store) == public_story


@pytest.mark.parametrize(
    ("call", "key"),
    [
        (lambda store: save_view({"level": "province"}, "   ", store=store), "views.error.empty_title"),
        (lambda store: save_view({"level": "province"}, "x" * (MAX_TITLE_LENGTH + 1), store=store),
         "views.error.too_long_title"),
        (lambda store: save_view({"level": "province"}, "t", "n" * 5000, store=store), "views.error.too_long_note"),
        (lambda store: save_view({"bad key": "x"}, "t", store=store), "views.error.bad_key"),
        (lambda store: save_view({"level": 3}, "t", store=store), "views.error.bad_value"),  # type: ignore[dict-item]
        (lambda store: save_view({f"k{n}": "x" for n in range(60)}, "t", store=store), "views.error.too_many_keys"),
        (lambda store: create_story("s", [("AbCdEfGhIjKlMnOp", "c")], store=store), "views.error.unknown_view"),
        (lambda store: update_story("AbCdEfGhIjKlMnOp", title="x", store=store), "views.error.unknown_story"),
        (lambda store: delete_story("AbCdEfGhIjKlMnOp", store=store), "views.error.unknown_story"),
        (lambda store: delete_view("AbCdEfGhIjKlMnOp", store=store), "views.error.unknown_view"),
    ],
)
def test_bad_input_gets_a_clear_message_in_both_languages(store: Store, call: object, key: str) -> None:
    with pytest.raises(ViewError) as caught:
        call(store)  # type: ignore[operator]
    assert caught.value.key == key
    english, indonesian = message_in(caught.value, "en"), message_in(caught.value, "id")
    assert english == str(caught.value) and indonesian != english and "{" not in indonesian


def test_a_failed_story_change_changes_nothing(store: Store) -> None:
    view = save_view({"level": "province"}, "one", store=store)
    story = create_story("s", [(view.token, "first")], store=store)
    with pytest.raises(ViewError):
        update_story(story.token, title="new title", steps=[(view.token, "ok"), ("ZZZZZZZZZZZZZZZZ", "gone")],
                     store=store)
    assert get_story(story.token, store=store) == story  # neither the title nor the steps changed


def test_tokens_never_start_with_a_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    draws = iter(["-abcdefghijklmno", "_abcdefghijklmno", "Zabcdefghijklmno"])
    monkeypatch.setattr(views_module.secrets, "token_urlsafe", lambda _size: next(draws))
    assert views_module._new_token() == "Zabcdefghijklmno"


def test_the_cli_lists_shows_and_deletes_views_and_lists_stories(
    store: Store, capsys: pytest.CaptureFixture[str],
) -> None:
    from geo.cli import main

    view = save_view({"level": "village", "area": "21.71"}, "Batam", "for Monday", store=store)
    secret = save_view({"level": "province"}, "secret", restricted=True, store=store)
    story = create_story("Kepri", [(view.token, "first")], store=store)
    capsys.readouterr()

    assert main(["--lang", "en", "views", "list"]) == 0
    listed = capsys.readouterr().out
    assert view.token in listed and f"{secret.token}" in listed and "secret [restricted]" in listed
    assert main(["views", "list", "--json"]) == 0
    assert {entry["token"] for entry in json.loads(capsys.readouterr().out)} == {view.token, secret.token}
    assert main(["--lang", "en", "views", "show", view.token]) == 0
    shown = capsys.readouterr().out
    assert f"Link: /?v={view.token}" in shown and "Note: for Monday" in shown and "  area=21.71" in shown

    assert main(["--lang", "en", "stories", "list"]) == 0
    assert f"{story.token}" in capsys.readouterr().out
    assert main(["stories", "show", story.token, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["steps"] == [
        {"view_token": view.token, "caption": "first", "view_title": "Batam"}]

    assert main(["--lang", "id", "views", "delete", view.token]) == 2  # a story shows it
    assert "langkah dalam cerita" in capsys.readouterr().err
    assert main(["--lang", "en", "views", "delete", secret.token]) == 0
    assert f"deleted view {secret.token} (secret)" in capsys.readouterr().out
    assert get_view(secret.token, store=store) is None
    assert audit.entries(store=store)[0].actor.startswith("cli:")  # type: ignore[union-attr]
    assert main(["--lang", "en", "views", "show", "nothing-here"]) == 2
    assert "There is no saved view 'nothing-here'" in capsys.readouterr().err
