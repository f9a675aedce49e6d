/* fzwriter's page: uploads files, asks the server (the same engine as the commands) and shows
   what it says. Text from files is only ever set as text, never as HTML. */
"use strict";

const $ = (sel) => document.querySelector(sel);
const SEV = { error: "错误", warning: "警告", info: "提示" };
const RANK = { error: 0, warning: 1, info: 2 };
let INFO = null;

function el(tag, attrs, ...kids) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const kid of kids) {
    if (kid === null || kid === undefined) continue;
    node.append(kid instanceof Node ? kid : String(kid));
  }
  return node;
}

async function call(path, options) {
  let res;
  try {
    res = await fetch(path, options);
  } catch (e) {
    throw new Error("无法连接 fzwriter 服务：它可能已停止（命令行窗口已关闭或按了 Ctrl-C）。请重新运行 fzwriter serve。");
  }
  let data = null;
  try { data = await res.json(); } catch (e) { /* not JSON */ }
  if (!res.ok) throw new Error((data && data.error) || `服务返回错误（${res.status}）`);
  return data;
}

function show(node, on) { node.hidden = !on; }
function alertIn(node, message) { node.textContent = message || ""; show(node, !!message); }

/* ------------------------------------------------------------------ tabs */

function route() {
  const hash = decodeURIComponent(location.hash.slice(1)) || "review";
  const [tab, ...rest] = hash.split("/");
  const name = ["review", "draft", "lists", "report"].includes(tab) ? tab : "review";
  document.querySelectorAll(".tab").forEach((s) => s.classList.toggle("current", s.id === name));
  document.querySelectorAll(".top nav a").forEach((a) =>
    a.classList.toggle("current", a.dataset.tab === (name === "report" ? "review" : name)));
  if (name === "report") openReport(rest[0], Number(rest[1]));
  if (name === "lists") loadLists();
  if (name === "review" && rest[0] && (!REVIEW || REVIEW.id !== rest[0])) watch(rest[0]);
}

/* ------------------------------------------------------------------ review: files in */

let REVIEW = null;  // the status of the review on show

function accepted(name) {
  const dot = name.lastIndexOf(".");
  return dot > 0 && INFO.suffixes.includes(name.slice(dot).toLowerCase());
}

async function entriesOf(entry, prefix, out) {
  if (entry.isFile) {
    const file = await new Promise((ok, bad) => entry.file(ok, bad));
    out.push({ file, name: prefix + entry.name, folder: prefix !== "" });
  } else if (entry.isDirectory) {
    const reader = entry.createReader();
    for (;;) {
      const batch = await new Promise((ok, bad) => reader.readEntries(ok, bad));
      if (!batch.length) break;
      for (const e of batch) await entriesOf(e, prefix + entry.name + "/", out);
    }
  }
}

async function dropped(event) {
  event.preventDefault();
  $("#drop").classList.remove("over");
  const items = [...(event.dataTransfer.items || [])];
  const out = [];
  if (items.length && items[0].webkitGetAsEntry) {
    const entries = items.map((i) => i.webkitGetAsEntry()).filter(Boolean);
    for (const e of entries) await entriesOf(e, "", out);
  } else {
    for (const file of event.dataTransfer.files) out.push({ file, name: file.name, folder: false });
  }
  review(out);
}

function picked(input, folder) {
  const out = [...input.files].map((file) => ({
    file, name: folder ? (file.webkitRelativePath || file.name) : file.name, folder,
  }));
  input.value = "";
  review(out);
}

async function upload(item) {
  const q = `name=${encodeURIComponent(item.name)}&folder=${item.folder ? 1 : 0}`;
  return call(`api/uploads?${q}`, { method: "PUT", body: item.file });
}

function progress(done, total, text) {
  show($("#progress"), true);
  $("#bar-fill").style.width = total ? `${Math.round((100 * done) / total)}%` : "0";
  $("#progress-text").textContent = text;
}

