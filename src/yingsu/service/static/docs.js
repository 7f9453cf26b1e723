// Renders /openapi.json: operations with parameters and responses, a form to try each one,
// and every schema's properties with their titles and descriptions. No outside resources.
"use strict";
(function () {
  const el = (tag, attrs, ...kids) => {
    const n = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => (k === "class" ? (n.className = v) : n.setAttribute(k, v)));
    kids.flat().forEach((k) => n.append(k instanceof Node ? k : document.createTextNode(String(k ?? ""))));
    return n;
  };
  const refName = (s) => (s && s.$ref ? s.$ref.split("/").pop() : null);

  function schemaLink(s) {
    const name = refName(s);
    if (name) return el("a", { href: "#schema-" + name }, name);
    if (s && s.type === "array" && s.items) return el("span", {}, "[", schemaLink(s.items), "]");
    return el("code", {}, s ? s.type || "…" : "");
  }

  function operation(path, method, op) {
    const box = el("div", { class: "op", id: "op-" + method + path });
    box.append(el("div", {}, el("span", { class: "method " + method.toUpperCase() }, method.toUpperCase()),
      el("span", { class: "path" }, path), " — ", op.summary || ""));
    const params = op.parameters || [];
    if (params.length) {
      const t = el("table", {}, el("tr", {}, el("th", {}, "参数"), el("th", {}, "位置"), el("th", {}, "说明")));
      params.forEach((p) => t.append(el("tr", {}, el("td", {}, el("code", {}, p.name)), el("td", {}, p.in),
        el("td", {}, (p.description || (p.schema && p.schema.description) || "")))));
      box.append(t);
    }
    const body = op.requestBody && op.requestBody.content;
    if (body) {
      const types = Object.keys(body);
      box.append(el("div", {}, "请求体 body: ", types.map((mt) => el("span", {}, el("code", {}, mt), " ", schemaLink(body[mt].schema), "；"))));
    }
    const rt = el("table", {}, el("tr", {}, el("th", {}, "状态"), el("th", {}, "说明"), el("th", {}, "内容")));
    const rows = [];  // statuses with the same answer share a row (every error is a Problem)
    Object.entries(op.responses || {}).forEach(([code, r]) => {
      const key = JSON.stringify([r.description, r.content]);
      const row = rows.find((x) => x.key === key);
      if (row) row.codes.push(code); else rows.push({ key, codes: [code], r });
    });
    rows.forEach(({ codes, r }) => {
      const content = r.content || {};
      rt.append(el("tr", {}, el("td", {}, codes.join(", ")), el("td", {}, r.description || ""),
        el("td", {}, Object.entries(content).map(([mt, c]) => el("span", {}, el("code", {}, mt), " ", schemaLink(c.schema), " ")))));
    });
    box.append(rt);
    box.append(tryIt(path, method, params, body));
    return box;
  }

  function tryIt(path, method, params, body) {
    const wrap = el("details", {}, el("summary", {}, "试一试 try it"));
    const inputs = {};
    params.forEach((p) => {
      const i = el("input", { placeholder: p.name });
      inputs[p.name] = [p, i];
      wrap.append(el("label", {}, p.name + " ", i), " ");
    });
    let area = null, mtSel = null;
    if (body) {
      mtSel = el("select", {}, Object.keys(body).map((mt) => el("option", { value: mt }, mt)));
      area = el("textarea", { spellcheck: "false" });
      const example = { city: firstCity, defendant: { kind: "government" }, events: { served: "2026-03-02" } };
      area.value = path.endsWith("/evaluate") ? JSON.stringify(example) : "";
      wrap.append(el("div", {}, mtSel), area);
    }
    const out = el("pre", {});
    const go = el("button", { type: "button" }, "发送 send");
    go.addEventListener("click", async () => {
      let url = path;
      const query = new URLSearchParams();
      Object.values(inputs).forEach(([p, i]) => {
        if (!i.value) return;
        if (p.in === "path") url = url.replace("{" + p.name + "}", encodeURIComponent(i.value));
        else query.set(p.name, i.value);
      });
      if ([...query].length) url += "?" + query;
      const init = { method: method.toUpperCase() };
      if (area) init.body = area.value, init.headers = { "Content-Type": mtSel.value };
      try {
        const r = await fetch(url, init);
        const text = await r.text();
        let shown = text;
        try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch (e) { /* not JSON */ }
        out.textContent = r.status + " " + (r.headers.get("content-type") || "") + "\n\n" + shown;
      } catch (e) { out.textContent = String(e); }
    });
    wrap.append(go, out);
    return wrap;
  }

  function schemaTable(name, s) {
    const box = el("div", { class: "op", id: "schema-" + name });
    box.append(el("h3", {}, name, s.title && s.title !== name ? " — " + s.title : ""));
    if (s.description) box.append(el("p", {}, s.description));
    if (s.enum) box.append(el("p", {}, "取值 values: ", s.enum.map((v) => el("code", {}, v + " "))));
    const props = s.properties || {};
    if (Object.keys(props).length) {
      const t = el("table", {}, el("tr", {}, el("th", {}, "字段 field"), el("th", {}, "类型 type"), el("th", {}, "名称 title"), el("th", {}, "说明 description")));
      Object.entries(props).forEach(([k, p]) => {
        const alt = (p.anyOf || []).find((x) => x.$ref || x.type !== "null") || p;
        t.append(el("tr", {}, el("td", {}, el("code", {}, k)), el("td", {}, schemaLink(alt)), el("td", {}, p.title || ""), el("td", {}, p.description || "")));
      });
      box.append(t);
    }
    return box;
  }

  let firstCity = "";  // the example case's city: the first the service has (no city is named here)
  fetch("/healthz").then((r) => r.json()).then((h) => { firstCity = (h.cities || [""])[0]; }).catch(() => {});
  fetch("/openapi.json").then((r) => r.json()).then((doc) => {
    document.title = doc.info.title + " " + doc.info.version;
    const ops = document.getElementById("ops");
    ops.replaceChildren(el("h2", {}, "接口 Endpoints"), el("p", {}, doc.info.description || ""));
    const toc = document.getElementById("toc");
    Object.entries(doc.paths).forEach(([path, item]) => Object.entries(item).forEach(([m, op]) => {
      ops.append(operation(path, m, op));
      toc.append(el("a", { href: "#op-" + m + path }, m.toUpperCase() + " " + path));
    }));
    const sc = document.getElementById("schemas");
    sc.append(el("h2", {}, "数据结构 Schemas"));
    Object.entries((doc.components || {}).schemas || {}).forEach(([n, s]) => sc.append(schemaTable(n, s)));
  }).catch((e) => { document.getElementById("ops").textContent = "无法读取 /openapi.json: " + e; });
})();
