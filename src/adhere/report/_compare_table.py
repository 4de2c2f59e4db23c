"""A comparison of two runs as terminal tables."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from adhere.report._compare import Comparison

__all__ = ["comparison_tables"]

#: Flipped samples listed in the terminal before "and N more" (--json lists them all).
_SHOWN_FLIPS = 20


def _pct(value: float) -> str:
    return f"{100 * value:.1f}%"


def _signed(value: float) -> str:
    return f"{100 * value:+.1f}"


def _p(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.3g}" if value >= 0.001 else "<0.001"


def _headline(c: Comparison) -> Table:
    table = Table(
        title=f"{c.b} vs {c.a} on {c.benchmark}",
        caption=(
            f"{c.paired} paired samples · only in A {c.only_in_a} · only in B {c.only_in_b} · "
            f"errors left out {c.errors_left_out} · Δ = B − A, points, paired bootstrap 95% CI"
        ),
    )
    for column, justify in (("metric", "left"), ("A", "right"), ("B", "right"), ("Δ", "right"),
                            ("95% CI", "right"), ("McNemar p", "right")):  # fmt: skip
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for m in c.metrics:
        significant = m.low > 0 or m.high < 0
        style = ("green" if m.delta > 0 else "red") if significant else ""
        table.add_row(
            m.name.replace("_", " "), _pct(m.a), _pct(m.b), Text(_signed(m.delta), style=style),
            f"[{_signed(m.low)}, {_signed(m.high)}]", _p(m.p_value),
        )  # fmt: skip
    return table


def _types(c: Comparison) -> Table:
    table = Table(title="By constraint type (strict)")
    for column in ("type", "n", "A", "B", "Δ"):
        table.add_column(column, justify="left" if column == "type" else "right")
    for t in c.by_type:
        table.add_row(t.id, str(t.count), _pct(t.a), _pct(t.b), _signed(t.delta))
    return table


def _flips(title: str, ids: tuple[str, ...]) -> Text:
    shown = ", ".join(ids[:_SHOWN_FLIPS]) or "none"
    more = f" and {len(ids) - _SHOWN_FLIPS} more" if len(ids) > _SHOWN_FLIPS else ""
    return Text(f"{title} ({len(ids)}): {shown}{more}")


def comparison_tables(c: Comparison) -> Group:
    return Group(
        _headline(c),
        _types(c),
        _flips("pass → fail (prompt strict)", c.pass_to_fail),
        _flips("fail → pass (prompt strict)", c.fail_to_pass),
    )