async function review(items) {
  alertIn($("#review-error"), "");
  // a picked folder sends only what lint would take from it; the server checks again
  const files = items.filter((i) => !i.folder || accepted(i.name));
  if (!files.length) {
    alertIn($("#review-error"), items.length
      ? `所选文件夹中没有可检查的报告文件（支持 ${INFO.suffixes.join("、")}）`
      : "没有选择文件");
    return;
  }
  show($("#results"), false);
  const ids = [];
  const refused = [];
  try {
    let previous = null;
    const prev = $("#r-previous").files[0];
    if (prev) {
      progress(0, 1, `上传上年报告 ${prev.name}`);
      previous = (await upload({ file: prev, name: prev.name, folder: false })).id;
    }
    for (let i = 0; i < files.length; i++) {
      progress(i, files.length, `上传 ${i + 1}/${files.length}：${files[i].name}`);
      try {
        const got = await upload(files[i]);
        if (got.id) ids.push(got.id);
      } catch (e) {
        if (/无法连接/.test(e.message)) throw e;
        refused.push(e.message);  // names the file already, as lint's messages do
      }
    }
    if (!ids.length) throw new Error(refused.join("\n") || "没有可检查的报告文件");
    const body = { files: ids, previous, year: $("#r-year").value.trim(), region: $("#r-region").value.trim() };
    const started = await call("api/reviews", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    });
    REFUSED = refused;
    history.replaceState(null, "", `#review/${started.id}`);
    await watch(started.id);
  } catch (e) {
    show($("#progress"), false);
    alertIn($("#review-error"), e.message);
  }
}

let REFUSED = [];

async function watch(id) {
  let after = "";  // the server answers as soon as another file is done
  for (;;) {
    let status;
    try {
      status = await call(`api/reviews/${id}${after}`);
    } catch (e) {
      show($("#progress"), false);
      alertIn($("#review-error"), e.message);
      return;
    }
    if (status.state === "done") {
      show($("#progress"), false);
      REVIEW = status;
      results(status);
      return;
    }
    if (status.state === "failed") {
      show($("#progress"), false);
      alertIn($("#review-error"), status.error);
      return;
    }
    const last = status.current ? `（刚完成：${status.current}）` : "";
    progress(status.done, status.total, status.state === "waiting"
      ? "等前一批检查完成后开始……"
      : `正在检查 ${status.done}/${status.total} 个文件${last}`);
    after = `?after=${status.done}`;
  }
}

/* ------------------------------------------------------------------ review: the batch table */

function results(status) {
  const s = status.summary;
  const parts = [`共 ${s.files} 个文件：错误 ${s.errors} 处，警告 ${s.warnings} 处，提示 ${s.infos} 处`];
  if (status.unread) parts.push(`${status.unread} 个文件无法读取`);
  if (status.skipped) parts.push(`${status.skipped} 个文件不像年度报告，已跳过`);
  $("#totals").textContent = parts.join("；") + "。" + (status.coverage ? status.coverage + "。" : "")
    + (status.seconds !== null ? ` 用时 ${status.seconds.toFixed(1)} 秒。` : "");
  $("#dl-xlsx").href = `api/reviews/${status.id}/summary.xlsx`;
  $("#dl-json").href = `api/reviews/${status.id}/result.json`;
  const notes = $("#notes");
  notes.replaceChildren(...[...REFUSED.map((r) => `未能上传：${r}`), ...status.notes].map((n) => el("li", { text: n })));
  $("#table").classList.toggle("no-reason", !status.rows.some((r) => r.cells[9]));
  const body = $("#table tbody");
  body.replaceChildren();
  for (const row of status.rows) {
    const c = row.cells;  // summary.rows: 文件 单位 年度 结论 错误 警告 缺少的部分 数字不一致 可核对 原因
    const figs = c[8] !== "" ? `${c[7]}/${c[8]}` : "";
    const open = () => { location.hash = `#report/${status.id}/${row.index}`; };
    const link = row.annotated
      ? el("a", { href: `api/reviews/${status.id}/files/${row.index}/annotated.docx`, download: "",
        onclick: (e) => e.stopPropagation(), text: "下载" })
      : "";
    body.append(el("tr", { onclick: open, "data-index": row.index },
      el("td", { class: "file", text: c[0] }), el("td", { text: c[1] }), el("td", { text: c[2] }),
      el("td", {}, el("span", { class: `verdict v${c[3]}`, text: c[3] })),
      el("td", { class: "num", text: c[4] }), el("td", { class: "num", text: c[5] }),
      el("td", { text: c[6] }), el("td", { class: "num", text: figs }), el("td", { text: c[9] }),
      el("td", {}, link)));
  }
  show($("#results"), true);
}

/* ------------------------------------------------------------------ one report */

let REPORT = null;

