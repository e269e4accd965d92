"""Where each person goes: the centre at the origin, one ring per degree.

The first ring is sorted by how I know people, then by company, so each colour is one sector and
colleagues sit together (grouped, by company first: each company one sector); a person further out sits as close as the crowd allows to the mean angle of
those they are reached through. Crowded rings become bands of concentric sub-rings.
"""

from __future__ import annotations

import math

from .. import text as tx
from .model import NetworkMap

CELL = 14.0  # room one person takes along a ring
FIRST_RADIUS = 140.0
MAX_SUBRING_RADIUS_STEP = 1600.0  # beyond this circumference, a ring grows sub-rings instead of radius
GAP = 110.0


def place(m: NetworkMap) -> None:
    """Fill in `m.x`, `m.y` and `m.rings`."""
    import numpy as np

    n = len(m.ids)
    deg = np.array(m.degree, dtype=np.int64)
    x, y = np.zeros(n), np.zeros(n)
    angle = np.zeros(n)
    edges = np.array(m.edges, dtype=np.int64).reshape(-1, 2)
    inner_radius = FIRST_RADIUS
    rings: list[tuple[float, float]] = []
    for level in range(1, m.depth + 1):
        at = np.flatnonzero(deg == level)
        if not at.size:
            break
        if level == 1:
            # Grouped, each company is one sector (the biggest first); within it, as otherwise, by colour.
            keys = sorted(
                at.tolist(),
                key=lambda i: (
                    m.group[i] if m.grouped else 0,
                    m.category[i],
                    tx.name_key(m.company[i] or "~"),
                    tx.name_key(m.name[i]),
                    m.ids[i],
                ),
            )
            order = np.array(keys, dtype=np.int64)
            target = np.arange(len(order)) * (2 * math.pi / len(order))
        elif m.folded:
            # Folded, a bridge's people unfold around it: each goes where their warmest way in is.
            wanted = angle[np.array(m.parent, dtype=np.int64)[at]]
            ranked = np.lexsort((np.array(m.ids)[at], wanted))
            order, target = at[ranked], wanted[ranked]
        else:
            # The mean direction of the people one ring in that each is reached through.
            u, v = edges[:, 0], edges[:, 1]
            inward = np.concatenate([np.column_stack([u, v]), np.column_stack([v, u])])
            sel = (deg[inward[:, 0]] == level) & (deg[inward[:, 1]] == level - 1)
            who, via = inward[sel, 0], inward[sel, 1]
            cx = np.bincount(who, weights=np.cos(angle[via]), minlength=n)[at]
            cy = np.bincount(who, weights=np.sin(angle[via]), minlength=n)[at]
            wanted = np.mod(np.arctan2(cy, cx), 2 * math.pi)
            ranked = np.lexsort((np.array(m.ids)[at], wanted))
            order, target = at[ranked], wanted[ranked]
        count = len(order)
        radius_room = max(inner_radius, min(MAX_SUBRING_RADIUS_STEP + inner_radius, count * CELL / (2 * math.pi)))
        subrings = max(1, math.ceil(count * CELL / (2 * math.pi * radius_room)))
        placed = _spread(target, 2 * math.pi / count)
        sub = np.arange(count) % subrings
        r = radius_room + sub * CELL
        angle[order] = placed
        x[order], y[order] = r * np.cos(placed), r * np.sin(placed)
        outer = radius_room + (subrings - 1) * CELL
        rings.append((float(radius_room), float(outer)))
        inner_radius = outer + GAP
    m.x = [round(float(v), 1) for v in x]
    m.y = [round(float(v), 1) for v in y]
    m.rings = rings


def _spread(target, gap: float):
    """Angles as near their targets (sorted) as a minimum gap between neighbours allows, within one turn."""
    import numpy as np

    count = len(target)
    steps = np.arange(count) * gap * 0.999
    placed = steps + np.maximum.accumulate(target - steps)
    span = placed[-1] - placed[0] if count > 1 else 0.0
    room = 2 * math.pi * (count - 1) / count if count > 1 else 0.0
    if span > room:
        placed = placed[0] + (placed - placed[0]) * (room / span)
    # Centre the crowd on where it wanted to be.
    placed = placed - float(np.mean(placed - target))
    return np.mod(placed, 2 * math.pi)
