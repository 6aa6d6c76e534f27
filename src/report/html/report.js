(() => {
  "use strict";
  const body = document.body;
  const count = (selector) => document.querySelectorAll(selector).length;
  body.dataset.notEvaluated = String(count("#not-evaluated-table tbody tr"));
  body.dataset.diagnostics = String(count("#diagnostics-table tbody tr"));
  body.dataset.fixed = String(count("#fixed-table tbody tr"));
  const table = document.getElementById("findings-table");
  if (!table) {
    body.dataset.findings = "0";
    body.dataset.visible = "0";
    body.dataset.ready = "1";
    console.log("rurume-audit: report ready, no findings table");
    return;
  }
  const tbody = table.tBodies[0];
  const rows = Array.from(tbody.rows);
  const heads = Array.from(table.tHead.rows[0].cells);
  const columns = {};
  heads.forEach((th, i) => { if (th.dataset.col) columns[th.dataset.col] = i; });
  const norm = (s) => String(s).normalize("NFKC").toLowerCase();
  const collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true, sensitivity: "base" });
  rows.forEach((row) => { row.searchText = norm(row.textContent); });
  const bySeverity = (s) => rows.filter((row) => row.dataset.severity === s).length;
  body.dataset.findings = String(rows.length);
  body.dataset.errors = String(bySeverity("error"));
  body.dataset.warnings = String(bySeverity("warning"));
  body.dataset.notes = String(bySeverity("note"));
  body.dataset.new = String(rows.filter((row) => row.dataset.change === "new").length);
  body.dataset.waived = String(rows.filter((row) => row.dataset.waived === "1").length);

  const controls = document.getElementById("controls");
  const query = document.getElementById("filter-q");
  // The filters the page has (新規 only against a baseline), each on the row's data-<name>.
  const selects = {};
  for (const name of ["clause", "severity", "facility", "change"]) {
    const select = document.getElementById("filter-" + name);
    if (select) selects[name] = select;
  }
  const status = document.getElementById("filter-status");
  const noMatch = document.getElementById("no-match");
  const state = { sort: "", order: "asc", q: "" };
  for (const name of Object.keys(selects)) state[name] = "";

  const hasOption = (select, value) => Array.from(select.options).some((o) => o.value === value);
  const readHash = () => {
    const params = new URLSearchParams(location.hash.replace(/^#/, ""));
    const sort = params.get("sort") || "";
    state.sort = sort in columns ? sort : "";
    state.order = params.get("order") === "desc" ? "desc" : "asc";
    state.q = params.get("q") || params.get("filter") || "";
    for (const name of Object.keys(selects)) {
      const value = params.get(name) || "";
      state[name] = hasOption(selects[name], value) ? value : "";
    }
  };
  const writeHash = () => {
    const params = new URLSearchParams();
    if (state.sort) params.set("sort", state.sort);
    if (state.sort && state.order === "desc") params.set("order", "desc");
    if (state.q) params.set("q", state.q);
    for (const name of Object.keys(selects)) if (state[name]) params.set(name, state[name]);
    const text = params.toString();
    try {
      history.replaceState(null, "", text ? "#" + text : location.pathname + location.search);
    } catch (e) {
      // A browser that refuses (some do for local files) keeps the old address.
    }
  };
  const key = (row, column) => {
    const cell = row.cells[column];
    return cell.dataset.key !== undefined ? cell.dataset.key : cell.textContent.trim();
  };
  const apply = (write) => {
    const column = state.sort ? columns[state.sort] : undefined;
    const direction = state.order === "desc" ? -1 : 1;
    const keyed = column !== undefined && heads[column].dataset.keyed === "1";
    const sorted = rows.slice().sort((a, b) => {
      if (column !== undefined) {
        const x = key(a, column), y = key(b, column);
        const c = keyed ? (x < y ? -1 : x > y ? 1 : 0) : collator.compare(x, y);
        if (c !== 0) return c * direction;
      }
      return Number(a.dataset.i) - Number(b.dataset.i);
    });
    const fragment = document.createDocumentFragment();
    for (const row of sorted) fragment.appendChild(row);
    tbody.appendChild(fragment);
    heads.forEach((th, i) => {
      if (!th.dataset.col) return;
      th.setAttribute("aria-sort", i === column ? (direction < 0 ? "descending" : "ascending") : "none");
    });
    const terms = norm(state.q).split(/\s+/).filter((t) => t);
    let shown = 0;
    for (const row of rows) {
      const visible = Object.keys(selects).every((name) => !state[name] || row.dataset[name] === state[name]) &&
        terms.every((t) => row.searchText.includes(t));
      row.hidden = !visible;
      if (visible) shown++;
    }
    query.value = state.q;
    for (const name of Object.keys(selects)) selects[name].value = state[name];
    status.textContent = status.dataset.template.replace("{shown}", shown).replace("{total}", rows.length);
    noMatch.hidden = shown > 0;
    body.dataset.visible = String(shown);
    body.dataset.sort = state.sort ? state.sort + ":" + state.order : "";
    if (write) writeHash();
    return shown;
  };

  heads.forEach((th) => {
    const column = th.dataset.col;
    if (!column) return;
    const button = document.createElement("button");
    button.type = "button";
    button.title = th.dataset.sortTitle || "";
    while (th.firstChild) button.appendChild(th.firstChild);
    th.appendChild(button);
    button.addEventListener("click", () => {
      state.order = state.sort === column && state.order === "asc" ? "desc" : "asc";
      state.sort = column;
      apply(true);
    });
  });
  query.addEventListener("input", () => { state.q = query.value; apply(true); });
  for (const name of Object.keys(selects)) {
    selects[name].addEventListener("change", () => { state[name] = selects[name].value; apply(true); });
  }
  document.getElementById("filter-reset").addEventListener("click", () => {
    Object.assign(state, { q: "", clause: "", severity: "", facility: "" });
    apply(true);
  });
  // A bar of a chart filters the table by its clause or facility.
  document.addEventListener("click", (event) => {
    const link = event.target.closest ? event.target.closest("a[data-filter]") : null;
    if (!link) return;
    event.preventDefault();
    const name = link.dataset.filter, value = link.dataset.value;
    Object.assign(state, { q: "", clause: "", severity: "", facility: "" });
    if (selects[name] && hasOption(selects[name], value)) state[name] = value;
    apply(true);
    document.getElementById("findings").scrollIntoView();
  });
  window.addEventListener("hashchange", () => { readHash(); apply(false); });
  // On paper, what is folded is shown.
  let opened = [];
  window.addEventListener("beforeprint", () => {
    opened = Array.from(document.querySelectorAll("details:not([open])"));
    opened.forEach((d) => { d.open = true; });
  });
  window.addEventListener("afterprint", () => { opened.forEach((d) => { d.open = false; }); opened = []; });

  controls.hidden = false;
  const hint = document.getElementById("chart-hint");
  if (hint) hint.hidden = false;
  readHash();
  const shown = apply(false);
  body.dataset.ready = "1";
  console.log("rurume-audit: report ready, " + rows.length + " findings, " + shown + " shown");
})();