async function openReport(rid, k) {
  alertIn($("#rp-error"), "");
  $("#rp-text").replaceChildren(el("p", { class: "empty", text: "正在载入……" }));
  $("#rp-findings").replaceChildren();
  document.querySelector("#report .back").href = `#review/${rid}`;
  try {
    REPORT = await call(`api/reviews/${rid}/files/${k}`);
  } catch (e) {
    $("#rp-text").replaceChildren();
    alertIn($("#rp-error"), e.message);
    return;
  }
  REPORT.findings.forEach((f, i) => { f.id = i; });
  const r = REPORT;
  $("#rp-title").textContent = r.path;
  const meta = [];
  if (r.report) {
    if (r.report.region) meta.push(`地区/单位：${r.report.region}${r.sources && r.sources.region ? `（${r.sources.region}）` : ""}`);
    meta.push(r.report.year ? `年度：${r.report.year}年${r.sources && r.sources.year ? `（${r.sources.year}）` : ""}` : "年度：未能确定（可在选项中填写）");
  }
  if (r.previous) meta.push(`上年报告：${r.previous}`);
  meta.push(`结论：${r.verdict}`);
  if (r.coverage) meta.push(r.coverage);
  $("#rp-meta").textContent = meta.join("；");
  const docx = $("#rp-docx");
  docx.href = `api/reviews/${rid}/files/${k}/annotated.docx`;
  show(docx, r.annotated);
  alertIn($("#rp-error"), r.error || r.skipped || "");
  $("#rp-notes").replaceChildren(...[r.problem, ...(r.notes || [])].filter(Boolean).map((n) => el("li", { text: n })));
  for (const sev of Object.keys(SEV)) {
    document.querySelector(`#rp-filters [data-count=${sev}]`).textContent = r.findings.filter((f) => f.severity === sev).length;
    document.querySelector(`#rp-filters input[value=${sev}]`).checked = true;
  }
  const rules = new Map();
  for (const f of r.findings) rules.set(f.rule, { name: f.name, n: (rules.get(f.rule) || { n: 0 }).n + 1 });
  const select = $("#rp-rule");
  select.replaceChildren(el("option", { value: "", text: "全部规则" }),
    ...[...rules.keys()].sort().map((code) => el("option", { value: code, text: `${code} ${rules.get(code).name}（${rules.get(code).n}）` })));
  show($("#rp-filters"), !r.error && !r.skipped);
  drawReport();
}

function visible() {
  const sevs = new Set([...document.querySelectorAll("#rp-filters input:checked")].map((i) => i.value));
  const rule = $("#rp-rule").value;
  return REPORT.findings.filter((f) => sevs.has(f.severity) && (!rule || f.rule === rule));
}

function spanOf(f, text) {
  const { start, end } = f.location;
  if (end > start && end <= text.length) return [start, end];
  const at = f.evidence ? text.indexOf(f.evidence) : -1;
  if (at >= 0) return [at, at + f.evidence.length];
  return [0, text.length];  // the finding is about the paragraph as a whole
}

function drawReport() {
  const shown = visible();
  $("#rp-shown").textContent = `显示 ${shown.length} / ${REPORT.findings.length} 处`;
  const byPara = new Map();
  for (const f of shown) {
    const p = f.location.paragraph || 0;
    if (!byPara.has(p)) byPara.set(p, []);
    byPara.get(p).push(f);
  }
  const doc = $("#rp-text");
  const paras = REPORT.paragraphs.map((p, i) => paragraph(p, i + 1, byPara.get(i + 1) || []));
  doc.replaceChildren(...(paras.length ? paras : [el("p", { class: "empty", text: REPORT.error ? "" : "（没有正文）" })]));
  const aside = $("#rp-findings");
  const cards = shown.map(card);
  aside.replaceChildren(...(cards.length ? cards : [el("p", { class: "empty", text: REPORT.findings.length ? "没有符合筛选条件的问题" : "未发现问题" })]));
}

function frameRole(n) {
  const f = REPORT.frame || {};
  if (n === f.title) return "title";
  if (n === f.addressee) return "addressee";
  if (n === f.issuer || n === f.date) return "signoff";
  return "";
}

