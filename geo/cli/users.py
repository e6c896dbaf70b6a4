"""``riskmap users``: accounts and roles of the hosted app.

``users add NAME --role R`` asks for the password twice (or reads one line from
stdin when it is not a terminal, for scripts); ``users list [--json]``,
``users remove NAME``, ``users set-role NAME ROLE``, ``users reset-password NAME``.
Every change is audited with the actor ``cli:<login name>``.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from geo.data.users import ROLES, UserError
from geo.i18n import t


def cli_actor() -> str:
    """The audit actor of command-line changes: ``cli:`` and the login name.

    Returns
    -------
    str
        E.g. ``"cli:sari"`` (``"cli:unknown"`` when the system has no login name).
    """
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # no login name in some containers
        return "cli:unknown"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], lang: str = "en") -> None:
    """Add the ``users`` command.

    Parameters
    ----------
    subparsers
        The ``riskmap`` sub-command parsers.
    lang : str
        Language of the help texts.
    """
    users = subparsers.add_parser(
        "users", help=t("cli.users.help", lang), description=t("cli.users.description", lang),
    )
    actions = users.add_subparsers(dest="users_command", required=True)
    name_help, role_help = t("cli.users.name_help", lang), t("cli.users.role_help", lang)
    add = actions.add_parser("add", help=t("cli.users.add.help", lang), description=t("cli.users.add.help", lang))
    add.add_argument("name", help=name_help)
    add.add_argument("--role", required=True, choices=ROLES, help=role_help)
    add.set_defaults(func=run_add)
    listing = actions.add_parser("list", help=t("cli.users.list.help", lang), description=t("cli.users.list.help", lang))
    listing.add_argument("--json", action="store_true", help=t("cli.users.list.json_help", lang))
    listing.set_defaults(func=run_list)
    remove = actions.add_parser("remove", help=t("cli.users.remove.help", lang),
                                description=t("cli.users.remove.help", lang))
    remove.add_argument("name", help=name_help)
    remove.set_defaults(func=run_remove)
    set_role = actions.add_parser("set-role", help=t("cli.users.set_role.help", lang),
                                  description=t("cli.users.set_role.help", lang))
    set_role.add_argument("name", help=name_help)
    set_role.add_argument("role", choices=ROLES, help=role_help)
    set_role.set_defaults(func=run_set_role)
    reset = actions.add_parser("reset-password", help=t("cli.users.reset_password.help", lang),
                               description=t("cli.users.reset_password.help", lang))
    reset.add_argument("name", help=name_help)
    reset.set_defaults(func=run_reset_password)


def read_password(name: str) -> str:
    """A new password for ``name``: typed twice at a terminal, else the first line of stdin.

    Parameters
    ----------
    name
        The account (shown in the prompt).

    Returns
    -------
    str
        The password (checked for length by :mod:`geo.data.users`).
    """
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(f"Password for {name}: ")
    if getpass.getpass("Repeat the password: ") != first:
        raise UserError("The two passwords differ; nothing was changed. Try again.")
    return first


def run_add(args: argparse.Namespace) -> int:
    """``riskmap users add``."""
    from geo.data import users

    user = users.add_user(args.name, read_password(args.name), args.role, actor=cli_actor())
    print(f"account {user.name} created ({user.role})", file=sys.stderr)
    return 0


def run_list(args: argparse.Namespace) -> int:
    """``riskmap users list``."""
    from geo.data import users

    accounts = users.list_users()
    if args.json:
        print(json.dumps([{"name": user.name, "role": user.role} for user in accounts], ensure_ascii=False))
        return 0
    if not accounts:
        print("no accounts (the app runs single-user unless RISKMAP_REQUIRE_LOGIN=1)")
    for user in accounts:
        print(f"{user.name:<30} {user.role}")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    """``riskmap users remove``."""
    from geo.data import users

    users.remove_user(args.name, actor=cli_actor())
    print(f"account {args.name} removed", file=sys.stderr)
    return 0


def run_set_role(args: argparse.Namespace) -> int:
    """``riskmap users set-role``."""
    from geo.data import users

    user = users.set_role(args.name, args.role, actor=cli_actor())
    print(f"account {user.name} is now {user.role}", file=sys.stderr)
    return 0


def run_reset_password(args: argparse.Namespace) -> int:
    """``riskmap users reset-password``."""
    from geo.data import users

    users.reset_password(args.name, read_password(args.name), actor=cli_actor())
    print(f"password of {args.name} changed; its sessions ended", file=sys.stderr)
    return 0
