"""``claimdiff compare SOURCE DERIVED``: a comparison without the app."""

from __future__ import annotations

import argparse
import io
import sys
from typing import Literal, cast

from tui.commands import plain_table
from tui.commands.common import (
    HelpFormatter,
    add_compare_options,
    add_fail_on,
    add_indent,
    choose_format,
    gate,
    help_epilog,
    indented,
    options_from,
    refuse_inputs_as_output,
    stderr_progress,
    write_output,
)
from tui.engine import export
from tui.engine.export.visible import visible
from tui.engine.judge.wording import reason_words
from tui.engine.model import Comparison, Finding, Role, Status

FORMATS = ("table", *export.FORMATS)


EXAMPLES = """\
  claimdiff compare paper.txt blog.html              a table, as wide as the terminal
  claimdiff compare paper.pdf release.docx -o r.html  the format follows the ending of -o
  claimdiff compare paper.txt blog.txt --format json  JSON on standard output
  xclip -o | claimdiff compare paper.pdf -           the derived text from standard input
  claimdiff compare paper.txt blog.txt --fail-on divergence,unsupported --fail-threshold 3"""

NARROW = 100
"""Below this many columns the table folds each counterpart under its statement."""


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``compare`` subcommand."""
    parser = sub.add_parser(
        "compare", help="compare two documents and print a report",
        description="Compare a derived text with its source, without the app, and print a report: a table "
                    "on a terminal, or Markdown, HTML, JSON, CSV or ClaimReview.",
        epilog=help_epilog(EXAMPLES), formatter_class=HelpFormatter,
    )
    parser.add_argument("source", help="the primary document (e.g. a paper's abstract): text, HTML, PDF or DOCX")
    parser.add_argument("derived", help="the text that leans on it (blog post, press release, news story); "
                                        "either document may be - for standard input")
    parser.add_argument("--format", "-f", choices=FORMATS, default=None,
                        help="output format (default: from the ending of -o, else table)")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write to FILE instead of standard output (.json .md .html .csv .jsonld pick the format)")
    add_indent(parser)
    add_fail_on(parser)
    add_compare_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Compare, print, and return the exit status ``--fail-on`` asks for."""
    refuse_inputs_as_output(args.output, (args.source, args.derived))
    fmt = choose_format(args.output, args.format, "table")
    # a large pair's second process was started as the command line started (tui.cli)
    from tui.engine.pipeline import compare_files

    with stderr_progress() as progress:
        comparison = compare_files(args.source, args.derived, options_from(args), progress=progress, workers=2)
    from tui.engine.collector import keep_until_exit, paused_gc

    for warning in (*comparison.source.warnings, *comparison.derived.warnings):
        print(f"claimdiff: warning: {visible(warning, one_line=True)}", file=sys.stderr)
    with paused_gc():  # millions of report objects, next to no cycles (see paused_gc)
        text = render(comparison, fmt, to_terminal=args.output in (None, "-"), indent=indented(args))
    write_output(text, args.output, inputs=(args.source, args.derived))
    if fmt == "claimreview":  # an empty list, written as asked, but said so: it is no fault of the pair
        print("claimdiff: warning: ClaimReview lists only the claims a reviewer confirmed, and compare confirms "
              "none; review the pair (claimdiff SOURCE DERIVED), then claimdiff export -s NAME -f claimreview",
              file=sys.stderr)
    keep_until_exit(comparison, text)  # the command line ends next (tui.cli)
    return gate(count_statuses(comparison), args)


def rows_of(comparison: Comparison) -> list[Finding]:
    """The claims a report lists: derived claims, then the source claims nothing took up."""
    return [f for f in comparison.of(Role.DERIVED) if f.status] + [
        f for f in comparison.of(Role.SOURCE) if f.status is Status.OMITTED
    ]


def count_statuses(comparison: Comparison) -> dict[str, int]:
    """Claims per status, as the table's last line counts them."""
    counts = {s.value: 0 for s in Status}
    for finding in rows_of(comparison):
        assert finding.status is not None
        counts[finding.status.value] += 1
    return counts