function paragraph(p, n, findings) {
  const cls = [p.level ? `h h${p.level}` : "", p.table ? "cell" : "", frameRole(n)].join(" ").trim();
  const node = el("p", { class: cls || null, id: `para-${n}` }, el("span", { class: "n", text: n }));
  const text = p.text;
  if (!findings.length) {
    node.append(text);
    return node;
  }
  const spans = findings.map((f) => [f, ...spanOf(f, text)]);
  const cuts = new Set([0, text.length]);
  for (const [, a, b] of spans) { cuts.add(a); cuts.add(b); }
  const points = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const over = spans.filter(([, s, e]) => s <= a && b <= e).map(([f]) => f);
    if (!over.length) { node.append(piece); continue; }
    const worst = over.reduce((w, f) => (RANK[f.severity] < RANK[w.severity] ? f : w));
    node.append(el("mark", {
      class: worst.severity, "data-findings": over.map((f) => f.id).join(" "),
      title: over.map((f) => `${f.rule} ${SEV[f.severity]}：${f.message}`).join("\n"),
      onclick: () => focusFinding(over[0].id),
    }, piece));
  }
  return node;
}

function card(f) {
  const where = f.location.paragraph ? `第${f.location.paragraph}段` : "全文";
  return el("div", { class: `finding ${f.severity}`, id: `finding-${f.id}`, "data-rule": f.rule,
    onclick: () => focusMark(f.id) },
  el("div", { class: "head" },
    el("span", { class: "code", text: f.rule }), el("span", { class: `badge ${f.severity}`, text: SEV[f.severity] }),
    el("span", { class: "name", text: f.name }), el("span", { class: "where", text: where })),
  el("p", { class: "message", text: f.message }),
  f.evidence ? el("p", { class: "evidence" }, el("span", { class: "label", text: "原文：" }), `“${f.evidence}”`) : null,
  f.suggestion ? el("p", { class: "suggestion" }, el("span", { class: "label", text: "建议：" }), f.suggestion) : null);
}

function flash(node) {
  node.classList.add("flash");
  setTimeout(() => node.classList.remove("flash"), 1400);
}

function focusMark(id) {
  const mark = [...document.querySelectorAll("#rp-text mark")].find((m) => m.dataset.findings.split(" ").includes(String(id)));
  const f = REPORT.findings[id];
  const target = mark || document.getElementById(`para-${f.location.paragraph}`);
  if (target) { target.scrollIntoView({ block: "center", behavior: "smooth" }); flash(target); }
  focusCard(id, false);
}

function focusFinding(id) { focusCard(id, true); }

function focusCard(id, scroll) {
  const node = document.getElementById(`finding-${id}`);
  if (!node) return;
  if (scroll) {  // within the findings' own scroll: the text stays where the reader is
    const aside = $("#rp-findings");
    const top = aside.scrollTop + node.getBoundingClientRect().top - aside.getBoundingClientRect().top - 4;
    aside.scrollTo({ top, behavior: "smooth" });
  }
  flash(node);
}

/* ------------------------------------------------------------------ draft */

async function draft(event) {
  event.preventDefault();
  const form = $("#draft-form");
  const button = $("#draft-go");
  alertIn($("#draft-error"), "");
  show($("#draft-result"), false);
  button.disabled = true;
  button.textContent = "正在生成……";
  try {
    const body = {};
    for (const key of ["region", "year", "level", "to", "issuer"]) body[key] = form.elements[key].value.trim();
    for (const key of ["template", "basis"]) {
      const file = form.elements[key].files[0];
      if (file) body[key] = (await upload({ file, name: file.name, folder: false })).id;
    }
    const made = await call("api/drafts", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    });
    $("#draft-lines").replaceChildren(...made.lines.map((line) => el("li", { text: line })));
    const link = $("#draft-download");
    link.href = `api/drafts/${made.id}/scaffold.docx`;
    link.textContent = `下载 ${made.name}`;
    show($("#draft-result"), true);
  } catch (e) {
    alertIn($("#draft-error"), e.message);
  } finally {
    button.disabled = false;
    button.textContent = "生成报告 .docx";
  }
}

/* ------------------------------------------------------------------ checklists */

let LISTS = false;

