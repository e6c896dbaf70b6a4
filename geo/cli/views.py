"""``riskmap views`` and ``riskmap stories``: saved views (short links) and stories, and the offline story file.

``views list [--json]``, ``views show TOKEN [--json]``, ``views delete TOKEN``;
``stories list [--json]``, ``stories show TOKEN [--json]`` and
``stories export TOKEN --out story.html [--lang id|en] [--audience public|analyst]``:
one HTML file with every step's map and caption that opens offline
(:mod:`geo.web.story_export`). Deletions are audited with the actor ``cli:<login name>``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.i18n import t

if TYPE_CHECKING:
    from geo.data.views import SavedView, Story

def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], lang: str = "en") -> None:
    """Add the ``views`` and ``stories`` commands.

    Parameters
    ----------
    subparsers
        The ``riskmap`` sub-command parsers.
    lang
        Language of the help texts.
    """
    views = subparsers.add_parser("views", help=t("views.cli.help", lang), description=t("views.cli.description", lang))
    actions = views.add_subparsers(dest="views_command", required=True)
    listing = actions.add_parser("list", help=t("views.cli.list_help", lang))
    listing.add_argument("--json", action="store_true", help=t("views.cli.json_help", lang))
    listing.set_defaults(func=run_views_list)
    show = actions.add_parser("show", help=t("views.cli.show_help", lang))
    show.add_argument("token", help=t("views.cli.token_help", lang))
    show.add_argument("--json", action="store_true", help=t("views.cli.json_help", lang))
    show.set_defaults(func=run_views_show)
    remove = actions.add_parser("delete", help=t("views.cli.delete_help", lang))
    remove.add_argument("token", help=t("views.cli.token_help", lang))
    remove.set_defaults(func=run_views_delete)

    stories = subparsers.add_parser("stories", help=t("views.cli.stories_help", lang),
                                    description=t("views.cli.stories_description", lang))
    story_actions = stories.add_subparsers(dest="stories_command", required=True)
    story_list = story_actions.add_parser("list", help=t("views.cli.stories_list_help", lang))
    story_list.add_argument("--json", action="store_true", help=t("views.cli.json_help", lang))
    story_list.set_defaults(func=run_stories_list)
    story_show = story_actions.add_parser("show", help=t("views.cli.stories_show_help", lang))
    story_show.add_argument("token", help=t("views.cli.story_token_help", lang))
    story_show.add_argument("--json", action="store_true", help=t("views.cli.json_help", lang))
    story_show.set_defaults(func=run_stories_show)
    export = story_actions.add_parser("export", help=t("views.cli.export_help", lang),
                                      description=t("views.cli.export_description", lang))
    export.add_argument("token", help=t("views.cli.story_token_help", lang))
    export.add_argument("--out", type=Path, required=True, metavar="FILE.html", help=t("views.cli.out_help", lang))
    export.add_argument("--audience", choices=("public", "analyst"), default="public",
                        help=t("views.cli.audience_help", lang))
    export.add_argument("--lang", choices=("id", "en"), default=argparse.SUPPRESS,
                        help=t("views.cli.export_lang_help", lang))
    export.set_defaults(func=run_stories_export)


def _print_listing(items: Sequence[Any], args: argparse.Namespace, empty_key: str,
                   line: Callable[[Any, str], str]) -> int:
    # One listing for views and stories: JSON list, or one line each (a message when there are none).
    if args.json:
        print(json.dumps([item.to_dict() for item in items], ensure_ascii=False))
        return 0
    if not items:
        print(t(empty_key, args.lang))
    for item in items:
        print(line(item, args.lang))
    return 0


def _view_line(view: SavedView, lang: str) -> str:
    restricted = f" [{t('views.cli.restricted', lang)}]" if view.restricted else ""
    return f"{view.token}  {view.created_at:%Y-%m-%d %H:%M}Z  {view.title}{restricted}"


def run_views_list(args: argparse.Namespace) -> int:
    """``riskmap views list``: every saved view, newest first."""
    from geo.data.views import list_views

    return _print_listing(list_views(), args, "views.cli.no_views", _view_line)


def run_views_show(args: argparse.Namespace) -> int:
    """``riskmap views show TOKEN``: title, note, link and URL keys of one saved view."""
    from geo.data.views import require_view

    view = require_view(args.token)
    if args.json:
        print(json.dumps(view.to_dict(), ensure_ascii=False))
        return 0
    lang = args.lang
    print(_view_line(view, lang))
    print(f"{t('views.cli.link', lang)}: {view.to_dict()['link']}")
    if view.note:
        print(f"{t('views.cli.note', lang)}: {view.note}")
    print(f"{t('views.cli.created_by', lang)}: {view.created_by or '-'}")
    for key, value in view.query.items():
        print(f"  {key}={value}")
    return 0


def run_views_delete(args: argparse.Namespace) -> int:
    """``riskmap views delete TOKEN``: delete a saved view (refused while a story shows it)."""
    from geo.cli.users import cli_actor
    from geo.data.views import delete_view

    view = delete_view(args.token, actor=cli_actor())
    print(t("views.cli.deleted", args.lang, token=view.token, title=view.title))
    return 0


def _story_line(story: Story, lang: str) -> str:
    restricted = f" [{t('views.cli.restricted', lang)}]" if story.restricted else ""
    steps = t("views.cli.steps", lang, count=len(story.steps))
    return f"{story.token}  {story.created_at:%Y-%m-%d %H:%M}Z  {story.title} ({steps}){restricted}"


def run_stories_list(args: argparse.Namespace) -> int:
    """``riskmap stories list``: every story, newest first."""
    from geo.data.views import list_stories

    return _print_listing(list_stories(), args, "views.cli.no_stories", _story_line)


def run_stories_show(args: argparse.Namespace) -> int:
    """``riskmap stories show TOKEN``: a story's steps in order (view token, view title, caption)."""
    from geo.data.views import require_story

    story = require_story(args.token)
    if args.json:
        print(json.dumps(story.to_dict(), ensure_ascii=False))
        return 0
    print(_story_line(story, args.lang))
    for number, step in enumerate(story.steps, start=1):
        print(f"  {number}. {step.view_token}  {story.view_titles.get(step.view_token, '')}")
        if step.caption:
            print(f"     {step.caption}")
    return 0


def run_stories_export(args: argparse.Namespace) -> int:
    """``riskmap stories export TOKEN --out FILE``: the story as one offline HTML file; corrections on stderr."""
    from geo.data.files import write_atomically
    from geo.data.views import require_story
    from geo.web.story_export import export_story

    story = require_story(args.token)
    exported = export_story(story, lang=args.lang, audience=args.audience)
    for message in exported.messages:
        print(f"riskmap: {message}", file=sys.stderr)
    write_atomically(args.out, exported.html)  # never a half-written file
    size_kb = round(len(exported.html.encode()) / 1024)
    print(t("views.cli.exported", args.lang, path=args.out, steps=len(story.steps), size=size_kb,
            audience=args.audience))
    return 0
