"""Inline SVG charts for the HTML/PDF report. Every label goes through escape()."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from auditor.render.view import STATUS_LABELS, STATUS_ORDER

STATUS_COLOURS = {
    "pass": "#2e7d32",
    "fail": "#c62828",
    "warn": "#ef8f00",
    "error": "#6a1b9a",
    "not_applicable": "#9e9e9e",
    "manual": "#546e7a",
    "attested": "#00838f",
    "waived": "#5c8dd6",
}


def _text(x: float, y: float, label: str, anchor: str = "start", size: int = 10, fill: str = "#222") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{fill}">{escape(label)}</text>'
    )


def section_status_chart(matrix: dict[str, dict[str, int]], width: int = 640) -> Markup:
    """Horizontal stacked bars: one row per section, segments by clause status."""
    label_w, bar_h, gap, top = 190, 14, 6, 26
    rows = list(matrix.items())
    most = max((sum(c.values()) for _, c in rows), default=1) or 1
    scale = (width - label_w - 40) / most
    height = top + len(rows) * (bar_h + gap) + 6
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="Clause status by section">'
    ]
    parts.append(_legend(width))
    for i, (section, counts) in enumerate(rows):
        y = top + i * (bar_h + gap)
        parts.append(_text(label_w - 6, y + bar_h - 3, section, anchor="end"))
        x = float(label_w)
        for status in STATUS_ORDER:
            n = counts.get(status, 0)
            if not n:
                continue
            w = n * scale
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" '
                f'fill="{STATUS_COLOURS[status]}"><title>{escape(section)}: {n} '
                f"{escape(STATUS_LABELS[status])}</title></rect>"
            )
            if w >= 12:
                parts.append(_text(x + w / 2, y + bar_h - 3, str(n), anchor="middle", size=9, fill="#fff"))
            x += w
        parts.append(_text(x + 4, y + bar_h - 3, str(sum(counts.values())), size=9, fill="#555"))
    parts.append("</svg>")
    return Markup("".join(parts))


def _legend(width: int) -> str:
    parts, x = [], 4.0
    for status in STATUS_ORDER:
        label = STATUS_LABELS[status]
        parts.append(f'<rect x="{x:.1f}" y="4" width="10" height="10" fill="{STATUS_COLOURS[status]}"/>')
        parts.append(_text(x + 13, 13, label, size=9))
        x += 20 + 6 * len(label)
        if x > width - 60:
            break
    return "".join(parts)


def trend_chart(points: list[dict[str, Any]], width: int = 640, height: int = 170) -> Markup:
    """Compliance score (line, 0-100 %) and failing clauses (bars) over the last runs."""
    if not points:
        return Markup("")
    left, right, top, bottom = 40, 40, 14, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(len(points), 1)
    most_fail = max((int(p.get("fail", 0)) for p in points), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="Compliance trend">'
    ]
    for pct in (0, 50, 100):
        y = top + plot_h * (1 - pct / 100)
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(_text(left - 4, y + 3, f"{pct}%", anchor="end", size=8, fill="#666"))
    coords = []
    for i, p in enumerate(points):
        cx = left + step * (i + 0.5)
        fail = int(p.get("fail", 0))
        bh = plot_h * 0.5 * fail / most_fail
        parts.append(
            f'<rect x="{cx - step * 0.3:.1f}" y="{top + plot_h - bh:.1f}" width="{step * 0.6:.1f}" '
            f'height="{bh:.1f}" fill="{STATUS_COLOURS["fail"]}" opacity="0.35">'
            f"<title>{escape(str(p.get('run_id', '')))}: {fail} failing</title></rect>"
        )
        score = p.get("score")
        if score is not None:
            coords.append((cx, top + plot_h * (1 - float(score) / 100)))
        label = str(p.get("evaluated_at", ""))[:10]
        if len(points) <= 12 or i % max(1, len(points) // 8) == 0:
            parts.append(_text(cx, height - bottom + 14, label, anchor="middle", size=8, fill="#444"))
    if coords:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{STATUS_COLOURS["pass"]}" stroke-width="2"/>'
        )
        parts.extend(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{STATUS_COLOURS["pass"]}"/>' for x, y in coords
        )
    parts.append(
        _text(left, height - 6, "line: compliance score   bars: failing clauses", size=8, fill="#444")
    )
    parts.append("</svg>")
    return Markup("".join(parts))
