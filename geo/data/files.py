"""Writing files so that no reader ever sees half of one: the one atomic writer.

Browsers, a second Streamlit process or the next run may read a file (a cached
boundary layer, a Leaflet copy, an exported map, a stamp file) while it is written, and
a crash may stop a write half-way. :func:`write_atomically` writes a temporary file in
the same folder and renames it over the target, which readers see all at once (a rename
within one file system is atomic on POSIX and Windows); after a failure only the old
file, or none, is there.

It lives in the lowest layer that writes files (``geo.data``); ``geo.web`` and
``geo.cli`` import it from here.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomically(target: Path, content: bytes | str | Callable[[Path], object]) -> None:
    """Write ``target`` all at once: a temporary file beside it, then one rename.

    Parameters
    ----------
    target : Path
        The file to write; its folder is created when missing.
    content : bytes, str or callable
        The bytes, text (written as UTF-8), or a function that writes the file at the
        path it is given (such as ``lambda path: frame.to_parquet(path)``).

    Raises
    ------
    BaseException
        Whatever writing raised (also ``KeyboardInterrupt``), after the temporary
        file is removed; ``target`` is then unchanged.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_atomically(folder / "a" / "note.txt", "tujuh")
    >>> write_atomically(folder / "a" / "data.bin", lambda path: path.write_bytes(b"7"))
    >>> sorted(p.name for p in (folder / "a").iterdir()), (folder / "a" / "note.txt").read_text()
    (['data.bin', 'note.txt'], 'tujuh')
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    # A unique name in the target's own folder: the rename stays on one file system, and
    # two writers of the same target (threads or processes) never share a temporary file.
    handle, temporary_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    temporary = Path(temporary_name)
    try:
        if callable(content):
            os.close(handle)
            content(temporary)
        else:
            with os.fdopen(handle, "wb") as stream:
                stream.write(content.encode("utf-8") if isinstance(content, str) else content)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
