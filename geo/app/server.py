"""``riskmap-app``: Streamlit's ``streamlit run``, after warming the process for its first visitor.

``riskmap-app app.py --server.port 8501`` takes exactly the arguments of ``streamlit run``.
Before the server listens it runs :func:`geo.web.warmup.warm_up` (imports, the store and its
migrations, the views of ``RISKMAP_WARM_VIEWS``), so its health endpoint answers only when
the first map is as quick as any later one. ``scripts/run``, ``scripts/serve`` (and with it
the container image) and the browser tests start the app this way.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def _log(line: str) -> None:
    print(f"riskmap-app: warm-up {line}", file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Warm this process, then hand it to Streamlit's ``run`` command.

    Parameters
    ----------
    argv : sequence of str, optional
        ``streamlit run``'s arguments (default: the command line's), e.g. ``["app.py", "--server.port", "8501"]``.

    Returns
    -------
    int
        Streamlit's exit status.
    """
    from streamlit.web import cli

    from geo.web.warmup import warm_up

    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or arguments[0] in {"-h", "--help"}:
        print("usage: riskmap-app APP.py [streamlit run options]", file=sys.stderr)
        return 2
    done = warm_up(report=_log)
    _log(f"done in {done.seconds:.1f} s" + (f" ({len(done.problems)} problem(s) above)" if done.problems else ""))
    try:
        cli.main(args=["run", *arguments], prog_name="streamlit", standalone_mode=True)
    except SystemExit as leaving:  # click ends a standalone command by raising SystemExit
        return int(leaving.code or 0) if not isinstance(leaving.code, str) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
