"""年度指标图 (figures chart): each city's yearly rates against its targets, as SVG made here.

No chart library: a horizontal bar per rate (0–100%), a red tick at the target where the
ordinance sets a number; an upper-bound figure is drawn hatched (the true rate is at most it).
"""
from __future__ import annotations

from html import escape

from ..labels import city_label, label

_W, _LABEL_W, _BAR_W, _ROW_H = 880, 300, 400, 26


def figures_svg(figures) -> str:
    rows = [f for f in figures if f.metric.endswith("_rate") and f.value is not None]
    if not rows:
        return '<svg xmlns="http://www.w3.org/2000/svg" width="880" height="40" role="img" aria-label="无可绘制的比率">' \
               '<text x="10" y="25" font-size="14">本清单没有可以计算的比率</text></svg>'
    height = 40 + _ROW_H * len(rows) + 10 * len({f.city for f in rows})
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{_W}" height="{height}" viewBox="0 0 {_W} {height}" '
           'role="img" aria-label="各城市年度比率与目标" font-family="sans-serif" font-size="12">',
           '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
           '<rect width="3" height="6" fill="#7a9cc6"/></pattern></defs>']
    x0 = _LABEL_W
    out.append(f'<text x="{x0}" y="14" fill="#555">0%</text><text x="{x0 + _BAR_W - 30}" y="14" fill="#555">100%</text>')
    y = 24
    city = None
    for f in rows:
        if f.city != city:
            if city is not None:
                y += 10
            city = f.city
        name = f"{city_label(f.city)} {f.year}：{f.title}"
        if len(name) > 24:
            name = name[:23] + "…"
        w = max(1.0, min(1.0, f.value) * _BAR_W)
        fill = "url(#hatch)" if f.bound == "upper" else ("#c0392b" if f.status == "not_met" else "#2e6da4")
        out.append(f'<text x="{x0 - 8}" y="{y + 16}" text-anchor="end">{escape(name)}</text>')
        out.append(f'<rect x="{x0}" y="{y + 4}" width="{_BAR_W}" height="16" fill="#eef1f5"/>')
        out.append(f'<rect x="{x0}" y="{y + 4}" width="{w:.1f}" height="16" fill="{fill}"/>')
        t = f.threshold
        if t is not None and t.value is not None:
            tx = x0 + min(1.0, t.value) * _BAR_W
            out.append(f'<line x1="{tx:.1f}" y1="{y + 1}" x2="{tx:.1f}" y2="{y + 23}" stroke="#d00" stroke-width="3"/>')
        status = label("figure.status", f.status)
        out.append(f'<text x="{x0 + _BAR_W + 8}" y="{y + 16}">{f.value * 100:.1f}% {escape(status)}</text>')
        y += _ROW_H
    out.append("</svg>")
    return "".join(out)
