"""geo.data.files.write_atomically: readers see the old file or the new one, never half of one."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from geo.data.files import write_atomically


def test_bytes_text_and_writer_functions(tmp_path: Path) -> None:
    write_atomically(tmp_path / "deep" / "a.bin", b"\x00\x01")
    write_atomically(tmp_path / "deep" / "b.txt", "Tanjungpinang – Batam")
    write_atomically(tmp_path / "deep" / "c.txt", lambda path: path.write_text("ditulis"))
    assert (tmp_path / "deep" / "a.bin").read_bytes() == b"\x00\x01"
    assert (tmp_path / "deep" / "b.txt").read_text(encoding="utf-8") == "Tanjungpinang – Batam"
    assert (tmp_path / "deep" / "c.txt").read_text() == "ditulis"
    assert sorted(p.name for p in (tmp_path / "deep").iterdir()) == ["a.bin", "b.txt", "c.txt"]  # no leftovers


@pytest.mark.parametrize("error", [OSError("disk full"), KeyboardInterrupt()])
def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path, error: BaseException) -> None:
    target = tmp_path / "layer.json"
    target.write_text("old")

    def half_then_fail(path: Path) -> None:
        path.write_text("ne")  # half of the new content…
        raise error

    with pytest.raises(type(error)):
        write_atomically(target, half_then_fail)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["layer.json"]


def test_concurrent_writers_leave_one_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "stamps.json"
    contents = [str(n) * 100_000 for n in range(8)]
    threads = [threading.Thread(target=write_atomically, args=(target, text)) for text in contents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert target.read_text() in contents
    assert [p.name for p in tmp_path.iterdir()] == ["stamps.json"]
