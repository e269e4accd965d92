// cnet map: draws the network written into this page as rings around its centre. No request of any
// kind is made; every text goes into the page as text (textContent, fillText), never as markup.
(function () {
  "use strict";
  const D = JSON.parse(document.getElementById("cnet-data").textContent);
  // Company, title and evidence come as indices into one table of the texts they hold (-1: none).
  const T = D.texts;
  D.company = D.company.map((k) => (k < 0 ? "" : T[k]));
  for (const field of ["title", "evidence"]) {
    const coded = D[field];
    D[field] = {};
    coded.forEach((k, i) => { if (k >= 0) D[field][i] = T[k]; });
  }
  const N = D.name.length;
  const CENTRE = D.centre, ME = D.me;
  const degree = D.degree, bridge = D.bridge, reach = D.reach, category = D.category;
  const X = D.x, Y = D.y;
  const strengthOf = (i) => (D.strength[i] === undefined ? null : D.strength[i]);
  const context = new Uint8Array(N);
  D.context.forEach((i) => { context[i] = 1; });

  // Who each person is reached through, one ring in (the centre for the first ring).
  const parents = new Array(N);
  for (let i = 0; i < N; i++) parents[i] = degree[i] === 1 ? [CENTRE] : [];
  for (let i = 0, k = 0; i < N; i++) {
    if (degree[i] < 2) continue;
    const count = D.parents[k++];
    parents[i] = D.parents.slice(k, k + count);
    k += count;
  }
  const linkStrength = new Map();
  for (let k = 0; k < D.link_strength.length; k += 3) {
    linkStrength.set(key(D.link_strength[k], D.link_strength[k + 1]), D.link_strength[k + 2]);
  }
  function key(u, v) { return u < v ? u * 4194304 + v : v * 4194304 + u; }
  function tie(u, v) {
    // As `cnet path` weighs a tie: mine by relationship strength, others' as recorded (50 when not).
    if (u === ME) return strengthOf(v) || 0;
    if (v === ME) return strengthOf(u) || 0;
    const s = linkStrength.get(key(u, v));
    return s === undefined ? 50 : s;
  }

  const ordinal = (d) => {
    if (d === 0) return "centre";
    const s = d % 100 >= 10 && d % 100 <= 20 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" }[d % 10] || "th");
    return d + s;
  };
  const fmt = (n) => n.toLocaleString("en");

  // -- what is drawn --------------------------------------------------------------------------------
  const unfolded = new Set();
  const groupSize = new Int32Array(N);
  for (let i = 0; i < N; i++) if (degree[i] >= 2 && bridge[i] >= 0) groupSize[bridge[i]]++;
  // Grouped (a network larger than a page holds): the first ring as companies, each opening on click; each
  // bridge holds on the page the warmest of the people it is the way to (`beyond`: how many in all).
  const grouped = !!D.grouped;
  const groupOf = D.group || [];
  const openGroups = new Set();
  const beyondOf = (i) => (D.beyond && D.beyond[i] !== undefined ? D.beyond[i] : groupSize[i]);
  const groups = (D.groups || []).map((name) => ({ name, x: 0, y: 0, count: 0, beyond: 0, r: 0 }));
  if (grouped) {
    // Each company where its people are: the middle of their sector of the first ring.
    const ringR = D.rings.length ? (D.rings[0][0] + D.rings[0][1]) / 2 : 140;
    for (let i = 0; i < N; i++) {
      const g = groups[groupOf[i]];
      if (!g) continue;
      g.x += X[i]; g.y += Y[i]; g.count++; g.beyond += beyondOf(i);
    }
    for (const g of groups) {
      const a = Math.atan2(g.y, g.x);
      g.x = ringR * Math.cos(a); g.y = ringR * Math.sin(a);
      g.r = 8 + 2.5 * Math.sqrt(g.count);
    }
  }
  const shownAt = (i) => {
    if (degree[i] === 0) return true;
    if (degree[i] === 1) return !grouped || openGroups.has(groupOf[i]);
    if (D.folded && !unfolded.has(bridge[i])) return false;
    return !grouped || bridge[i] < 0 || openGroups.has(groupOf[bridge[i]]);
  };
  let visible = new Uint8Array(N);
  function refreshVisible() {
    visible = new Uint8Array(N);
    for (let i = 0; i < N; i++) visible[i] = shownAt(i) ? 1 : 0;
    buildGrid();
  }
  function groupAt(wx, wy, slack) {
    let best = -1, bestD = Infinity;
    groups.forEach((g, k) => {
      const d = Math.hypot(g.x - wx, g.y - wy);
      if (g.count && d <= g.r + slack && d < bestD) { best = k; bestD = d; }
    });
    return best;
  }
  function toggleGroup(k) {
    if (openGroups.has(k)) openGroups.delete(k); else openGroups.add(k);
    refreshVisible();
    draw();
  }
  const radius = (i) => {
    if (i === CENTRE) return 11;
    const s = strengthOf(i);
    return s === null ? 3 : 3 + 6 * s / 100;
  };
  const halo = (i) => (degree[i] === 1 && reach[i] ? 2 + 2.2 * Math.log2(1 + reach[i]) : 0);
  const topBridges = [];
  for (let i = 0; i < N; i++) if (degree[i] === 1 && reach[i]) topBridges.push(i);
  topBridges.sort((a, b) => reach[b] - reach[a] || a - b);
  const labelled = new Set(topBridges.slice(0, 12));

  // -- hit testing: a grid over the people drawn ---------------------------------------------------
  const CELL = 40;
  let grid = new Map();
  function buildGrid() {
    grid = new Map();
    for (let i = 0; i < N; i++) {
      if (!visible[i]) continue;
      const k = Math.floor(X[i] / CELL) + "," + Math.floor(Y[i] / CELL);
      let list = grid.get(k);
      if (!list) grid.set(k, (list = []));
      list.push(i);
    }
  }
  function personAt(wx, wy, slack) {
    let best = -1, bestD = Infinity;
    const cx = Math.floor(wx / CELL), cy = Math.floor(wy / CELL);
    const span = Math.max(1, Math.ceil(slack / CELL));
    for (let gx = cx - span; gx <= cx + span; gx++) {
      for (let gy = cy - span; gy <= cy + span; gy++) {
        const list = grid.get(gx + "," + gy);
        if (!list) continue;
        for (const i of list) {
          const d = Math.hypot(X[i] - wx, Y[i] - wy);
          if (d <= radius(i) + slack && d < bestD) { best = i; bestD = d; }
        }
      }
    }
    return best;
  }

  // -- the canvas ---------------------------------------------------------------------------------
  const canvas = document.getElementById("map");
  const ctx = canvas.getContext("2d");
  const stage = document.getElementById("stage");
  let scale = 1, tx = 0, ty = 0, dpr = window.devicePixelRatio || 1;
  let selected = -1, hovered = -1;
  let snapshot = null, snapX = 0, snapY = 0, snapScale = 1;

  function resize() {
    dpr = window.devicePixelRatio || 1;
    canvas.width = Math.max(1, Math.round(stage.clientWidth * dpr));
    canvas.height = Math.max(1, Math.round(stage.clientHeight * dpr));
    draw();
  }
  function fit() {
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    for (let i = 0; i < N; i++) {
      if (!visible[i]) continue;
      minX = Math.min(minX, X[i]); maxX = Math.max(maxX, X[i]);
      minY = Math.min(minY, Y[i]); maxY = Math.max(maxY, Y[i]);
    }
    for (const g of groups) {
      if (!g.count) continue;
      minX = Math.min(minX, g.x - g.r); maxX = Math.max(maxX, g.x + g.r);
      minY = Math.min(minY, g.y - g.r); maxY = Math.max(maxY, g.y + g.r);
    }
    const w = stage.clientWidth || 800, h = stage.clientHeight || 600;
    const spanX = Math.max(maxX - minX, 1) + 120, spanY = Math.max(maxY - minY, 1) + 120;
    scale = Math.min(w / spanX, h / spanY);
    tx = w / 2 - scale * (minX + maxX) / 2;
    ty = h / 2 - scale * (minY + maxY) / 2;
  }
  const toWorld = (sx, sy) => [(sx - tx) / scale, (sy - ty) / scale];
  const toScreen = (i) => [X[i] * scale + tx, Y[i] * scale + ty];

  function draw() {
    const w = canvas.width, h = canvas.height;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, w, h);
    ctx.setTransform(dpr * scale, 0, 0, dpr * scale, dpr * tx, dpr * ty);
    const px = 1 / scale; // one screen pixel in world units
    // The rings.
    ctx.strokeStyle = "#e4e7eb";
    for (const [inner, outer] of D.rings) {
      ctx.globalAlpha = 0.55;
      ctx.lineWidth = Math.max(outer - inner + 12, px);
      ctx.beginPath(); ctx.arc(0, 0, (inner + outer) / 2, 0, 2 * Math.PI); ctx.stroke();
    }
    ctx.globalAlpha = 1;
    // Ties: within the first ring, and from each person drawn to those they are reached through.
    const ring1Count = D.counts["1st"] || 0;
    // Thousands of ties would paint the disc solid: the more there are, the fainter each.
    const fade = (count) => Math.min(0.28, 0.28 * Math.sqrt(400 / Math.max(count, 1)));
    ctx.lineWidth = 0.8 * px;
    ctx.strokeStyle = "rgb(82, 96, 109)";
    ctx.globalAlpha = fade(D.ring1.length / 2);
    ctx.beginPath();
    for (let k = 0; k < D.ring1.length; k += 2) {
      const u = D.ring1[k], v = D.ring1[k + 1];
      ctx.moveTo(X[u], Y[u]); ctx.lineTo(X[v], Y[v]);
    }
    ctx.stroke();
    let outward = 0;
    for (let i = 0; i < N; i++) if (visible[i] && degree[i] >= 2) outward += parents[i].length;
    ctx.globalAlpha = fade(outward + (ring1Count > 400 ? 0 : ring1Count));
    ctx.beginPath();
    for (let i = 0; i < N; i++) {
      if (!visible[i] || i === CENTRE) continue;
      if (degree[i] === 1 && ring1Count > 400) continue; // a crowded first ring: the ring says it
      for (const p of parents[i]) { ctx.moveTo(X[i], Y[i]); ctx.lineTo(X[p], Y[p]); }
    }
    ctx.stroke();
    ctx.globalAlpha = 1;
    // Bridges: a ring as thick as the number of people reached through them.
    ctx.strokeStyle = "rgba(62, 76, 89, 0.55)";
    for (const i of topBridges) {
      if (!visible[i]) continue;
      const hw = halo(i);
      if (hw * scale < 0.6 && !labelled.has(i)) continue;
      ctx.lineWidth = Math.max(1.2 * px, hw * 0.35);
      ctx.beginPath(); ctx.arc(X[i], Y[i], radius(i) + hw * 0.6, 0, 2 * Math.PI); ctx.stroke();
    }
    // People, a colour at a time.
    const byColour = new Map();
    for (let i = 0; i < N; i++) {
      if (!visible[i]) continue;
      const c = category[i] * 2 + context[i];
      let list = byColour.get(c);
      if (!list) byColour.set(c, (list = []));
      list.push(i);
    }
    for (const [c, list] of byColour) {
      ctx.fillStyle = D.categories[c >> 1][2];
      ctx.globalAlpha = c & 1 ? 0.3 : 1;
      ctx.beginPath();
      for (const i of list) {
        const r = Math.max(radius(i), 1.2 * px);
        ctx.moveTo(X[i] + r, Y[i]); ctx.arc(X[i], Y[i], r, 0, 2 * Math.PI);
      }
      ctx.fill();
    }
    ctx.globalAlpha = 1;
    // Groups: a disc per company, open ones only outlined.
    groups.forEach((g, k) => {
      if (!g.count) return;
      const open = openGroups.has(k);
      ctx.beginPath(); ctx.arc(g.x, g.y, g.r, 0, 2 * Math.PI);
      ctx.globalAlpha = open ? 0.08 : 0.8; ctx.fillStyle = "#9fb3c8"; ctx.fill();
      ctx.globalAlpha = 0.9; ctx.lineWidth = 1.5 * px; ctx.strokeStyle = "#52606d"; ctx.stroke();
    });
    ctx.globalAlpha = 1;
    if (selected >= 0) {
      ctx.strokeStyle = "#e12d39"; ctx.lineWidth = 3 * px;
      for (const route of routesTo(selected, 3).routes) {
        ctx.beginPath(); ctx.moveTo(X[route.path[0]], Y[route.path[0]]);
        for (const n of route.path.slice(1)) ctx.lineTo(X[n], Y[n]);
        ctx.stroke();
      }
      ctx.beginPath(); ctx.arc(X[selected], Y[selected], radius(selected) + 5 * px, 0, 2 * Math.PI); ctx.stroke();
    }
    // Names: the centre, the biggest bridges, and everyone large enough on screen to carry one.
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.font = "12px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.9)"; ctx.fillStyle = "#1f2933";
    const W = canvas.width / dpr, H = canvas.height / dpr;
    groups.forEach((g) => {
      if (!g.count) return;
      const sx = g.x * scale + tx, sy = g.y * scale + ty;
      const text = g.name + " · " + fmt(g.count);
      ctx.textAlign = "center";
      ctx.strokeText(text, sx, sy); ctx.fillText(text, sx, sy);
    });
    let shown = 0;
    for (let i = 0; i < N; i++) shown += visible[i];
    const sparse = scale > 0.9 || ring1Count <= 60;
    const everyone = shown <= 150;
    let drawn = 0;
    for (let i = 0; i < N && drawn < 400; i++) {
      if (!visible[i]) continue;
      const wanted = i === CENTRE || i === selected || labelled.has(i) || (sparse && degree[i] <= 1) ||
        (scale > 2.2 && degree[i] >= 2) || everyone;
      if (!wanted) continue;
      const [sx, sy] = toScreen(i);
      if (sx < -50 || sy < -20 || sx > W + 50 || sy > H + 20) continue;
      let text = D.name[i];
      if (D.folded && degree[i] === 1 && beyondOf(i) && !unfolded.has(i)) text += " +" + fmt(beyondOf(i));
      const off = radius(i) * scale + 4;
      ctx.textAlign = i === CENTRE ? "center" : sx >= tx ? "left" : "right";
      const lx = i === CENTRE ? sx : sx >= tx ? sx + off : sx - off;
      const ly = i === CENTRE ? sy - off - 6 : sy;
      ctx.strokeText(text, lx, ly); ctx.fillText(text, lx, ly);
      drawn++;
    }
    snapshot = null;
  }

  // Panning moves a picture of the last drawing; the full drawing follows when the hand stops.
  function takeSnapshot() {
    snapshot = document.createElement("canvas");
    snapshot.width = canvas.width; snapshot.height = canvas.height;
    snapshot.getContext("2d").drawImage(canvas, 0, 0);
    snapX = tx; snapY = ty; snapScale = scale;
  }
  function drawSnapshot() {
    const k = scale / snapScale;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = "#fbfcfd"; ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.setTransform(k, 0, 0, k, dpr * (tx - snapX * k), dpr * (ty - snapY * k));
    ctx.drawImage(snapshot, 0, 0);
  }
  let pending = 0;
  function redrawSoon(quick) {
    if (quick && N > 3000) {
      if (!snapshot) takeSnapshot();
      drawSnapshot();
      clearTimeout(pending);
      pending = setTimeout(draw, 140);
    } else {
      requestAnimationFrame(draw);
    }
  }

  let drag = null;
  canvas.addEventListener("pointerdown", (ev) => {
    drag = { x: ev.clientX, y: ev.clientY, tx, ty, moved: false };
    canvas.setPointerCapture(ev.pointerId);
  });
  canvas.addEventListener("pointermove", (ev) => {
    const rect = canvas.getBoundingClientRect();
    const sx = ev.clientX - rect.left, sy = ev.clientY - rect.top;
    if (drag) {
      const dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
      if (drag.moved) {
        canvas.classList.add("dragging");
        tx = drag.tx + dx; ty = drag.ty + dy;
        hideTooltip();
        redrawSoon(true);
        return;
      }
    }
    const [wx, wy] = toWorld(sx, sy);
    const i = personAt(wx, wy, 4 / scale);
    const g = i < 0 ? groupAt(wx, wy, 4 / scale) : -1;
    const key = i >= 0 ? i : g >= 0 ? -2 - g : -1;
    if (key !== hovered) {
      hovered = key;
      if (i >= 0) showTooltip(i, sx, sy); else if (g >= 0) showGroupTooltip(g, sx, sy); else hideTooltip();
    } else if (key !== -1) {
      placeTooltip(sx, sy);
    }
  });
  canvas.addEventListener("pointerup", (ev) => {
    const wasDrag = drag && drag.moved;
    drag = null;
    canvas.classList.remove("dragging");
    if (wasDrag) { draw(); return; }
    const rect = canvas.getBoundingClientRect();
    const [wx, wy] = toWorld(ev.clientX - rect.left, ev.clientY - rect.top);
    const i = personAt(wx, wy, 4 / scale);
    const g = i < 0 ? groupAt(wx, wy, 4 / scale) : -1;
    if (g >= 0) toggleGroup(g); else select(i, false);
  });
  canvas.addEventListener("pointerleave", () => { hovered = -1; hideTooltip(); });
  canvas.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const rect = canvas.getBoundingClientRect();
    zoomAt(ev.clientX - rect.left, ev.clientY - rect.top, Math.exp(-ev.deltaY * 0.0015));
  }, { passive: false });
  function zoomAt(sx, sy, factor) {
    const k = Math.min(Math.max(scale * factor, 0.002), 40) / scale;
    tx = sx - (sx - tx) * k; ty = sy - (sy - ty) * k; scale *= k;
    redrawSoon(true);
  }
  document.getElementById("zoom-in").onclick = () => zoomAt(stage.clientWidth / 2, stage.clientHeight / 2, 1.5);
  document.getElementById("zoom-out").onclick = () => zoomAt(stage.clientWidth / 2, stage.clientHeight / 2, 1 / 1.5);
  document.getElementById("zoom-fit").onclick = () => { fit(); draw(); };
  window.addEventListener("resize", resize);

  // -- hover -----------------------------------------------------------------------------------------
  const tooltip = document.getElementById("tooltip");
  function line(parent, text, cls) {
    const el = document.createElement("div");
    el.textContent = text;
    if (cls) el.className = cls;
    parent.appendChild(el);
    return el;
  }
  function describe(i) {
    const out = [];
    const role = [D.title[i], D.company[i]].filter(Boolean).join(" · ");
    if (role) out.push(role);
    out.push(i === CENTRE ? "the centre of this map" : ordinal(degree[i]) + " degree (" + D.view + " view)");
    if (D.categories[category[i]][0] !== "through-others" && i !== ME) out.push("how I know them: " + D.categories[category[i]][1]);
    if (D.how_met[i]) out.push("how we met: " + D.how_met[i] + (D.met_on[i] ? " (" + D.met_on[i] + ")" : ""));
    if (D.evidence[i]) out.push("evidence: " + D.evidence[i]);
    if (strengthOf(i) !== null) out.push("strength: " + strengthOf(i) + "/100");
    if (degree[i] === 1 && reach[i]) out.push("a bridge to " + fmt(reach[i]) + " 2nd-degree " + (reach[i] === 1 ? "person" : "people"));
    if (context[i]) out.push("shown because someone you filtered for is reached through them");
    return out;
  }
  function showTooltip(i, sx, sy) {
    tooltip.replaceChildren();
    line(tooltip, D.name[i], "name");
    for (const t of describe(i)) line(tooltip, t);
    tooltip.hidden = false;
    tooltip.dataset.handle = D.handle[i];
    placeTooltip(sx, sy);
  }
  function showGroupTooltip(k, sx, sy) {
    const g = groups[k];
    tooltip.replaceChildren();
    line(tooltip, g.name, "name");
    line(tooltip, fmt(g.count) + " 1st-degree " + (g.count === 1 ? "person" : "people"));
    if (g.beyond) line(tooltip, "the way to " + fmt(g.beyond) + " people further out");
    line(tooltip, openGroups.has(k) ? "click to fold them" : "click to show them");
    tooltip.hidden = false;
    tooltip.dataset.handle = "";
    tooltip.dataset.group = g.name;
    placeTooltip(sx, sy);
  }
  function placeTooltip(sx, sy) {
    const w = tooltip.offsetWidth, h = tooltip.offsetHeight;
    tooltip.style.left = Math.min(sx + 14, stage.clientWidth - w - 8) + "px";
    tooltip.style.top = Math.min(sy + 14, stage.clientHeight - h - 8) + "px";
  }
  function hideTooltip() { tooltip.hidden = true; delete tooltip.dataset.handle; delete tooltip.dataset.group; }

  // -- warm routes, as `cnet path PERSON --slack 0` ranks them -------------------------------------------
  function routesTo(t, k) {
    const found = [];
    const CAP = 2000;
    (function walk(n, tail) {
      if (found.length >= CAP) return;
      if (n === CENTRE) { found.push([n, ...tail]); return; }
      for (const p of parents[n]) walk(p, [n, ...tail]);
    })(t, []);
    const scored = found.filter((p) => p.length > 1).map((path) => {
      const ties = [];
      for (let j = 1; j < path.length; j++) ties.push(tie(path[j - 1], path[j]));
      return { path, ties, weakest: Math.min(...ties) };
    });
    scored.sort((a, b) => b.weakest - a.weakest || compare(a.path, b.path));
    return { routes: scored.slice(0, k), considered: scored.length };
  }
  function pathCommand(i) {
    // The command that gives the same answer at the terminal.
    const from = CENTRE === ME ? "" : " " + D.handle[CENTRE];
    return "cnet path" + from + " " + D.handle[i] + " --slack 0 --view " + D.view;
  }
  function compare(a, b) {
    for (let j = 0; j < Math.min(a.length, b.length); j++) if (a[j] !== b[j]) return a[j] - b[j];
    return a.length - b.length;
  }

  // -- selecting a person --------------------------------------------------------------------------
  const info = document.getElementById("info");
  function select(i, centreOn) {
    selected = i;
    const company = i < 0 ? -1 : degree[i] === 1 ? groupOf[i] : bridge[i] >= 0 ? groupOf[bridge[i]] : -1;
    if (grouped && company >= 0 && !openGroups.has(company)) {
      openGroups.add(company);
      refreshVisible();
    }
    if (i >= 0 && D.folded && degree[i] >= 2 && !unfolded.has(bridge[i])) {
      unfolded.add(bridge[i]);
      refreshVisible();
    }
    if (i >= 0 && centreOn) {
      if (scale < 1.2) scale = 1.2;
      tx = stage.clientWidth / 2 - X[i] * scale;
      ty = stage.clientHeight / 2 - Y[i] * scale;
    }
    showInfo(i);
    draw();
  }
  function showInfo(i) {
    info.replaceChildren();
    info.hidden = i < 0;
    if (i < 0) { delete info.dataset.handle; return; }
    info.dataset.handle = D.handle[i];
    const h = document.createElement("h2");
    h.textContent = D.name[i];
    info.appendChild(h);
    line(info, D.handle[i], "muted");
    for (const t of describe(i)) line(info, t);
    if (i !== CENTRE) {
      const { routes, considered } = routesTo(i, 3);
      line(info, routes.length ? "Warm routes from " + D.name[CENTRE] + " (strongest weakest tie first), as " + pathCommand(i) + " gives them:" : "No route within this map.");
      const ol = document.createElement("ol");
      ol.id = "routes";
      for (const r of routes) {
        const li = document.createElement("li");
        li.dataset.path = r.path.map((n) => D.handle[n]).join(" ");
        li.textContent = r.path.map((n) => D.name[n]).join(" → ") + " — weakest tie " + r.weakest +
          (r.path.length > 2 ? "; ask " + D.name[r.path[1]] : "");
        ol.appendChild(li);
      }
      info.appendChild(ol);
      if (considered > routes.length) line(info, "of " + fmt(considered) + " shortest routes; " + pathCommand(i) + " -k N shows them.", "muted");
    }
    if (D.folded && degree[i] === 1 && groupSize[i]) {
      const b = document.createElement("button");
      b.type = "button";
      const open = unfolded.has(i);
      const held = beyondOf(i) > groupSize[i] ? " (the warmest " + fmt(groupSize[i]) + " of " + fmt(beyondOf(i)) + ")" : "";
      b.textContent = (open ? "Fold the " : "Show the ") + fmt(groupSize[i]) + " people reached through them" + held;
      b.onclick = () => { if (open) unfolded.delete(i); else unfolded.add(i); refreshVisible(); showInfo(i); draw(); };
      info.appendChild(b);
    }
  }

  // -- search --------------------------------------------------------------------------------------
  const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const haystack = D.name.map((n, i) => fold(n + " " + D.handle[i] + " " + D.company[i]));
  const search = document.getElementById("search"), results = document.getElementById("results");
  function findPeople(q) {
    const words = fold(q).split(/\s+/).filter(Boolean);
    if (!words.length) return [];
    // The person named exactly first, then names that start so, then the nearest; every person is looked at.
    const whole = fold(q).trim();
    const buckets = [[], [], []];
    for (let i = 0; i < N; i++) {
      if (!words.every((w) => haystack[i].includes(w))) continue;
      const name = fold(D.name[i]);
      const b = buckets[name === whole || D.handle[i] === whole ? 0 : name.startsWith(whole) ? 1 : 2];
      if (b.length < 200) b.push(i);
    }
    const order = (a, b) => degree[a] - degree[b] || D.name[a].localeCompare(D.name[b]);
    return buckets.flatMap((b) => b.sort(order)).slice(0, 12);
  }
  search.addEventListener("input", () => {
    results.replaceChildren();
    for (const i of findPeople(search.value)) {
      const li = document.createElement("li"), b = document.createElement("button");
      b.type = "button";
      b.dataset.handle = D.handle[i];
      b.textContent = D.name[i];
      const extra = document.createElement("span");
      extra.className = "muted";
      extra.textContent = " " + ordinal(degree[i]) + (D.company[i] ? " · " + D.company[i] : "");
      b.appendChild(extra);
      b.onclick = () => select(i, true);
      li.appendChild(b);
      results.appendChild(li);
    }
  });
  search.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") {
      const first = findPeople(search.value)[0];
      if (first !== undefined) select(first, true);
    }
  });

  // -- the panel -------------------------------------------------------------------------------------
  document.getElementById("title").textContent = document.title;
  const counts = Object.entries(D.counts).map(([d, n]) => fmt(n) + " " + d).join(", ");
  document.getElementById("counts").textContent = "People by degree from " + D.name[CENTRE] + ": " + (counts || "none") +
    ". Made by cnet map on " + D.generated + ".";
  if (grouped) {
    let first = 0, further = 0, held = 0;
    for (const [d, n] of Object.entries(D.counts)) if (d === "1st") first += n; else further += n;
    for (let i = 0; i < N; i++) if (degree[i] >= 2) held++;
    const note = document.getElementById("folded-note");
    note.hidden = false;
    note.textContent = "Grouped, so the page stays quick: the " + fmt(first) + " people of the first ring are shown as " +
      fmt(groups.length) + " groups by company, and everyone further out by their bridge, the person they are reached " +
      "through. Click a company to show its people, then a person to show those reached through them. Of the " +
      fmt(further) + " people beyond the first ring, the page holds the " + fmt(D.per_bridge) + " warmest through each " +
      "bridge (" + fmt(held) + " in all): find anyone with cnet degree PERSON, or list them with cnet list --degree 2.";
  } else if (D.folded) {
    let beyond = 0;
    for (let i = 0; i < N; i++) if (degree[i] >= 2) beyond++;
    const note = document.getElementById("folded-note");
    note.hidden = false;
    note.textContent = fmt(beyond) + " people beyond the first ring are folded into the " + fmt(topBridges.length) +
      " bridges they are reached through, so the page stays quick: click a bridge (or find a name) to show them.";
  }
  const present = new Map();
  for (let i = 0; i < N; i++) present.set(category[i], (present.get(category[i]) || 0) + 1);
  const legend = document.getElementById("legend-list");
  D.categories.forEach(([id, text, colour], k) => {
    if (!present.has(k)) return;
    const li = document.createElement("li");
    li.dataset.category = id;
    const sw = document.createElement("span");
    sw.className = "swatch"; sw.style.background = colour;
    const t = document.createElement("span");
    t.textContent = text + " (" + fmt(present.get(k)) + ")";
    li.append(sw, t);
    legend.appendChild(li);
  });

  refreshVisible();
  fit();
  resize();
  // For scripts and tests: where a person is and what the page would show.
  window.cnetMap = {
    ready: true,
    count: N,
    visible: (handle) => { const i = D.handle.indexOf(handle); return i >= 0 && !!visible[i]; },
    screen: (handle) => {
      const i = D.handle.indexOf(handle);
      if (i < 0) return null;
      const rect = canvas.getBoundingClientRect();
      const [sx, sy] = toScreen(i);
      return [rect.left + sx, rect.top + sy];
    },
    routes: (handle, k) => routesTo(D.handle.indexOf(handle), k || 3).routes.map((r) => r.path.map((n) => D.handle[n])),
    select: (handle) => select(D.handle.indexOf(handle), true),
    handles: () => D.handle.slice(),
    degree: (handle) => degree[D.handle.indexOf(handle)],
    groups: () => groups.map((g, k) => ({ name: g.name, count: g.count, beyond: g.beyond, open: openGroups.has(k) })),
    openGroup: (name) => {
      const k = groups.findIndex((x) => x.name === name);
      if (k >= 0 && !openGroups.has(k)) toggleGroup(k);
      return k >= 0;
    },
    groupScreen: (name) => {
      const g = groups.find((x) => x.name === name);
      if (!g) return null;
      const rect = canvas.getBoundingClientRect();
      return [rect.left + g.x * scale + tx, rect.top + g.y * scale + ty];
    },
  };
})();
