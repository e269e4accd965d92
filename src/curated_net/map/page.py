"""The map as files: one self-contained HTML page (the project's own script and styles, inlined; no
request of any kind) or a static SVG picture of the same layout."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import textwrap
from html import escape
from importlib.resources import files

from ..network.graph import label
from ..network.ties import DEFAULT_LINK_STRENGTH
from ..text import counted, noun, printable, printable_all
from .model import CATEGORIES, NetworkMap

SVG_LABELS_UP_TO = 150  # name every first-ring person in a picture with no more than this many
SVG_BRIDGE_BADGES = 40
# The legend's text is 12 px system-ui: about 7 px a character (wide letters a little more, narrow ones less).
LEGEND_CHAR_PX = 7.0
LEGEND_MIN_WIDTH = 260.0
LEGEND_NOTE_CHARS = 44  # a note longer than this (a long name in the title, say) wraps onto further rows


def document(m: NetworkMap) -> dict:
    """The data the page draws from, compact: one array per field, index = person."""
    import numpy as np

    n = len(m.ids)
    e = np.asarray(m.edges, dtype=np.int64).reshape(-1, 2)
    u, v = e[:, 0], e[:, 1]
    deg = np.asarray(m.degree, dtype=np.int64)
    du, dv = deg[u], deg[v]
    same = du == dv  # both in the first ring
    if m.grouped:  # ties within the first ring are drawn within a company, once it is opened
        group = np.asarray(m.group, dtype=np.int64)
        same &= group[u] == group[v]
    ring1 = e[same].ravel().tolist()
    # Every other tie joins two rings: the outer person is reached through the inner one.
    up = du == dv - 1
    outer, inner = np.where(up, v, u)[~same], np.where(up, u, v)[~same]
    # Ties to me weigh what my relationship strength says (the page reads it per person); others as recorded.
    s = np.asarray(m.edge_strength, dtype=np.int64)
    weighed = (u != m.me) & (v != m.me) & (s != DEFAULT_LINK_STRENGTH)
    strengths = np.column_stack([u[weighed], v[weighed], s[weighed]]).ravel().tolist()
    # Beyond the first ring, each person in turn: how many they are reached through, then those, in order.
    beyond = np.flatnonzero(deg >= 2)
    held = deg[outer] >= 2
    outer, inner = outer[held], inner[held]
    order = np.lexsort((inner, outer))
    outer, inner = outer[order], inner[order]
    counts = np.bincount(outer, minlength=n)[beyond]
    starts = np.cumsum(counts + 1) - (counts + 1)
    flat = np.empty(int((counts + 1).sum()), dtype=np.int64)
    flat[starts] = counts
    rank = np.searchsorted(beyond, outer)  # each tie's person, as a place in `beyond`
    first = np.cumsum(counts) - counts  # where each person's ties begin among the sorted ties
    flat[starts[rank] + 1 + np.arange(len(outer)) - first[rank]] = inner
    parents = flat.tolist()

    def sparse(values: list[str | None]) -> dict:
        # Numbers as keys: the JSON writer gives them as the strings the page reads.
        given = [(i, v) for i, v in enumerate(values) if v]
        return dict(zip((i for i, _ in given), printable_all([v for _, v in given]), strict=True))

    texts: list[str] = []
    number: dict[str, int] = {}

    def coded(values: list[str | None]) -> list[int]:
        out = []
        for v in values:
            if not v:
                out.append(-1)
                continue
            k = number.get(v)
            if k is None:
                k = number[v] = len(texts)
                texts.append(v)
            out.append(k)
        return out

    def whole(values: list[float]) -> list[int]:
        return np.rint(np.asarray(values, dtype=float)).astype(np.int64).tolist()  # as round(): half to even

    return {
        "version": 1,
        "generated": dt.date.today().isoformat(),
        "view": m.view,
        "depth": m.depth,
        "centre": m.centre,
        "me": m.me,
        "folded": m.folded,
        "filters": m.filters,
        "counts": m.counts(),
        "categories": [list(c) for c in CATEGORIES],
        "rings": [[round(a), round(b)] for a, b in m.rings],
        "handle": printable_all(m.handle),
        "name": printable_all(m.name),
        # Companies, titles and evidence repeat: each distinct text once, in `texts`, and an index a person.
        "texts": printable_all(texts),
        "company": coded(m.company),
        "title": coded(m.title),
        "how_met": sparse(m.how_met),
        "met_on": sparse(m.met_on),
        "evidence": coded(m.evidence),
        "strength": {i: v for i, v in enumerate(m.strength) if v is not None},
        "category": m.category,
        "degree": m.degree,
        "bridge": m.bridge,
        "reach": m.reach,
        "context": [i for i, c in enumerate(m.context) if c],
        "x": whole(m.x),
        "y": whole(m.y),
        "ring1": ring1,
        "parents": parents,
        "link_strength": strengths,
        # Grouped: the companies of the first ring, each person's (first ring only), and for each bridge how
        # many people in all it is the warmest way to (the page holds at most `per_bridge` of them).
        "grouped": m.grouped,
        "groups": printable_all(m.groups),
        "group": m.group,
        "beyond": {i: n for i, n in enumerate(m.beyond) if n and m.degree[i] == 1},
        "per_bridge": m.per_bridge,
        "on_page": len(m.ids) - 1,
    }


def _script_json(doc: dict) -> str:
    """JSON safe inside a <script> element: no `<`, `>` or `&` can end it or start markup."""
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _asset(name: str) -> str:
    return files("curated_net.map").joinpath("assets", name).read_text(encoding="utf-8")


def title_of(m: NetworkMap) -> str:
    who = m.name[m.centre]
    bits = [f"{m.view} view", f"to {label(m.depth)} degree"]
    bits += [f"{k} {v}" for k, v in m.filters.items()]
    return f"{who}'s network — {', '.join(bits)}"


def html(m: NetworkMap) -> str:
    """One page that needs nothing else: data, script and styles inline."""
    parts = {
        "TITLE": escape(printable(title_of(m))),
        "STYLE": _asset("map.css"),
        "DATA": _script_json(document(m)),
        "SCRIPT": _asset("map.js"),
    }
    # One pass over the template: what is put in (a name, say) is never read again for placeholders.
    return re.sub(r"@(TITLE|STYLE|DATA|SCRIPT)@", lambda found: parts[found.group(1)], _asset("page.html"))


def svg(m: NetworkMap) -> str:
    """A static picture of the same layout: rings, ties in the first ring, people, bridges, a legend."""
    n = len(m.ids)
    folded = m.folded
    visible = [m.degree[i] <= 1 or not folded for i in range(n)]
    xs = [m.x[i] for i in range(n) if visible[i]] or [0.0]
    ys = [m.y[i] for i in range(n) if visible[i]] or [0.0]
    pad = 80
    left, right = min(xs) - pad, max(xs) + pad
    top, bottom = min(ys) - pad, max(ys) + pad
    legend, legend_w, legend_h = _svg_legend(m, right + 10, top + 20, max(LEGEND_MIN_WIDTH, (right - left) * 0.22))
    bottom = max(bottom, top + legend_h)  # a small drawing beside a long legend: the legend decides the height
    width, height = right - left + legend_w, bottom - top
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{left:.0f} {top:.0f} {width:.0f} {height:.0f}" '
        f'width="{min(width, 2400):.0f}" height="{min(width, 2400) * height / width:.0f}" '
        'font-family="system-ui, sans-serif">',
        f"<title>{escape(printable(title_of(m)))}</title>",
        f'<rect x="{left:.0f}" y="{top:.0f}" width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>',
    ]
    for inner, outer in m.rings:
        r = (inner + outer) / 2
        out.append(
            f'<circle cx="0" cy="0" r="{r:.0f}" fill="none" stroke="#e4e7eb" '
            f'stroke-width="{max(1.0, outer - inner + 12):.0f}" opacity="0.55"/>'
        )
    lines = []
    e = m.edges
    for k in range(0, len(e), 2):
        u, v = e[k], e[k + 1]
        if not (visible[u] and visible[v]) or (m.centre in (u, v) and len(m.ids) > 400):
            continue
        lines.append(f"M{m.x[u]:.0f} {m.y[u]:.0f}L{m.x[v]:.0f} {m.y[v]:.0f}")
    if lines:
        out.append(f'<path d="{"".join(lines)}" stroke="#9aa5b1" stroke-width="0.8" opacity="0.45" fill="none"/>')
    ring1 = sum(1 for d in m.degree if d == 1)
    badges = sorted((i for i in range(n) if m.degree[i] == 1 and m.reach[i]), key=lambda i: -m.reach[i])
    badged = set(badges[:SVG_BRIDGE_BADGES])
    for i in range(n):
        if not visible[i]:
            continue
        colour = CATEGORIES[m.category[i]][2]
        r = _radius(m, i)
        tip = escape(printable(_describe(m, i)))
        opacity = ' opacity="0.35"' if m.context[i] else ""
        if i in badged:
            halo = 2 + 2.2 * math.log2(1 + m.reach[i])
            out.append(
                f'<circle cx="{m.x[i]:.0f}" cy="{m.y[i]:.0f}" r="{r + halo:.1f}" fill="none" stroke="#3e4c59" '
                f'stroke-width="1.2" opacity="0.6"/>'
            )
        out.append(
            f'<circle cx="{m.x[i]:.0f}" cy="{m.y[i]:.0f}" r="{r:.1f}" fill="{colour}" stroke="#ffffff" '
            f'stroke-width="0.8"{opacity}><title>{tip}</title></circle>'
        )
    for i in range(n):
        if not visible[i]:
            continue
        if (
            i == m.centre
            or (m.degree[i] == 1 and ring1 <= SVG_LABELS_UP_TO)
            or (ring1 > SVG_LABELS_UP_TO and i in badged)
        ):
            text = m.name[i] + (f" +{m.reach[i]}" if folded and i in badged else "")
            anchor, dx = ("start", _radius(m, i) + 3) if m.x[i] >= 0 else ("end", -_radius(m, i) - 3)
            if i == m.centre:
                anchor, dx = "middle", 0
            dy = -_radius(m, i) - 4 if i == m.centre else 4
            out.append(
                f'<text x="{m.x[i] + dx:.0f}" y="{m.y[i] + dy:.0f}" font-size="11" text-anchor="{anchor}" '
                f'fill="#1f2933">{escape(printable(text))}</text>'
            )
    out += legend
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _svg_legend(m: NetworkMap, x: float, y: float, at_least: float) -> tuple[list[str], float, float]:
    """The legend's elements from (x, y) on, and the width and height it needs (from x - 10 and y - 20, so that
    every row lies inside the picture): as wide as its longest row at LEGEND_CHAR_PX a character, never
    narrower than `at_least`; a long note wraps onto further rows rather than widening it without end."""
    present = sorted(set(m.category))
    rows = [f'<g font-size="12" fill="#1f2933"><text x="{x:.0f}" y="{y:.0f}" font-weight="bold">How I know them</text>']
    right = x + len("How I know them") * LEGEND_CHAR_PX * 1.1  # bold
    for n, k in enumerate(present):
        cy = y + 22 + n * 18
        _id, text, colour = CATEGORIES[k]
        rows.append(f'<circle cx="{x + 6:.0f}" cy="{cy - 4:.0f}" r="5" fill="{colour}"/>')
        rows.append(f'<text x="{x + 16:.0f}" y="{cy:.0f}">{escape(text)}</text>')
        right = max(right, x + 16 + len(text) * LEGEND_CHAR_PX)
    cy = y + 22 + len(present) * 18 + 10
    notes = ["size: my relationship strength", "ringed: a bridge to 2nd-degree people", title_of(m)]
    if m.folded:
        beyond = sum(n for d, n in m.counts_by_degree().items() if d >= 2)
        notes.append(f"{counted(beyond, 'person')} beyond the first ring {noun(beyond, 'is')} not drawn")
    chars = max(LEGEND_NOTE_CHARS, int((at_least - 20) / LEGEND_CHAR_PX))
    for note in notes:
        for line in textwrap.wrap(printable(note), chars, break_on_hyphens=False) or [""]:
            rows.append(f'<text x="{x:.0f}" y="{cy:.0f}" fill="#52606d">{escape(line)}</text>')
            right = max(right, x + len(line) * LEGEND_CHAR_PX)
            cy += 16
    rows.append("</g>")
    return rows, max(at_least, right - x + 20), cy - y + 20


def _radius(m: NetworkMap, i: int) -> float:
    if i == m.centre:
        return 11.0
    s = m.strength[i]
    return 3 + 6 * s / 100 if s is not None else 3.0


def _describe(m: NetworkMap, i: int) -> str:
    parts = [m.name[i]]
    if m.company[i] or m.title[i]:
        parts.append(" · ".join(p for p in (m.title[i], m.company[i]) if p))
    parts.append(f"{label(m.degree[i])} degree" if m.degree[i] else "centre")
    if m.how_met[i]:
        parts.append(f"how we met: {m.how_met[i]}")
    evidence = m.evidence[i]
    if evidence:
        parts.append(evidence)
    return "\n".join(parts)
