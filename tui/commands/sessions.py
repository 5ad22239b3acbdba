"""``claimdiff sessions``: list the saved review sessions; ``claimdiff sessions rm NAME``.

Sessions are read with :meth:`SessionStore.peek`, so listing never changes a file (an
unreadable one is shown as such and left for ``claimdiff review`` to move aside).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from tui.commands.common import HelpFormatter, help_epilog
from tui.engine.export.visible import visible
from tui.engine.sessions.store import SessionInfo, SessionStore

EXAMPLES = """\
  claimdiff sessions                        list them: name, documents, progress, last change
  claimdiff sessions rm blog--abstract-3f9c2a1b   delete one"""


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``sessions`` subcommand."""
    parser = sub.add_parser(
        "sessions", help="list saved review sessions, or remove one",
        description="List saved review sessions (kept in $CLAIMDIFF_DATA_DIR/sessions when that is set, "
                    "else in the user data folder). PROGRESS counts the reviewed claims of all claims.",
        epilog=help_epilog(EXAMPLES, exits=False) + "\n\nexit status: 0 done; 2 an unknown or unreadable session",
        formatter_class=HelpFormatter,
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    remove = actions.add_parser("rm", help="delete a session")
    remove.add_argument("name", help="the session's name, as listed")
    actions.add_parser("list", help="list the sessions (the default)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, store: SessionStore | None = None) -> int:
    """List or remove sessions; unknown names raise a one-line error (exit status 2)."""
    store = store or SessionStore()
    if args.action == "rm":
        store.remove(args.name)
        print(f"removed session {args.name}")
        return 0
    infos = store.infos()
    if not infos:
        print(f"no sessions yet in {store.root}")
        return 0
    print(render(infos))
    return 0


def render(infos: list[SessionInfo]) -> str:
    """The listing as aligned columns: name, documents, progress, last change."""
    rows = [("NAME", "DOCUMENTS", "PROGRESS", "LAST CHANGE")]
    for info in infos:
        session = info.session
        if session is None:
            rows.append((info.name, f"unreadable: {info.problem}", "", ""))
            continue
        documents = f"{Path(session.derived.path).name} vs {Path(session.source.path).name}"
        progress = f"{session.reviewed}/{session.claims} reviewed"
        if session.orphans:
            progress += f", {len(session.orphans)} orphaned"
        changed = time.strftime("%Y-%m-%d %H:%M", time.localtime(session.updated))
        rows.append((info.name, documents, progress, changed))
    shown = [[visible(cell, one_line=True) for cell in row] for row in rows]  # names may hold escapes
    widths = [max(len(row[i]) for row in shown) for i in range(3)]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths)) + "  " + row[3] for row in shown
    ).rstrip()
