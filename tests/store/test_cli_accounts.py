"""`riskmap users`, `riskmap audit` and the new `riskmap datasets` options (no boundary mirror needed)."""

from __future__ import annotations

import getpass
import io
import json
from pathlib import Path

import pandas as pd
import pytest

from geo.cli import main
from geo.data import users
from geo.data.store import Store

PASSWORD = "a long enough passphrase"


@pytest.fixture
def cli_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    """A store with one dataset, so `datasets` does not seed the samples (which need the code list)."""
    monkeypatch.setenv("RISKMAP_HOME", str(tmp_path))
    monkeypatch.delenv("RISKMAP_DB_URL", raising=False)
    monkeypatch.setattr(getpass, "getuser", lambda: "tester")
    monkeypatch.setattr(users, "_sleep", lambda seconds: None)
    return Store()


def run(capsys: pytest.CaptureFixture[str], *argv: str, stdin: str | None = None,
        monkeypatch: pytest.MonkeyPatch | None = None) -> tuple[int, str, str]:
    if stdin is not None and monkeypatch is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_users_commands(cli_store: Store, capsys: pytest.CaptureFixture[str],
                        monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(capsys, "users", "list", "--json")
    assert (code, json.loads(out)) == (0, [])
    code, _, err = run(capsys, "users", "add", "sari", "--role", "analyst", stdin=PASSWORD + "\n",
                       monkeypatch=monkeypatch)
    assert code == 0 and "sari created (analyst)" in err
    assert users.verify("sari", PASSWORD, store=cli_store) == users.User("sari", "analyst")
    run(capsys, "users", "add", "budi", "--role", "admin", stdin=PASSWORD + "\n", monkeypatch=monkeypatch)
    code, out, _ = run(capsys, "users", "list", "--json")
    assert json.loads(out) == [{"name": "budi", "role": "admin"}, {"name": "sari", "role": "analyst"}]
    code, out, _ = run(capsys, "users", "list")
    assert out.split() == ["budi", "admin", "sari", "analyst"]
    assert run(capsys, "users", "set-role", "sari", "viewer")[0] == 0
    assert run(capsys, "users", "reset-password", "sari", stdin="new password 123\n", monkeypatch=monkeypatch)[0] == 0
    assert users.verify("sari", "new password 123", store=cli_store) == users.User("sari", "viewer")
    assert run(capsys, "users", "remove", "sari")[0] == 0
    assert [u.name for u in users.list_users(store=cli_store)] == ["budi"]


def test_users_command_errors_are_messages(cli_store: Store, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run(capsys, "users", "add", "sari", "--role", "analyst", stdin="short\n", monkeypatch=monkeypatch)
    assert code == 2 and "too short" in err and "Traceback" not in err
    code, _, err = run(capsys, "users", "remove", "ghost")
    assert code == 2 and "no account named 'ghost'" in err
    with pytest.raises(SystemExit):  # argparse refuses an unknown role with its usage message
        main(["users", "add", "sari", "--role", "owner"])


def test_password_prompt_must_match(cli_store: Store, capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal())
    answers = iter([PASSWORD, PASSWORD + "typo"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(answers))
    code, _, err = run(capsys, "users", "add", "sari", "--role", "analyst")
    assert code == 2 and "differ" in err
    answers = iter([PASSWORD, PASSWORD])
    assert run(capsys, "users", "add", "sari", "--role", "analyst")[0] == 0


def test_datasets_restrict_threshold_purge_and_audit(cli_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    frame = pd.DataFrame({"area_code": ["21.71"], "level": ["regency"], "count": [9]})
    first = cli_store.save_dataset(kind="cases", name="kepri", records=frame)
    second = cli_store.save_dataset(kind="cases", name="kepri", records=frame)
    code, _, err = run(capsys, "datasets", "--restrict", str(second))
    assert code == 0 and "restricted" in err
    code, out, _ = run(capsys, "datasets", "--audience", "public", "--json")
    assert [d["id"] for d in json.loads(out)] == [first]
    code, out, _ = run(capsys, "datasets", "--json")
    listed = json.loads(out)
    assert [d["id"] for d in listed] == [second, first]
    assert listed[0]["restricted"] is True and listed[0]["disclosure_threshold"] == 10
    assert {"id", "kind", "name", "version", "restricted", "disclosure_threshold", "is_active"} <= set(listed[0])
    assert run(capsys, "datasets", "--publicise", str(second))[0] == 0
    code, out, _ = run(capsys, "datasets", "--threshold", f"{second}=15", "--json")
    assert json.loads(out)[0]["disclosure_threshold"] == 15
    code, _, err = run(capsys, "datasets", "--threshold", "15")
    assert code == 2 and "ID=N" in err
    code, _, err = run(capsys, "datasets", "--purge", str(first))
    assert code == 2 and "--yes" in err
    code, out, err = run(capsys, "datasets", "--purge", str(first), "--yes")
    assert code == 0 and "purged" in err and "kepri v1" not in out
    code, _, err = run(capsys, "datasets", "--purge", "999", "--yes")
    assert code == 2 and "no dataset with id 999" in err

    code, out, _ = run(capsys, "audit", "--json")
    trail = json.loads(out)
    assert [(e["actor"], e["action"]) for e in trail[:4]] == [
        ("cli:tester", "purge"), ("cli:tester", "threshold"), ("cli:tester", "publicise"), ("cli:tester", "restrict")]
    assert set(trail[0]) == {"time", "actor", "action", "target", "detail"}
    code, out, _ = run(capsys, "audit", "--json", "--limit", "1")
    assert [e["action"] for e in json.loads(out)] == ["purge"]
    code, out, _ = run(capsys, "audit", "--limit", "2")
    lines = out.splitlines()
    assert len(lines) == 2 and "cli:tester" in lines[0] and "purge" in lines[0]
    code, _, err = run(capsys, "audit", "--limit", "-1")
    assert code == 2 and "--limit" in err