async function loadLists() {
  if (LISTS) return;
  let data;
  try {
    data = await call("api/checklists");
  } catch (e) {
    $("#ls-own").textContent = e.message;
    return;
  }
  LISTS = true;
  $("#ls-files").replaceChildren(...data.files.map((f) => el("li", {},
    el("span", { class: f.own ? "own" : "", text: f.own ? "自定义 " : "自带 " }), el("code", { text: f.name }),
    f.own ? ` ${f.path}` : "")));
  const own = $("#ls-own");
  own.replaceChildren(
    data.folder
      ? el("p", { text: `正在使用你自己的清单文件夹：${data.folder}（红字为其中的文件；没有的仍用自带的）。` })
      : el("p", { text: "现在全部使用 fzwriter 自带的清单。" }),
    el("p", {}, "要修改清单：在命令行运行 ", el("code", { text: "fzwriter checklists export 我的清单" }),
      " 复制一份，在启动 fzwriter serve 的文件夹里的 fzwriter.toml 中写一行 ",
      el("code", { text: 'checklists = "我的清单"' }),
      "，改好后运行 ", el("code", { text: "fzwriter rules --check" }), " 检验，再重新启动 fzwriter serve。"));
  const chosen = new Set(data.chosen);
  $("#ls-rules tbody").replaceChildren(...data.rules.map((r) => el("tr", { class: chosen.has(r.code) ? null : "off" },
    el("td", { text: r.code }), el("td", { text: r.name }),
    el("td", { text: r.set ? `${r.set}（本地设置，默认${r.severity}）` : r.severity }),
    el("td", { text: r.summary + (chosen.has(r.code) ? "" : "（未启用：见 fzwriter.toml 的 select/ignore）") }))));
  $("#ls-facts-year").textContent = data.year;
  $("#ls-facts-checked").textContent = data.checked;
  $("#ls-facts tbody").replaceChildren(...data.facts.map((f) => el("tr", {},
    el("td", { text: f.id }), el("td", { text: f.kind }), el("td", { text: f.years }),
    el("td", { class: f.instead ? null : "hint", text: f.instead || "（仍适用）" }), el("td", { text: f.source }))));
}

/* ------------------------------------------------------------------ start */

// a file input with the page's own Chinese button and the chosen name (the browser's says it in its own language)
function picker(input) {
  const name = el("span", { class: "chosen", text: "未选择" });
  const clear = el("button", { type: "button", class: "clear", title: "不用这个文件", text: "×", hidden: "" });
  const choose = el("button", { type: "button", text: "选择文件", onclick: () => input.click() });
  const sync = () => {
    const file = input.files[0];
    name.textContent = file ? file.name : "未选择";
    clear.hidden = !file;
  };
  clear.addEventListener("click", () => { input.value = ""; sync(); });
  input.addEventListener("change", sync);
  input.hidden = true;
  input.after(el("span", { class: "picker" }, choose, name, clear));
  input.form && input.form.addEventListener("reset", () => setTimeout(sync));
}

async function start() {
  try {
    INFO = await call("api/info");
  } catch (e) {
    alertIn($("#review-error"), e.message);
    return;
  }
  $("#version").textContent = `fzwriter ${INFO.version}` + (INFO.config ? `（使用 ${INFO.config} 中的设置）` : "");
  const others = INFO.suffixes.filter((s) => !INFO.drafts.includes(s));
  $("#accepted").textContent = `可检查 ${INFO.drafts.join("、")} 文件`
    + (others.length ? `；${others.join("、")} 会说明原因或如何转换` : "")
    + `；每个文件不超过 ${INFO.max_file_mb} MB`;
  $("#files").accept = INFO.suffixes.join(",");
  // last year's report is read as lint reads any report: .doc/.wps/.pdf too (converted on the server)
  $("#r-previous").accept = INFO.suffixes.join(",");
  const form = $("#draft-form");
  form.elements.basis.accept = INFO.suffixes.join(",");
  form.elements.year.value = INFO.year;
  form.elements.level.append(...INFO.levels.map((l) => el("option", { value: l, text: l })));
  document.querySelectorAll("input.pick").forEach(picker);
  $("#pick-files").addEventListener("click", () => $("#files").click());
  $("#pick-folder").addEventListener("click", () => $("#folder").click());
  $("#files").addEventListener("change", () => picked($("#files"), false));
  $("#folder").addEventListener("change", () => picked($("#folder"), true));
  const drop = $("#drop");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", dropped);
  // a file let go anywhere else must not make the browser leave the page to open it
  window.addEventListener("dragover", (e) => e.preventDefault());
  window.addEventListener("drop", (e) => e.preventDefault());
  document.querySelectorAll("#rp-filters input, #rp-rule").forEach((i) => i.addEventListener("change", drawReport));
  form.addEventListener("submit", draft);
  window.addEventListener("hashchange", route);
  route();
}

document.addEventListener("DOMContentLoaded", start);
