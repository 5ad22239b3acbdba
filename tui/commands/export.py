"""``claimdiff export``: a saved review session as Markdown, HTML, JSON, CSV or ClaimReview.

``claimdiff export --session NAME`` re-compares the session's documents (with the options it was
saved with) and lays its verdicts over them; ``claimdiff export SOURCE DERIVED`` exports the
pair's latest session (or, with ``--session``, that session on these files, e.g. after the
documents moved). Exporting only reads: the session file is never written or moved aside.

Invariant: the export goes through the one entry point, :func:`tui.engine.export.render`, as
``compare --format`` and the app do; every unusable input ends in one line and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from tui.commands.common import (
    HelpFormatter,
    add_indent,
    choose_format,
    format_from_ending,
    help_epilog,
    indented,
    refuse_inputs_as_output,
    stderr_progress,
    write_output,
)
from tui.engine import export
from tui.engine.export.claimreview import Author
from tui.engine.export.visible import visible
from tui.engine.inputs.documents import InputError
from tui.engine.pipeline import compare, compare_files
from tui.engine.sessions.reviewed import reviewed_documents
from tui.engine.sessions.session import Session
from tui.engine.sessions.store import SessionNotFound, SessionStore

EXAMPLES = """\
  claimdiff export -s blog-check -o review.html     the format follows the ending of -o
  claimdiff export paper.txt blog.txt -f markdown   the pair's latest session, on standard output
  claimdiff export -s blog-check -f claimreview --author "Health Desk" -o reviews.jsonld"""


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``export`` subcommand."""
    parser = sub.add_parser(
        "export", help="export a saved review session (markdown, html, json, csv, claimreview)",
        description="Export a saved review: the reviewer's verdicts and notes merged over claimdiff's "
                    "proposals. For a fresh comparison without a session use `claimdiff compare --format F`.",
        epilog=help_epilog(EXAMPLES, exits=False) + "\n\nexit status: 0 written; 2 unfit input, an unknown "
               "session, or an output ending that contradicts --format",
        formatter_class=HelpFormatter,
    )
    parser.add_argument("source", nargs="?", help="the source document (default: the session's)")
    parser.add_argument("derived", nargs="?", help="the derived document (default: the session's)")
    parser.add_argument("--session", "-s", metavar="NAME",
                        help="the session to export (default: the latest session of SOURCE and DERIVED)")
    parser.add_argument("--format", "-f", choices=export.FORMATS, default=None,
                        help=f"output format (default: from -o's ending, else {export.FORMATS[0]})")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    parser.add_argument("--date", type=_date, metavar="YYYY-MM-DD",
                        help="date of review printed in the export (default: the session's last change)")
    add_indent(parser)
    parser.add_argument("--author", metavar="NAME", help="ClaimReview publisher (default: a placeholder)")
    parser.add_argument("--author-type", choices=("Organization", "Person"), default="Organization",
                        help="ClaimReview publisher type (default: Organization)")
    parser.add_argument("--author-url", metavar="URL", help="ClaimReview publisher's web address")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, store: SessionStore | None = None) -> int:
    """Load the session, re-compare its documents, render, write."""
    store = store or SessionStore()
    if (args.source is None) != (args.derived is None):
        raise InputError("give both SOURCE and DERIVED, or neither (with --session NAME)")
    if args.source is None and args.session is None:
        raise InputError("name the session with --session NAME (see `claimdiff sessions`), or give SOURCE DERIVED")
    fmt = args.format or format_for(args.output)
    if args.session is not None:
        name = args.session
    else:
        name = store.resolve_name(args.source, args.derived)
    try:
        session = store.peek(name)
    except SessionNotFound:
        if args.session is not None:
            raise
        raise InputError(f"no saved session for {args.derived} against {args.source}: review it first "
                         f"(`claimdiff review SOURCE DERIVED`), or use `claimdiff compare --format {fmt}`") from None
    source = args.source or session.source.path
    derived = args.derived or session.derived.path
    with stderr_progress() as progress:
        if args.source is None:  # the session's own documents: as reviewed, never another file
            left, right, notes = reviewed_documents(session, session.options.max_bytes)
            for note in notes:
                print(visible(note), file=sys.stderr)
            comparison = compare(left, right, session.options, progress=progress)
        else:
            comparison = compare_files(source, derived, session.options, progress=progress)
    review, found = store.resume(session, comparison)
    _warn_about_changes(session, comparison.source.sha256, comparison.derived.sha256, found.orphaned)
    author = Author(args.author or Author().name, args.author_type, args.author_url)
    text = export.render(fmt, comparison, review, session_name=name,
                         reviewed_on=args.date or _last_change(session), author=author, indent=indented(args))
    refuse_inputs_as_output(args.output, (source, derived), "exported")
    choose_format(args.output, args.format, fmt)
    write_output(text, args.output, inputs=(source, derived), sessions=store.root)
    if args.output not in (None, "-"):
        print(f"exported session {name} as {fmt} to {args.output}", file=sys.stderr)
    return 0


def format_for(output: str | None) -> str:
    """The format an output file's ending asks for; the default format otherwise.

    Args:
        output: The ``-o`` path, or None for standard output.

    Returns:
        One of :data:`tui.engine.export.FORMATS` (a table-only ending cannot occur here).
    """
    return format_from_ending(output) or export.FORMATS[0]


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-03-14") from None


def _last_change(session: Session) -> date:
    stamp = session.updated or session.created
    return date.fromtimestamp(stamp) if stamp else date.today()


def _warn_about_changes(session: Session, source_sha: str, derived_sha: str, orphaned: int) -> None:
    changed = [role for role, ref, sha in (("source", session.source, source_sha), ("derived", session.derived, derived_sha))
               if ref.sha256 != sha]
    if changed:
        note = f"note: the {' and '.join(changed)} changed since the session was saved"
        if orphaned:
            note += f"; {orphaned} verdict{'s' if orphaned != 1 else ''} could not be placed (listed as orphaned)"
        print(note, file=sys.stderr)