def render(comparison: Comparison, fmt: str, *, to_terminal: bool = False, indent: bool = False) -> str | bytes:
    """The comparison in one of :data:`FORMATS`; the table follows standard output when
    ``to_terminal``; JSON is indented with ``indent``, and given as the UTF-8 it is written in
    (:func:`~tui.engine.export.report.render_json_utf8`)."""
    if fmt == "table":
        return render_table(comparison, color=None if to_terminal else False)
    if fmt == "json":
        from tui.engine.export.report import render_json_utf8

        return render_json_utf8(comparison, indent=indent)
    return export.render(fmt, comparison, indent=indent)


_ColorSystem = Literal["auto", "standard", "256", "truecolor", "windows"] | None
"""What Rich's ``Console`` takes as ``color_system``; a console's own ``color_system`` is one of them."""


def render_table(comparison: Comparison, *, color: bool | None = None, width: int | None = None) -> str:
    """A readable Rich summary of the derived claims and the omitted source claims.

    Args:
        comparison: What to show.
        color: True or False forces colour on or off; None colours only when standard output is
            a terminal, honouring ``NO_COLOR`` and ``FORCE_COLOR`` as Rich does.
        width: Columns; None takes the terminal's (``COLUMNS`` when set, else 80 off a terminal).
    """
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from tui.engine.export.view import closest_to, unmatched_words

    probe = Console(force_terminal=color, width=width, highlight=False)
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=probe.is_terminal, no_color=probe.no_color,
                      color_system=cast(_ColorSystem, probe.color_system), width=probe.width, highlight=False)
    narrow = console.width < NARROW
    by_id = comparison.by_id()
    styles = {Status.AGREEMENT: "green", Status.DIVERGENCE: "yellow", Status.UNSUPPORTED: "red", Status.OMITTED: "magenta"}
    # Paths and document text are shown as text, never read as markup, control characters visible.
    title = Text(visible(f"{comparison.derived.path}  vs  {comparison.source.path}", one_line=True))

    def table_of(cells: list[list[str]], styled: list[Status]) -> Table:
        table = Table(title=title, show_lines=narrow, expand=True)
        table.add_column("id", no_wrap=True)
        table.add_column("status", no_wrap=True)
        table.add_column("statement", ratio=3)
        if not narrow:
            table.add_column("counterpart", ratio=2)
        table.add_column("why", ratio=2)
        for row, status in zip(cells, styled, strict=True):
            statement = Text(row[2])
            if narrow and "\n↳ " in row[2]:
                statement = Text(row[2][:row[2].index("\n↳ ")])
                statement.append(row[2][row[2].index("\n↳ "):], style="dim")
            table.add_row(row[0], Text(row[1], style=styles[status]), statement, *map(Text, row[3:]))
        return table

    cells: list[list[str]] = []
    statuses: list[Status] = []
    threshold = comparison.options.match_threshold
    for f in rows_of(comparison):
        assert f.status is not None
        matched = f.status not in (Status.UNSUPPORTED, Status.OMITTED)
        other = visible(by_id[f.matches[0].id].statement.text) if f.matches and matched else ""
        why = visible(("; ".join(reason_words(r) for r in f.reasons) or f.grounds) if matched else
                      unmatched_words(f.statement.role, closest_to(f, by_id.__getitem__), threshold))
        if narrow:
            cells.append([f.statement.id, f.status.value, visible(f.statement.text) + (f"\n↳ {other}" if other else ""),
                          why])
        else:
            cells.append([f.statement.id, f.status.value, visible(f.statement.text), other, why])
        statuses.append(f.status)
    drawn = None
    if not console.is_terminal:  # no colour: the body is drawn without Rich's per-cell work

        def header(stand_in: list[str]) -> str:
            out = io.StringIO()
            Console(file=out, force_terminal=False, width=console.width, highlight=False).print(
                table_of([stand_in], [Status.AGREEMENT]))
            return out.getvalue().rstrip("\n")

        drawn = plain_table.draw(header, cells, narrow=narrow, width=console.width)
    if drawn is not None:
        console.file.write(drawn)
    else:
        console.print(table_of(cells, statuses))
    counts = count_statuses(comparison)
    console.print(Text("  ".join(f"{s}: {n}" for s, n in counts.items())))
    return buffer.getvalue()
