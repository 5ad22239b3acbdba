"""``claimdiff compare SOURCE DERIVED``: a comparison without the app."""

from __future__ import annotations

import argparse
import io

from tui.commands.common import add_compare_options, options_from, stderr_progress, write_output
from tui.engine import export
from tui.engine.judge.wording import reason_words
from tui.engine.model import Comparison
from tui.engine.pipeline import compare_files

FORMATS = ("table", *export.FORMATS)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``compare`` subcommand."""
    parser = sub.add_parser("compare", help="compare two documents and print a report")
    parser.add_argument("source", help="the primary document (e.g. a paper's abstract)")
    parser.add_argument("derived", help="the text that leans on it (blog post, press release, news story)")
    parser.add_argument("--format", "-f", choices=FORMATS, default="table", help="output format (default: table)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    add_compare_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Compare and print."""
    with stderr_progress() as progress:
        comparison = compare_files(args.source, args.derived, options_from(args), progress=progress, workers=2)
    text = render(comparison, args.format, to_terminal=args.output in (None, "-"))
    write_output(text, args.output, inputs=(args.source, args.derived))
    return 0


def render(comparison: Comparison, fmt: str, *, to_terminal: bool = False) -> str:
    """The comparison in one of :data:`FORMATS`."""
    if fmt == "table":
        return render_table(comparison, color=to_terminal)
    return export.render(fmt, comparison)


def render_table(comparison: Comparison, *, color: bool) -> str:
    """A readable Rich summary of the derived claims and the omitted source claims."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from tui.engine.model import Role, Status

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, width=120, highlight=False)
    by_id = comparison.by_id()
    styles = {Status.AGREEMENT: "green", Status.DIVERGENCE: "yellow", Status.UNSUPPORTED: "red", Status.OMITTED: "magenta"}
    table = Table(title=f"{comparison.derived.path}  vs  {comparison.source.path}", show_lines=False, expand=True)
    table.add_column("id", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("statement", ratio=3)
    table.add_column("counterpart", ratio=2)
    table.add_column("why", ratio=2)
    rows = [f for f in comparison.of(Role.DERIVED) if f.status] + [
        f for f in comparison.of(Role.SOURCE) if f.status is Status.OMITTED
    ]
    for f in rows:
        assert f.status is not None
        other = by_id[f.matches[0].id].statement.text if f.matches and f.status is not Status.UNSUPPORTED else ""
        why = "; ".join(reason_words(r) for r in f.reasons)
        table.add_row(f.statement.id, Text(f.status.value, style=styles[f.status]), Text(f.statement.text),
                      Text(other), Text(why))
    console.print(table)
    counts = {s: sum(1 for f in rows if f.status is s) for s in Status}
    console.print(Text("  ".join(f"{s.value}: {n}" for s, n in counts.items())))
    return buffer.getvalue()
