// 行政应诉规则网页: builds the case form from /web/api/form, shows the decision, the comparison
// and the docket. All words come from the server (yingsu.presentation); nothing is loaded from outside.
"use strict";
(function () {
  const $ = (sel) => document.querySelector(sel);
  const el = (tag, attrs, ...kids) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v; else if (k === "text") e.textContent = v; else e.setAttribute(k, v);
    }
    for (const k of kids) if (k != null) e.append(k);
    return e;
  };
  let form = null;

  // ---- tabs --------------------------------------------------------------------------------
  function show(tab) {
    for (const b of document.querySelectorAll(".tab")) b.classList.toggle("active", b.dataset.tab === tab);
    for (const p of document.querySelectorAll(".page")) p.hidden = p.id !== "page-" + tab;
  }
  for (const b of document.querySelectorAll(".tab")) b.addEventListener("click", () => {
    show(b.dataset.tab);
    if (b.dataset.tab === "compare") runCompare();
  });

  // ---- the form ----------------------------------------------------------------------------
  function input(f) {
    const id = "f-" + f.path.replace(/\./g, "-");
    const wrap = el("div", { class: "field", "data-path": f.path });
    const lab = el("label", { for: id, text: f.label + (f.required ? "（必填）" : "") });
    let control;
    if (f.type === "choice") {
      control = el("select", { id, name: f.path });
      control.append(el("option", { value: "", text: "（未填写）" }));
      for (const c of f.choices) control.append(el("option", { value: c.value, text: c.label }));
    } else if (f.type === "yesno") {
      control = el("select", { id, name: f.path, "data-kind": "yesno" });
      for (const [v, t] of [["", "（未填写）"], ["true", "是"], ["false", "否"]]) control.append(el("option", { value: v, text: t }));
    } else if (f.type === "date") {
      control = el("input", { id, name: f.path, type: "date" });
    } else if (f.type === "integer") {
      control = el("input", { id, name: f.path, type: "number", min: String(f.min || 0), step: "1", "data-kind": "integer" });
    } else if (f.type === "lines") {
      control = el("textarea", { id, name: f.path, rows: "2", "data-kind": "lines", placeholder: "每行一个" });
    } else if (f.type === "multi") {
      control = el("div", { class: "multi", id, "data-kind": "multi", "data-path": f.path });
      for (const c of f.choices) {
        control.append(el("label", {}, el("input", { type: "checkbox", value: c.value, name: f.path }), " " + c.label));
      }
    } else {
      control = el("input", { id, name: f.path, type: "text" });
    }
    wrap.append(lab, control, el("span", { class: "help", text: f.help }), el("span", { class: "error" }));
    return wrap;
  }

  function group(f) {
    const fs = el("div", { class: "grid" });
    for (const sub of f.fields) fs.append(sub.type === "group" ? group(sub) : input(sub));
    return fs;
  }

  function repeat(f) {
    const box = el("div", { class: "repeat", "data-path": f.path });
    const rows = el("div", {});
    const add = el("button", { type: "button", class: "secondary", text: "添加一项" + f.label });
    add.addEventListener("click", () => {
      const row = el("div", { class: "repeat-row grid" });
      for (const sub of f.fields) row.append(input(sub));
      const del = el("button", { type: "button", class: "secondary", text: "删除" });
      del.addEventListener("click", () => row.remove());
      row.append(del);
      rows.append(row);
    });
    box.append(el("div", { class: "help", text: f.label + "：" + f.help }), rows, add);
    return box;
  }

  function buildForm(spec) {
    const root = $("#form-fields");
    root.textContent = "";
    for (const s of spec.sections) {
      const fs = el("fieldset", {}, el("legend", { text: s.title }));
      const grid = el("div", { class: "grid" });
      for (const f of s.fields) {
        if (f.type === "group") fs.append(group(f));
        else if (f.type === "repeat") fs.append(repeat(f));
        else grid.append(input(f));
      }
      if (grid.childElementCount) fs.append(grid);
      root.append(fs);
    }
  }

  function setPath(obj, path, value) {
    const parts = path.split(".");
    let o = obj;
    for (const p of parts.slice(0, -1)) o = o[p] = o[p] || {};
    o[parts[parts.length - 1]] = value;
  }

  function valueOf(control) {
    const kind = control.dataset.kind;
    if (kind === "multi") {
      const v = [...control.querySelectorAll("input:checked")].map((c) => c.value);
      return v.length ? v : undefined;
    }
    const raw = control.value.trim();
    if (raw === "") return undefined;
    if (kind === "yesno") return raw === "true";
    if (kind === "integer") return /^-?\d+$/.test(raw) ? Number(raw) : raw;
    if (kind === "lines") return raw.split(/\n+/).map((s) => s.trim()).filter(Boolean);
    return raw;
  }

  function collect() {
    const c = {};
    const root = $("#form-fields");
    for (const f of root.querySelectorAll(".field")) {
      if (f.closest(".repeat")) continue;
      const control = f.querySelector("select, input:not([type=checkbox]), textarea, .multi");
      const v = valueOf(control);
      if (v !== undefined) setPath(c, f.dataset.path, v);
    }
    for (const r of root.querySelectorAll(".repeat")) {
      const items = [];
      for (const row of r.querySelectorAll(".repeat-row")) {
        const item = {};
        for (const f of row.querySelectorAll(".field")) {
          const v = valueOf(f.querySelector("select, input, textarea"));
          if (v !== undefined) item[f.dataset.path.split(".").pop()] = v;
        }
        if (Object.keys(item).length) items.push(item);
      }
      if (items.length) c[r.dataset.path] = items;
    }
    return c;
  }

  function clearProblems() {
    for (const f of document.querySelectorAll(".field.invalid")) {
      f.classList.remove("invalid");
      f.querySelector(".error").textContent = "";
    }
  }

  function showProblems(box, data) {
    box.hidden = false;
    box.textContent = "";
    box.append(el("strong", { text: data.message || "出错了" }));
    const ul = el("ul", {});
    for (const p of data.problems || []) {
      const line = p.field ? `${p.label}：${p.message}（${p.field}）` : p.message;
      ul.append(el("li", { text: line }));
      const f = p.field && document.querySelector(`.field[data-path="${p.field}"]`);
      if (f) { f.classList.add("invalid"); f.querySelector(".error").textContent = p.message; }
    }
    box.append(ul);
  }

  async function post(url, body) {
    const r = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const data = await r.json();
    return { ok: r.ok, data };
  }

  // ---- the decision ------------------------------------------------------------------------
  function basisList(list) {
    const out = el("div", {});
    for (const c of list || []) if (c) out.append(el("div", { class: "basis" }, el("span", { class: "head", text: "依据" + c.head }), "“" + c.quote + "”"));
    return out;
  }

  function renderDecision(v) {
    const a = $("#decision");
    a.textContent = "";
    a.hidden = false;
    a.append(el("h2", { text: "应诉决定（" + v.city + "）" }),
      el("div", { class: "meta", text: v.ruleset }),
      el("div", { class: "meta", text: "计算日期：" + v.today }));
    const tools = el("div", { class: "no-print actions" });
    const pr = el("button", { type: "button", id: "print", text: "打印（A4）" });
    pr.addEventListener("click", () => window.print());
    tools.append(pr);
    a.append(tools);

    a.append(el("h3", { text: "一、应诉承办单位" }));
    const u = el("div", { class: "item", id: "undertaking" });
    for (const t of v.undertaking.units) u.append(el("div", { class: "finding", text: t }));
    if (v.undertaking.designated) u.append(el("div", { class: "finding", text: v.undertaking.designated }));
    u.append(basisList(v.undertaking.basis));
    a.append(u);

    a.append(el("h3", { text: "二、负责人出庭" }));
    const ap = el("div", { class: "item", id: "appearance" },
      el("div", { class: "finding", text: v.appearance.level }));
    if (v.appearance.who) ap.append(el("div", { text: "出庭人：" + v.appearance.who }));
    ap.append(basisList(v.appearance.basis));
    if (v.appearance.who_basis) ap.append(basisList([v.appearance.who_basis]));
    a.append(ap);

    a.append(el("h3", { text: "三、期限" }));
    const dl = el("div", { id: "deadlines" });
    for (const d of v.deadlines) {
      const left = el("span", { class: d.overdue ? "overdue" : "", text: d.days_left });
      const item = el("div", { class: "item deadline" },
        el("div", { class: "finding" }, d.title + "：" + d.due + "（", left, d.provisional ? "；暂定" : "", "）"),
        el("div", { class: "basis", text: "计算：" + d.counting }),
        basisList([d.basis]));
      if (d.provisional) item.classList.add("provisional");
      dl.append(item);
    }
    for (const p of v.pending) dl.append(el("div", { class: "item", text: p }));
    if (!v.deadlines.length && !v.pending.length) dl.append(el("div", { text: "无" }));
    a.append(dl);

    a.append(el("h3", { text: "四、是否败诉" }));
    a.append(el("div", { class: "item", id: "loss" }, el("div", { class: "finding", text: v.loss.verdict }), basisList(v.loss.basis)));

    if (v.warnings.length || v.notes.length) {
      a.append(el("h3", { text: "提示" }));
      const n = el("ul", { id: "notes" });
      for (const w of v.warnings) n.append(el("li", { class: "warning", text: w }));
      for (const x of v.notes) n.append(el("li", { text: x.head + " " + x.text }));
      a.append(n);
    }
  }

  async function decide(ev) {
    if (ev) ev.preventDefault();
    clearProblems();
    $("#problems").hidden = true;
    const body = { case: collect() };
    if ($("#today").value) body.today = $("#today").value;
    const r = await post("/web/api/decision", body);
    if (!r.ok) { $("#decision").hidden = true; showProblems($("#problems"), r.data); return; }
    renderDecision(r.data.view);
  }

  // ---- compare -----------------------------------------------------------------------------
  async function runCompare() {
    const box = $("#compare");
    const probs = $("#compare-problems");
    probs.hidden = true;
    const body = { case: collect() };
    if ($("#today").value) body.today = $("#today").value;
    if (!body.case.city) body.case.city = form.sections[0].fields[0].choices[0].value; // any city: all five are shown
    const r = await post("/web/api/compare", body);
    box.textContent = "";
    if (!r.ok) { showProblems(probs, r.data); return; }
    const t = el("table", { id: "compare-table" });
    const head = el("tr", {}, el("th", { text: "" }));
    for (const c of r.data.cities) head.append(el("th", { text: c }));
    t.append(head);
    for (const row of r.data.rows) {
      const tr = el("tr", { class: row.differs ? "differs" : "" }, el("th", { text: row.label }));
      for (const c of row.cells) tr.append(el("td", {}, c.value, c.ref ? el("span", { class: "ref", text: "〔" + c.ref + "〕" }) : null));
      t.append(tr);
    }
    box.append(t);
  }

  // ---- docket ------------------------------------------------------------------------------
  let uploaded = null;
  function docketUrl(path) {
    const q = new URLSearchParams({ name: uploaded.name });
    if ($("#docket-today").value) q.set("today", $("#docket-today").value);
    return path + "?" + q.toString();
  }

  async function download(path, filename) {
    const r = await fetch(docketUrl(path), { method: "POST", body: uploaded.bytes });
    if (!r.ok) { showProblems($("#docket-problems"), await r.json()); return; }
    const blob = await r.blob();
    const a = el("a", { href: URL.createObjectURL(blob), download: filename });
    document.body.append(a); a.click(); a.remove();
  }

  function renderDocket(v) {
    const box = $("#docket");
    box.textContent = "";
    const cities = Object.entries(v.by_city).map(([c, n]) => c + " " + n + " 件").join("、");
    box.append(el("h2", { text: "案件清单：共 " + v.cases + " 件（" + cities + "）" }),
      el("div", { class: "meta", text: "今天：" + v.today + "；期限 " + v.agenda.length + " 项，其中已过届满日 " + v.overdue + " 项；待定 " + v.pending + " 项" }));
    const dls = el("div", { class: "downloads" });
    const ics = el("button", { type: "button", id: "download-ics", text: "下载日历（.ics）" });
    ics.addEventListener("click", () => download("/web/api/docket.ics", "行政应诉期限.ics"));
    const xl = el("button", { type: "button", id: "download-xlsx", text: "下载期限表（Excel）" });
    xl.addEventListener("click", () => download("/web/api/docket.xlsx", "行政应诉期限.xlsx"));
    dls.append(ics, xl);
    box.append(dls);

    box.append(el("h3", { text: "年度指标与目标" }));
    const chart = el("div", { class: "card", id: "chart" });
    chart.innerHTML = v.chart; // SVG made by the server from the figures (yingsu.web.chart)
    box.append(chart);
    const ft = el("table", { id: "figures" });
    ft.append(el("tr", {}, ...["城市", "年度", "指标", "数值", "分子/分母", "目标", "结论", "依据"].map((h) => el("th", { text: h }))));
    for (const g of v.groups) for (const f of g.figures) {
      ft.append(el("tr", {}, el("td", { text: g.city }), el("td", { text: String(g.year) }),
        el("td", {}, f.title, f.cannot ? el("span", { class: "ref", text: f.cannot }) : null),
        el("td", { text: f.value }), el("td", { text: f.counts }), el("td", { text: f.target }),
        el("td", { class: "status-" + f.status_id, text: f.status }), el("td", { text: f.basis ? f.basis.head : "" })));
    }
    box.append(ft);

    box.append(el("h3", { text: "期限日程" }));
    const at = el("table", { id: "agenda" });
    at.append(el("tr", {}, ...["截止日期", "剩余", "城市", "案件", "事项", "承办单位", "依据"].map((h) => el("th", { text: h }))));
    for (const a of v.agenda) {
      at.append(el("tr", {}, el("td", { text: a.due + (a.provisional ? "（暂定）" : "") }),
        el("td", { class: a.overdue ? "overdue" : "", text: a.days_left }), el("td", { text: a.city }),
        el("td", { text: a.case }), el("td", { text: a.title }), el("td", { text: a.units }), el("td", { text: a.basis })));
    }
    box.append(el("div", { class: "scroll" }, at));
    if (v.warnings.length || v.notes.length) {
      box.append(el("h3", { text: "提示" }));
      const ul = el("ul", {});
      for (const w of [...v.notes, ...v.warnings]) ul.append(el("li", { text: w }));
      box.append(ul);
    }
  }

  async function readDocket(ev) {
    ev.preventDefault();
    const probs = $("#docket-problems");
    probs.hidden = true;
    const file = $("#docket-file").files[0];
    if (!file) { showProblems(probs, { message: "请先选择案件清单文件" }); return; }
    uploaded = { name: file.name, bytes: await file.arrayBuffer() };
    $("#docket").textContent = "正在计算…";
    const r = await fetch(docketUrl("/web/api/docket"), { method: "POST", body: uploaded.bytes });
    const data = await r.json();
    if (!r.ok) { $("#docket").textContent = ""; showProblems(probs, data); return; }
    renderDocket(data);
  }

  // ---- start -------------------------------------------------------------------------------
  $("#case-form").addEventListener("submit", decide);
  $("#compare-button").addEventListener("click", () => { show("compare"); runCompare(); });
  $("#docket-form").addEventListener("submit", readDocket);
  $("#docket-file").addEventListener("change", () => {
    const f = $("#docket-file").files[0];
    $("#docket-file-name").textContent = f ? f.name : "未选择文件";
  });
  fetch("/web/api/form").then((r) => r.json()).then((spec) => { form = spec; buildForm(spec); document.body.dataset.ready = "1"; });
})();
