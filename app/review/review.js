// thidua review page. The documents are data (a JSON block read once); every piece of article text is
// put in the page as text (textContent, createTextNode), never as markup. No network, no inline handlers.
"use strict";
(function () {
  const docs = JSON.parse(document.getElementById("thidua-data").textContent);
  const FIELDS = [
    ["meeting", "meeting date"], ["bloc", "bloc"], ["bloc.members", "member"], ["people", "person"],
    ["decisions", "decision"], ["documents", "document"]];
  const FIELD_NAMES = Object.fromEntries(FIELDS);
  const KINDS = ["agreed", "approved", "elected", "awarded", "signed", "planned", "directed"];
  const ADDABLE = [["bloc.members", "member"], ["people", "person"], ["decisions", "decision"],
    ["meeting.date", "meeting date (YYYY-MM-DD)"]];
  const el = (tag, attrs, ...kids) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v; else if (k === "text") e.textContent = v; else e.setAttribute(k, v);
    }
    for (const k of kids) e.append(k);
    return e;
  };
  const fieldClass = (f) => "f-" + f.replace(/\./g, "-");

  // --- corrections: a corrected copy of a record, kept in localStorage by the input's sha256
  const storeKey = (d) => "thidua-review:" + d.sha256;
  const corrected = (d) => {
    try { const s = localStorage.getItem(storeKey(d)); if (s) return JSON.parse(s); } catch (e) { /* private mode */ }
    return null;
  };
  const recordOf = (d) => corrected(d) || d.record;
  const save = (d, rec) => {
    try { localStorage.setItem(storeKey(d), JSON.stringify(rec)); } catch (e) { status("could not save: " + e); }
  };
  const editable = (d) => { const r = corrected(d); return r ? r : JSON.parse(JSON.stringify(d.record)); };

  // --- layout
  const search = el("input", { type: "search", id: "search", placeholder: "search file, bloc, text", "aria-label": "search" });
  const filters = {};
  const select = (id, label, options) => {
    const s = el("select", { id, "aria-label": label }, el("option", { value: "", text: label + ": all" }));
    for (const o of options) s.append(el("option", { value: o, text: o }));
    filters[id] = s;
    return s;
  };
  const uniq = (f) => [...new Set(docs.map(f).filter((x) => x))].sort();
  const year = (d) => (d.record && d.record.meeting && d.record.meeting.date || "").slice(0, 4).replace(/^-.*/, "");
  const header = el("header", {},
    el("h1", { text: "thidua review" }), search,
    select("f-bloc", "bloc", uniq((d) => d.record && d.record.bloc.name)),
    select("f-province", "province", uniq((d) => d.record && d.record.bloc.province)),
    select("f-year", "year", uniq(year)),
    select("f-type", "type", uniq((d) => d.record && d.record.meeting.type)),
    select("f-missing", "show", ["has warnings", "missing date", "missing members", "missing decisions", "corrected"]),
    el("button", { id: "export", type: "button", text: "Export gold (.zip)" }),
    el("span", { id: "status", role: "status" }));
  const list = el("div", { id: "list", tabindex: "0" });
  const text = el("div", { id: "text", tabindex: "0", "aria-label": "article text" });
  const record = el("div", { id: "record" });
  document.body.append(header, el("main", {}, list, text, record));
  const status = (s) => { document.getElementById("status").textContent = s; };

  // --- the document list: only the rows in view exist (a page of thousands stays quick), each row a
  // fixed height, positioned by its place among the documents that pass the filters
  let shown = [];     // indexes of docs that pass the filters
  let current = -1;   // index into docs
  const ROW = 72;     // px, as the stylesheet's .row
  const table = el("div", { id: "rows", role: "listbox", "aria-label": "documents" });
  list.append(table);
  const badges = (d) => {
    const out = [];
    if (d.error) out.push(el("span", { class: "badge error", text: "error" }));
    for (const w of (d.record && d.record.warnings) || []) out.push(el("span", { class: "badge", title: w.message, text: w.code }));
    return out;
  };
  const rowOf = (k) => {
    const i = shown[k], d = docs[i], r = d.record;
    const meta = r ? [r.bloc.name || "(no bloc)", r.meeting.date || "(no date)", r.meeting.type || "not a meeting",
      r.bloc.members.length + " members", r.people.length + " people", r.decisions.length + " decisions"].join(" · ") : d.error;
    const row = el("div", { class: "row" + (i === current ? " current" : ""), role: "option", "data-i": String(i) },
      el("div", { class: "file", text: d.file }), el("div", { class: "meta", text: meta }),
      el("div", { class: "badges" }, ...badges(d)));
    row.style.top = k * ROW + "px";  // through the CSSOM: the page's CSP forbids style attributes
    return row;
  };
  const renderRows = () => {
    const first = Math.max(0, Math.floor(list.scrollTop / ROW) - 5);
    const last = Math.min(shown.length, first + Math.ceil((list.clientHeight || 800) / ROW) + 10);
    table.textContent = "";
    for (let k = first; k < last; ++k) table.append(rowOf(k));
  };
  list.addEventListener("scroll", () => requestAnimationFrame(renderRows));
  window.addEventListener("resize", () => requestAnimationFrame(renderRows));
  const passes = (d) => {
    const r = recordOf(d) || {};
    const q = search.value.trim().toLowerCase();
    if (q && !(d.file.toLowerCase().includes(q) || (r.bloc && (r.bloc.name || "").toLowerCase().includes(q)) ||
               (d.text || "").toLowerCase().includes(q))) return false;
    if (filters["f-bloc"].value && (!r.bloc || r.bloc.name !== filters["f-bloc"].value)) return false;
    if (filters["f-province"].value && (!r.bloc || r.bloc.province !== filters["f-province"].value)) return false;
    if (filters["f-year"].value && year(d) !== filters["f-year"].value) return false;
    if (filters["f-type"].value && (!r.meeting || r.meeting.type !== filters["f-type"].value)) return false;
    const m = filters["f-missing"].value;
    if (m === "has warnings" && !((r.warnings || []).length || d.error)) return false;
    if (m === "missing date" && r.meeting && r.meeting.date) return false;
    if (m === "missing members" && r.bloc && r.bloc.members.length) return false;
    if (m === "missing decisions" && r.decisions && r.decisions.length) return false;
    if (m === "corrected" && !corrected(d)) return false;
    return true;
  };
  const applyFilters = () => {
    shown = [];
    for (let i = 0; i < docs.length; ++i) if (passes(docs[i])) shown.push(i);
    table.style.height = shown.length * ROW + "px";
    renderRows();
    status(shown.length + " of " + docs.length + " documents");
  };
  [search, ...Object.values(filters)].forEach((c) => c.addEventListener("input", applyFilters));
  table.addEventListener("click", (e) => {
    const row = e.target.closest(".row");
    if (row) open(Number(row.dataset.i));
  });

  // --- the text, with every grounded value highlighted in its field's colour
  const renderText = (d) => {
    text.textContent = "";
    if (!d.text) { text.append(el("p", { text: d.error || "no text" })); return; }
    const hl = (d.hl || []).slice();
    // cut the text at every highlight's ends; a piece takes the innermost highlight that covers it
    const cuts = new Set([0, d.text.length]);
    for (const h of hl) { cuts.add(h[0]); cuts.add(h[1]); }
    const points = [...cuts].sort((a, b) => a - b);
    const rules = (d.record && d.record.explain) || {};
    for (let k = 0; k + 1 < points.length; ++k) {
      const a = points[k], b = points[k + 1];
      const piece = d.text.slice(a, b);
      const over = hl.filter((h) => h[0] <= a && b <= h[1] && h[0] < h[1]);
      if (!over.length) { text.append(document.createTextNode(piece)); continue; }
      over.sort((x, y) => (x[1] - x[0]) - (y[1] - y[0]));
      const inner = over[0];
      const title = over.map((h) => (FIELD_NAMES[h[3]] || h[3]) + ": " + h[2] + (rules[h[2]] ? ", rule " + rules[h[2]] : ""))
        .join("; ");
      text.append(el("mark", { class: fieldClass(inner[3]), title, "data-path": inner[2] }, piece));
    }
  };
  const flash = (path) => {
    const marks = text.querySelectorAll("mark");
    let first = null;
    for (const m of marks) {
      if (m.dataset.path !== path) continue;
      if (!first) first = m;
      m.classList.add("flash");
      setTimeout(() => m.classList.remove("flash"), 1200);
    }
    if (first) first.scrollIntoView({ block: "center" });
    return !!first;
  };

  // --- the record, each value with its corrections
  // A value's row: click shows it in the text; "edit" (e), "wrong" (w: kept, struck through, left out
  // of the exported gold; again to undo) and "×" (Delete: removed).
  const valueRow = (d, label, path, shownText, kind, onEdit, onDelete, state, onWrong) => {
    const row = el("div", { class: "value" + (state ? " " + state : ""), tabindex: "0", "data-path": path });
    const v = el("span", { class: "v", text: shownText == null ? "—" : shownText, title: "show in the text" });
    row.append(el("span", { class: "kind", text: kind || "" }), v);
    if (onEdit) row.append(el("button", { type: "button", class: "edit", text: "edit", title: "edit (e)" }));
    if (onWrong) row.append(el("button", { type: "button", class: "wrong", text: "wrong", title: "mark wrong (w)" }));
    if (onDelete) row.append(el("button", { type: "button", class: "delete", text: "×", title: "remove (Delete)" }));
    row.addEventListener("click", (e) => {
      if (e.target.classList.contains("edit")) onEdit();
      else if (e.target.classList.contains("wrong")) onWrong();
      else if (e.target.classList.contains("delete")) onDelete();
      else flash(path);
    });
    row.addEventListener("keydown", (e) => {
      if (e.key === "e" && onEdit) { e.preventDefault(); onEdit(); }
      else if (e.key === "w" && onWrong) { e.preventDefault(); onWrong(); }
      else if ((e.key === "Delete" || e.key === "Backspace") && onDelete) { e.preventDefault(); onDelete(); }
      else if (e.key === "Enter") flash(path);
    });
    return row;
  };
  const ask = (label, value) => window.prompt(label, value == null ? "" : value);
  let focusPath = null;  // the value row to focus again after a correction redraws the record
  const renderRecord = (d) => {
    record.textContent = "";
    const legend = el("div", { id: "legend" });
    for (const [f, name] of FIELDS) legend.append(el("span", { class: fieldClass(f), text: name }));
    record.append(legend);
    if (!d.record) { record.append(el("p", { text: d.error })); return; }
    const r = recordOf(d), edited = !!corrected(d);
    const change = (fn) => {
      const rec = editable(d);
      fn(rec);
      save(d, rec);
      focusPath = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.path : null;
      renderRecord(d);
      applyFilters();
    };
    const section = (title) => record.append(el("h2", { text: title }));
    section("Meeting");
    for (const k of ["date", "type", "period", "location", "time_of_day"]) {
      record.append(valueRow(d, k, "meeting", r.meeting[k], k,
        () => { const v = ask("meeting." + k, r.meeting[k]); if (v !== null) change((rec) => { rec.meeting[k] = v || null; }); },
        null, edited && r.meeting[k] !== d.record.meeting[k] ? "edited" : ""));
    }
    section("Bloc");
    for (const k of ["name", "kind", "number", "province"]) {
      record.append(valueRow(d, k, "bloc", r.bloc[k], k,
        () => { const v = ask("bloc." + k, r.bloc[k]); if (v !== null) change((rec) => { rec.bloc[k] = v || null; }); },
        null, edited && r.bloc[k] !== d.record.bloc[k] ? "edited" : ""));
    }
    const listSection = (title, items, path, label, kindOf, set) => {
      section(title + " (" + items.length + ")");
      items.forEach((item, i) => {
        const items_of = (rec) => path.split(".").reduce((o, k) => o[k], rec);
        const row = valueRow(d, label, path + "[" + i + "]", label(item), kindOf(item),
          () => { const v = ask(title, label(item)); if (v !== null) change((rec) => set(rec, i, v)); },
          () => change((rec) => { items_of(rec).splice(i, 1); }), item._wrong ? "wrong" : "",
          () => change((rec) => { const x = items_of(rec)[i]; if (x._wrong) delete x._wrong; else x._wrong = true; }));
        record.append(row);
        if (focusPath === path + "[" + i + "]") row.focus();
      });
    };
    listSection("Members", r.bloc.members, "bloc.members", (m) => m.name, (m) => m.role || "",
      (rec, i, v) => { rec.bloc.members[i].name = v; delete rec.bloc.members[i].at; });
    listSection("People", r.people, "people", (p) => p.name, (p) => (p.roles || []).join(", "),
      (rec, i, v) => { rec.people[i].name = v; delete rec.people[i].at; });
    listSection("Decisions", r.decisions, "decisions", (x) => x.text, (x) => x.kind,
      (rec, i, v) => {
        rec.decisions[i].text = v;
        delete rec.decisions[i].at;
        const kind = ask("kind: " + KINDS.join(", "), rec.decisions[i].kind);
        if (KINDS.includes(kind)) rec.decisions[i].kind = kind;
      });
    listSection("Documents", r.documents, "documents", (x) => [x.kind, x.number].filter(Boolean).join(" "), (x) => x.date || "",
      (rec, i, v) => { rec.documents[i].number = v; });
    if ((r.warnings || []).length) {
      section("Warnings");
      for (const w of r.warnings) record.append(el("div", { class: "value" }, el("span", { class: "v", text: w.code + ": " + w.message })));
    }
    // add the selected text as a value
    const what = el("select", { id: "add-field", "aria-label": "field to add to" });
    for (const [f, name] of ADDABLE) what.append(el("option", { value: f, text: name }));
    const add = el("button", { type: "button", id: "add", text: "Add selected text" });
    add.addEventListener("click", () => addSelection(d, what.value));
    record.append(el("div", { id: "addbar" }, what, add));
    if (edited) {
      const undo = el("button", { type: "button", id: "undo", text: "Undo all corrections" });
      undo.addEventListener("click", () => { localStorage.removeItem(storeKey(d)); renderRecord(d); applyFilters(); });
      record.append(undo);
    }
  };
  const addSelection = (d, field) => {
    const sel = window.getSelection();
    const value = sel ? sel.toString().replace(/\s+/g, " ").trim() : "";
    if (!value) { status("select some text of the article first"); return; }
    const rec = editable(d);
    if (field === "bloc.members") rec.bloc.members.push({ name: value, role: null });
    else if (field === "people") rec.people.push({ name: value, title: null, organization: null, roles: [] });
    else if (field === "decisions") {
      const kind = ask("kind: " + KINDS.join(", "), "agreed");
      if (!KINDS.includes(kind)) { status("a decision's kind is one of " + KINDS.join(", ")); return; }
      rec.decisions.push({ kind, text: value });
    }
    else if (field === "meeting.date") rec.meeting.date = value;
    save(d, rec);
    renderRecord(d);
    applyFilters();
    status("added to " + field + ": " + value);
  };

  const open = (i) => {
    if (i < 0 || i >= docs.length) return;
    current = i;
    const d = docs[i];
    const k = shown.indexOf(i);  // keep its row in view
    if (k >= 0 && (k * ROW < list.scrollTop || (k + 1) * ROW > list.scrollTop + list.clientHeight))
      list.scrollTop = Math.max(0, k * ROW - list.clientHeight / 2);
    renderRows();
    renderText(d);
    renderRecord(d);
    history.replaceState(null, "", "#" + encodeURIComponent(d.file));
  };
  const step = (by) => {
    if (!shown.length) return;
    const at = shown.indexOf(current);
    open(shown[Math.max(0, Math.min(shown.length - 1, at < 0 ? 0 : at + by))]);
  };
  let mark = -1;
  const stepMark = (by) => {
    const marks = text.querySelectorAll("mark");
    if (!marks.length) return;
    mark = (mark + by + marks.length) % marks.length;
    flash(marks[mark].dataset.path);
    marks[mark].scrollIntoView({ block: "center" });
  };
  document.addEventListener("keydown", (e) => {
    if (e.target.matches("input, select, textarea")) return;
    if (e.key === "j" || e.key === "ArrowDown" && e.altKey) step(1);
    else if (e.key === "k" || e.key === "ArrowUp" && e.altKey) step(-1);
    else if (e.key === "n") stepMark(1);
    else if (e.key === "p") stepMark(-1);
    else if (e.key === "/") { e.preventDefault(); search.focus(); }
  });

  // --- export: every corrected record as NAME.gold.json, in one zip (stored, no compression)
  const crcTable = (() => {
    const t = new Uint32Array(256);
    for (let n = 0; n < 256; ++n) { let c = n; for (let k = 0; k < 8; ++k) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1; t[n] = c >>> 0; }
    return t;
  })();
  const crc32 = (bytes) => { let c = 0xFFFFFFFF; for (const b of bytes) c = crcTable[(c ^ b) & 0xFF] ^ (c >>> 8); return (c ^ 0xFFFFFFFF) >>> 0; };
  const zip = (files) => {
    const enc = new TextEncoder(), parts = [], central = [];
    let offset = 0;
    const u16 = (v) => [v & 255, (v >>> 8) & 255], u32 = (v) => [v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255];
    for (const [name, content] of files) {
      const n = enc.encode(name), data = enc.encode(content), crc = crc32(data);
      const common = [...u16(20), ...u16(0x0800), ...u16(0), ...u16(0), ...u16(0x21), ...u32(crc), ...u32(data.length), ...u32(data.length), ...u16(n.length), ...u16(0)];
      const local = new Uint8Array([...u32(0x04034b50), ...common]);
      parts.push(local, n, data);
      central.push(new Uint8Array([...u32(0x02014b50), ...u16(20), ...common, ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(offset)]), n);
      offset += local.length + n.length + data.length;
    }
    const size = central.reduce((s, p) => s + p.length, 0);
    const end = new Uint8Array([...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(files.length), ...u16(files.length), ...u32(size), ...u32(offset), ...u16(0)]);
    return new Blob([...parts, ...central, end], { type: "application/zip" });
  };
  const goldName = (file) => file.replace(/^.*[\\/]/, "").replace(/\.(txt|html?)$/i, "") + ".gold.json";
  document.getElementById("export").addEventListener("click", () => {
    const files = [];
    for (const d of docs) {
      const r = corrected(d);
      if (!r) continue;
      const gold = JSON.parse(JSON.stringify(r));
      delete gold.explain;
      // values marked wrong are not gold
      for (const list of [gold.bloc.members, gold.people, gold.decisions, gold.documents])
        for (let k = list.length; k-- > 0;) if (list[k]._wrong) list.splice(k, 1);
      gold.chairpersons = gold.people.filter((p) => (p.roles || []).includes("chair"))
        .map((p) => ({ name: p.name, title: p.title, organization: p.organization }));
      files.push([goldName(d.file), JSON.stringify(gold, null, 2) + "\n"]);
    }
    if (!files.length) { status("no corrections to export"); return; }
    const a = el("a", { href: URL.createObjectURL(zip(files)), download: "thidua-gold.zip" });
    document.body.append(a);
    a.click();
    a.remove();
    status("exported " + files.length + " gold record(s)");
  });

  applyFilters();
  const wanted = decodeURIComponent(location.hash.slice(1));
  const start = docs.findIndex((d) => d.file === wanted);
  open(start >= 0 ? start : shown.length ? shown[0] : 0);
  window.thiduaReview = { docs, open, flash, corrected, shown: () => shown.slice() };  // for tests and the console
})();
