"""A short Markdown summary of a comparison (the full review export builds on it)."""

from __future__ import annotations

from tui.engine.model import Comparison, Role, Status


def render_markdown(comparison: Comparison) -> str:
    """Counts, then each divergence and unsupported claim with its counterpart, then omissions."""
    by_id = comparison.by_id()
    lines = [f"# claimdiff: {comparison.derived.path} against {comparison.source.path}", ""]
    derived = [f for f in comparison.of(Role.DERIVED) if f.status]
    source = [f for f in comparison.of(Role.SOURCE) if f.status]
    for label, group in (("Derived claims", derived), ("Source claims", source)):
        counts = ", ".join(f"{s.value} {sum(1 for f in group if f.status is s)}" for s in Status
                           if any(f.status is s for f in group))
        lines.append(f"- {label}: {len(group)} ({counts})")
    lines.append("")
    for f in derived:
        if f.status in (Status.DIVERGENCE, Status.UNSUPPORTED):
            lines.append(f"## {f.status.value}: {f.statement.id}")
            lines.append(f"> {_one_line(f.statement.text)}")
            if f.status is Status.DIVERGENCE and f.matches:
                lines.append(f">\n> source ({f.matches[0].id}): {_one_line(by_id[f.matches[0].id].statement.text)}")
            lines.extend(f"- {r.code.value}" + (f" ({r.direction.value})" if r.direction else "") + f": {r.detail}"
                         for r in f.reasons)
            lines.append("")
    omitted = [f for f in source if f.status is Status.OMITTED]
    if omitted:
        lines.append("## Omitted source statements")
        lines.extend(f"- {f.statement.id}: {_one_line(f.statement.text)}" for f in omitted)
    return "\n".join(lines).rstrip() + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())
