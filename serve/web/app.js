// kg explorer: search an entity, draw its neighbourhood with Cytoscape.js,
// click a node for its facts, an edge for the sentences behind it; narrow
// the drawing to the facts of some days.
// Talks only to /api/kg/* of the same server. All text goes into the DOM as
// text, never as HTML.
"use strict";

const CLASSES = ["Person", "Organization", "Place", "Literal"];
const $ = (id) => document.getElementById(id);

// kg is the page's state, also read by the browser test.
const kg = (window.kg = { cy: null, entity: null, graphReady: false, detail: null, meta: null });

// h builds an element: h("a", {class: "x", onclick: f}, "text", child…).
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

async function getJSON(url) {
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await res.json().catch(() => ({ error: res.statusText }));
  if (!res.ok) throw new Error(body.error || res.statusText);
  return body;
}

function params(obj) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(obj)) if (v !== "" && v != null && v !== false) p.set(k, v);
  return p.toString();
}

// ---- graph ------------------------------------------------------------

function initGraph() {
  kg.cy = cytoscape({
    container: $("cy"),
    wheelSensitivity: 0.3,
    minZoom: 0.2,
    maxZoom: 3,
    style: [
      { selector: "node", style: {
        label: "data(label)", "font-size": 12, "text-valign": "bottom", "text-margin-y": 4,
        "text-wrap": "wrap", "text-max-width": 140, color: "#1f2328",
        "text-background-color": "#fff", "text-background-opacity": 0.8, "text-background-padding": 1,
        width: 28, height: 28, "background-color": "#9c9590", "border-width": 1, "border-color": "#fff" } },
      { selector: "node.Person", style: { "background-color": "#4e79a7", shape: "ellipse" } },
      { selector: "node.Organization", style: { "background-color": "#f28e2b", shape: "round-rectangle" } },
      { selector: "node.Place", style: { "background-color": "#59a14f", shape: "hexagon" } },
      { selector: "node.Literal", style: { "background-color": "#d8d3cf", shape: "round-tag", width: 18, height: 18,
        color: "#57606a", "font-style": "italic", "font-size": 11 } },
      { selector: "node.seed", style: { width: 42, height: 42, "border-width": 4, "border-color": "#0969da",
        "font-weight": "bold", "font-size": 14 } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#bf8700" } },
      { selector: "edge", style: {
        width: 2.5, "line-color": "#8c959f", "target-arrow-color": "#8c959f", "target-arrow-shape": "triangle",
        "curve-style": "bezier", label: "data(label)", "font-size": 10, color: "#57606a",
        "text-rotation": "autorotate", "text-background-color": "#fff", "text-background-opacity": 0.85,
        "text-background-padding": 1 } },
      { selector: "edge[?symmetric]", style: { "target-arrow-shape": "none" } },
      { selector: "edge.negative", style: { "line-color": "#cf222e", "target-arrow-color": "#cf222e",
        "line-style": "dashed", color: "#cf222e" } },
      { selector: "edge.reported, edge.hedged, edge.hypothetical, edge.future", style: { "line-style": "dotted" } },
      { selector: "edge:selected", style: { width: 5, "line-color": "#bf8700", "target-arrow-color": "#bf8700" } },
      { selector: ".filtered", style: { display: "none" } },
    ],
  });
  kg.cy.on("tap", "node", (ev) => showEntity(ev.target.id()));
  kg.cy.on("dbltap", "node", (ev) => { if (!ev.target.hasClass("Literal")) selectEntity(ev.target.id(), ev.target.data("label")); });
  kg.cy.on("tap", "edge", (ev) => showFact(ev.target.id()));
}

async function loadGraph() {
  if (!kg.entity) return;
  kg.graphReady = false;
  const q = params({ entity: kg.entity, hops: $("hops").value, doc: $("doc").value, negated: $("negated").checked ? 1 : "" });
  let data;
  try {
    data = await getJSON("/api/kg/graph?" + q);
  } catch (err) {
    showError(err);
    return;
  }
  const cy = kg.cy;
  cy.elements().remove();
  cy.add(data.elements.nodes.map((n) => ({ group: "nodes", ...n })));
  cy.add(data.elements.edges.map((e) => ({ group: "edges", ...e })));
  fillPredicates(data.elements.edges);
  applyFilters();
  const layout = cy.layout(layoutOptions(cy));
  layout.one("layoutstop", () => {
    cy.fit(cy.elements(":visible"), 50);
    if (cy.zoom() > 1.25) {
      cy.zoom(1.25);
      cy.center(cy.elements(":visible"));
    }
    kg.graphReady = true;
  });
  layout.run();
  if (data.truncated) $("meta").textContent = "neighbourhood cut to its best-known nodes";
}

// layoutOptions places the searched entity in the middle and its
// neighbours on rings by distance; large neighbourhoods get a
// force-directed layout instead.
function layoutOptions(cy) {
  const seed = cy.nodes(".seed");
  if (seed.empty() || cy.nodes().length > 80) {
    return { name: "cose", animate: false, nodeRepulsion: () => 12000, idealEdgeLength: () => 120, padding: 40 };
  }
  const dist = cy.elements().dijkstra({ root: seed[0], directed: false });
  return {
    name: "concentric", animate: false, padding: 40, minNodeSpacing: 60, spacingFactor: 2.2, startAngle: (5 / 4) * Math.PI,
    concentric: (n) => 100 - (Number.isFinite(dist.distanceTo(n)) ? dist.distanceTo(n) : 99),
    levelWidth: () => 1,
  };
}

function fillPredicates(edges) {
  const sel = $("predicate");
  const keep = sel.value;
  const preds = [...new Set(edges.map((e) => e.data.label))].sort();
  sel.replaceChildren(h("option", { value: "" }, "all"), ...preds.map((p) => h("option", { value: p }, p)));
  sel.value = preds.includes(keep) ? keep : "";
}

// dateBound reads a date of the time filter — YYYY, YYYY-MM or YYYY-MM-DD,
// as kg export --from and --to take it — as its first day, or with last its
// last day ("2025-02" to 2025-02-28), YYYY-MM-DD; "" for an empty box and
// null for a date it cannot read.
function dateBound(text, last) {
  const s = text.trim();
  if (!s) return "";
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
  if (!m) return null;
  const month = m[2] ? Number(m[2]) : last ? 12 : 1;
  if (month < 1 || month > 12) return null;
  const days = new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
  const day = m[3] ? Number(m[3]) : last ? days : 1;
  if (day < 1 || day > days) return null;
  return m[1] + "-" + String(month).padStart(2, "0") + "-" + String(day).padStart(2, "0");
}

// dateRange reads the from and to boxes, marking one it cannot read (and
// ignoring it); null when both are empty.
function dateRange() {
  const r = {};
  for (const [id, last] of [["from", false], ["to", true]]) {
    const d = dateBound($(id).value, last);
    $(id).classList.toggle("invalid", d === null);
    $(id).setAttribute("aria-invalid", d === null ? "true" : "false");
    r[id] = d || "";
  }
  return r.from || r.to ? r : null;
}

// inRange reports whether an edge has a sentence dated within r: one of its
// spans ([first day, last day], the days its sentences are dated to)
// overlaps r. An edge without a date is outside every range.
function inRange(edge, r) {
  return (edge.data("spans") || []).some(([a, b]) => (!r.from || b >= r.from) && (!r.to || a <= r.to));
}

// applyFilters hides nodes of unticked classes (never the searched entity),
// edges of other predicates than the one chosen and edges dated outside
// the from–to range; then the nodes those leave without a visible edge.
function applyFilters() {
  const cy = kg.cy;
  const shown = new Set(CLASSES.filter((c) => $("class-" + c).checked));
  const pred = $("predicate").value;
  const range = dateRange();
  cy.batch(() => {
    cy.elements().removeClass("filtered");
    cy.nodes().forEach((n) => { if (!n.hasClass("seed") && !shown.has(n.data("class"))) n.addClass("filtered"); });
    if (pred) cy.edges().forEach((e) => { if (e.data("label") !== pred) e.addClass("filtered"); });
    if (range) cy.edges().forEach((e) => { if (!inRange(e, range)) e.addClass("filtered"); });
    if (pred || range) {
      // By class, not :visible: styles are not recomputed inside a batch.
      const shown = (e) => !e.hasClass("filtered") && !e.source().hasClass("filtered") && !e.target().hasClass("filtered");
      cy.nodes().forEach((n) => { if (!n.hasClass("seed") && !n.connectedEdges().some(shown)) n.addClass("filtered"); });
    }
  });
  const note = $("dates-note");
  if (!range) note.textContent = kg.meta && kg.meta.dates && kg.meta.dates.from ? "facts dated " + kg.meta.dates.from + " to " + kg.meta.dates.to : "";
  else note.textContent = cy.edges().filter((e) => inRange(e, range)).length + " of " + cy.edges().length + " facts in range";
}

// ---- search -------------------------------------------------------------

let searchSeq = 0;
let active = -1;

async function suggest() {
  const q = $("search").value.trim();
  const list = $("suggest");
  const seq = ++searchSeq;
  if (!q) return closeSuggest();
  let data;
  try {
    data = await getJSON("/api/kg/search?" + params({ q, limit: 12 }));
  } catch (err) {
    return closeSuggest();
  }
  if (seq !== searchSeq) return; // a later keystroke won
  active = data.result.length ? 0 : -1;
  list.replaceChildren(...data.result.map((r, i) =>
    h("li", { role: "option", "data-id": r.id, "aria-selected": i === active ? "true" : "false",
      onmousedown: (ev) => { ev.preventDefault(); selectEntity(r.id, r.name); } },
      h("span", { class: "badge " + r.class }, r.class),
      h("span", {}, r.name),
      r.match !== r.name ? h("span", { class: "via" }, "“" + r.match + "”") : null)));
  if (!data.result.length) list.replaceChildren(h("li", { class: "via" }, "no entity starts with “" + q + "”"));
  list.hidden = false;
  $("search").setAttribute("aria-expanded", "true");
}

function closeSuggest() {
  $("suggest").hidden = true;
  $("search").setAttribute("aria-expanded", "false");
  active = -1;
}

function moveActive(d) {
  const items = [...$("suggest").querySelectorAll("li[data-id]")];
  if (!items.length) return;
  active = (active + d + items.length) % items.length;
  items.forEach((li, i) => li.setAttribute("aria-selected", i === active ? "true" : "false"));
  items[active].scrollIntoView({ block: "nearest" });
}

function selectEntity(id, name) {
  kg.entity = id;
  if (name) $("search").value = name;
  closeSuggest();
  history.replaceState(null, "", "?" + params({ entity: id }));
  loadGraph();
  showEntity(id);
}

// ---- details --------------------------------------------------------------

function entityLink(name, id) {
  if (!id) return h("span", {}, name);
  return h("a", { title: "draw the neighbourhood of " + name, onclick: () => selectEntity(id, name) }, name);
}

// whenText says when a fact happened, as its date (schema.When) has it:
// "2023-09-13 (on Wednesday)", or "reported 2023-09-14" for a fact whose
// sentence names no time; "" when undated.
function whenText(w) {
  if (!w) return "";
  if (w.value) return w.text ? w.value + " (" + w.text + ")" : w.value;
  if (w.text) return "“" + w.text + "”";
  return w.reported ? "reported " + w.reported : "";
}

function badges(f) {
  const when = whenText(f.when);
  return h("div", { class: "badges" },
    when ? h("span", { class: "badge date", title: "date: the time the sentence names, else the date the article reported it" }, when) : null,
    h("span", { class: "badge " + f.polarity, title: "polarity" }, f.polarity),
    h("span", { class: "badge modality", title: "modality" }, f.modality),
    f.attributed_to ? h("span", { class: "badge", title: "attributed to" }, "according to " + f.attributed_to) : null,
    h("span", { class: "badge", title: "confidence" }, "confidence " + Number(f.confidence).toFixed(2)),
    Object.entries(f.qualifiers || {}).map(([k, v]) => h("span", { class: "badge", title: "qualifier" }, k + ": " + v)));
}

function triple(f) {
  return h("div", { class: "triple" }, entityLink(f.subject, f.subject_id), " ",
    h("span", { title: "predicate " + f.predicate }, f.polarity === "negative" ? "not " + f.predicate_text : f.predicate_text),
    " ", entityLink(f.object, f.object_id));
}

function evidenceList(f) {
  return h("div", { class: "evidence" }, f.evidence.map((ev) => [
    h("blockquote", { class: "sentence" }, ev.sentence),
    h("p", { class: "doc" }, "— ", ev.title || "(untitled)", ev.date ? ", " + ev.date : "",
      ev.source ? " · " + ev.source : "", " · document " + ev.document + " @" + ev.start + "–" + ev.end,
      ev.when && ev.when.text ? " · dated " + whenText(ev.when) : ""),
  ]));
}

// render replaces the side panel with children: elements, strings, and
// arrays of them (nested), null and false skipped — as h takes them.
// replaceChildren itself would print an array as "[object HTMLDivElement],…"
// and null as "null".
function render(kind, id, ...children) {
  kg.detail = { kind, id };
  const d = $("details");
  d.replaceChildren(...children.flat(Infinity).filter((c) => c != null && c !== false));
  d.dataset.kind = kind;
  d.dataset.id = id;
  d.scrollTop = 0;
}

function showError(err) {
  render("error", "", h("p", { class: "notice" }, String(err.message || err)));
}

async function showEntity(id) {
  let data;
  try {
    data = await getJSON("/api/kg/entity?" + params({ id }));
  } catch (err) {
    const n = kg.cy.getElementById(id);
    if (n.nonempty() && n.hasClass("Literal")) {
      return render("literal", id, h("h2", {}, n.data("label")), h("p", { class: "hint" }, "A literal object: no entity, only facts point at it. Click an edge for its sentences."));
    }
    return showError(err);
  }
  const e = data.entity;
  if (kg.entity === id && !$("search").value) $("search").value = e.name;
  render("entity", id,
    h("h2", {}, e.name),
    h("div", { class: "badges" }, h("span", { class: "badge " + e.class }, e.class),
      h("span", { class: "badge" }, e.mentions + " mentions"), h("span", { class: "badge" }, e.documents.length + " documents")),
    h("p", { class: "aliases" }, e.aliases.length ? "Also: " + e.aliases.join(" · ") : "No other names."),
    kg.entity !== id ? h("button", { onclick: () => selectEntity(id, e.name) }, "Draw the neighbourhood of " + e.name) : null,
    h("h3", {}, "Facts (" + data.facts.length + ")"),
    data.facts.map((f) => h("div", { class: "fact", "data-fact": f.id }, triple(f), badges(f),
      h("blockquote", {}, f.evidence.length ? f.evidence[0].sentence : ""),
      f.evidence.length > 1 ? h("p", { class: "doc" }, "and " + (f.evidence.length - 1) + " more sentences") : null)),
    data.quotes.length ? h("h3", {}, "Quotes (" + data.quotes.length + ")") : null,
    data.quotes.map((q) => h("blockquote", {}, "“" + q.text + "”")),
    h("h3", {}, "Documents"),
    h("ul", {}, e.documents.map((d) => h("li", {}, d.title || d.id, d.date ? " (" + d.date + ")" : ""))));
}

async function showFact(id) {
  let data;
  try {
    data = await getJSON("/api/kg/fact?" + params({ id }));
  } catch (err) {
    return showError(err);
  }
  const f = data.fact;
  render("fact", id,
    triple(f), badges(f),
    h("h3", {}, "Evidence (" + f.evidence.length + (f.evidence.length === 1 ? " sentence)" : " sentences)")),
    evidenceList(f));
}

// ---- start ------------------------------------------------------------------

async function start() {
  initGraph();
  const fs = $("classes");
  for (const c of CLASSES) {
    fs.append(h("label", {}, h("input", { type: "checkbox", id: "class-" + c, checked: true, onchange: applyFilters }), " " + c));
  }
  $("predicate").addEventListener("change", applyFilters);
  for (const id of ["from", "to"]) $(id).addEventListener("input", applyFilters);
  for (const id of ["hops", "doc", "negated"]) $(id).addEventListener("change", loadGraph);
  $("filters").addEventListener("submit", (ev) => ev.preventDefault());
  const input = $("search");
  input.addEventListener("input", suggest);
  input.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown") { ev.preventDefault(); moveActive(1); }
    else if (ev.key === "ArrowUp") { ev.preventDefault(); moveActive(-1); }
    else if (ev.key === "Escape") closeSuggest();
    else if (ev.key === "Enter") {
      ev.preventDefault();
      const li = $("suggest").querySelectorAll("li[data-id]")[active];
      if (li) selectEntity(li.dataset.id, li.children[1].textContent);
    }
  });
  input.addEventListener("blur", () => setTimeout(closeSuggest, 150));
  try {
    const m = (kg.meta = await getJSON("/api/kg/meta"));
    $("meta").textContent = `${m.entities} entities · ${m.facts} facts · ${m.documents.length} documents · ` +
      (m.read_only ? "read-only" : "writable") + ` · queries ${m.timeout}, ${m.limit} results`;
    $("doc").append(...m.documents.map((d) => h("option", { value: d.id }, (d.title || d.id).slice(0, 70))));
    if (m.dates && m.dates.from) {
      $("from").placeholder = m.dates.from;
      $("to").placeholder = m.dates.to;
      $("dates-note").textContent = "facts dated " + m.dates.from + " to " + m.dates.to;
    }
  } catch (err) {
    showError(err);
  }
  const entity = new URLSearchParams(location.search).get("entity");
  if (entity) selectEntity(entity);
  kg.ready = true;
}

start();
