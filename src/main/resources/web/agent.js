// The agent page: keeps the case as a symptom document (the same shape as a YAML symptom file) and
// asks the service to diagnose it after every change. All the reasoning is the service's: this file
// only shows what POST /v1/diagnose answers and records what the agent clicks.
"use strict";

const page = {
  doc: {},              // the symptom document, e.g. {network: {vpn_active: true}, tried: [...]}
  skipped: new Set(),   // questions the viewer could not answer, by fact path
  diagnosis: null,
  fixTitles: {},        // fix id -> title, from GET /v1/knowledge
  fileName: "case.yaml",
  history: [],          // earlier versions of the case, newest last: what "Undo last step" goes back to
};

const $ = (id) => document.getElementById(id);

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// ---- talking to the service -------------------------------------------------------------------

class ServiceError extends Error {
  constructor(messages) {
    super(messages.join("\n"));
    this.messages = messages;
  }
}

// A service started with --tokens answers 401 without a token: the page then asks for one, once, and
// keeps it for this tab (sessionStorage), sending it as "Authorization: Bearer ..." with every call.
const TOKEN_KEY = "streamfix-token";
let tokenAsked = null; // the pending question, shared by calls that meet a 401 at the same time

function askForToken(rejected) {
  if (!tokenAsked) {
    tokenAsked = new Promise((resolve) => {
      const form = $("token-form");
      $("token-why").textContent = rejected
        ? "The service did not accept that token (it may have been rotated). Ask its operator for a current one."
        : "This service asks for an API token. Ask its operator for one (they make it with streamfix token); "
          + "this page keeps it until the tab is closed.";
      form.hidden = false;
      $("token").focus();
      form.onsubmit = (event) => {
        event.preventDefault();
        sessionStorage.setItem(TOKEN_KEY, $("token").value.trim());
        $("token").value = "";
        form.hidden = true;
        tokenAsked = null;
        resolve();
      };
    });
  }
  return tokenAsked;
}

/** fetch, with the token when the page has one; on 401 asks for a token and tries again. */
async function request(path, options = {}) {
  for (;;) {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const headers = Object.assign({}, options.headers, token ? { "Authorization": "Bearer " + token } : {});
    const response = await fetch(path, Object.assign({}, options, { headers }));
    if (response.status !== 401) return response;
    if (token) sessionStorage.removeItem(TOKEN_KEY);
    await askForToken(Boolean(token));
  }
}

async function call(path, body, contentType, accept) {
  const response = await request(path, {
    method: "POST",
    headers: { "Content-Type": contentType, "Accept": accept },
    body,
  });
  const text = await response.text();
  if (!response.ok) {
    let messages = [`${response.status} ${response.statusText}`];
    try { messages = JSON.parse(text).errors.map((e) => e.message); } catch (ignored) { /* keep the status */ }
    throw new ServiceError(messages);
  }
  return accept === "application/json" ? JSON.parse(text) : text;
}

const diagnose = (doc) => call("/v1/diagnose", JSON.stringify(doc), "application/json", "application/json");
const toYaml = (doc) => call("/v1/case", JSON.stringify(doc), "application/json", "application/yaml");
const fromYaml = (yaml) => call("/v1/case", yaml, "application/yaml", "application/json");

function showErrors(error, source) {
  const box = $("errors");
  if (!error) {
    box.hidden = true;
    box.textContent = "";
    return;
  }
  const messages = error.messages || [String(error)];
  // The service names the body "<request>"; the agent knows it as the file they picked.
  box.textContent = messages.map((m) => "error: " + (source ? m.replace("<request>", source) : m)).join("\n");
  box.hidden = false;
}

// ---- the case ---------------------------------------------------------------------------------

/** Sets a fact by its path in the symptom document, e.g. "network.vpn_active". */
function setFact(doc, path, value) {
  const keys = path.split(".");
  let node = doc;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== "object" || node[key] === null) node[key] = {};
    node = node[key];
  }
  node[keys[keys.length - 1]] = value;
}

/** A question's answer as the document holds it: yes/no are booleans, other answers the YAML value. */
function answerValue(answer) {
  if (answer === "yes") return true;
  if (answer === "no") return false;
  return answer;
}

function label(value) {
  if (value === true) return "yes";
  if (value === false) return "no";
  return String(value).replaceAll("_", " ");
}

async function update() {
  try {
    const [diagnosis, yaml] = await Promise.all([diagnose(page.doc), toYaml(page.doc)]);
    page.diagnosis = diagnosis;
    showErrors(null);
    render(diagnosis, yaml);
  } catch (error) {
    showErrors(error);
  }
}

/** Keeps the case as it is now, so that the change about to be made can be undone. */
function remember() {
  page.history.push({ doc: structuredClone(page.doc), skipped: new Set(page.skipped), fileName: page.fileName });
  $("undo").disabled = false;
}

function undo() {
  const last = page.history.pop();
  if (!last) return;
  page.doc = last.doc;
  page.skipped = last.skipped;
  page.fileName = last.fileName;
  $("undo").disabled = page.history.length === 0;
  update();
}

function answer(fact, value) {
  remember();
  setFact(page.doc, fact, answerValue(value));
  update();
}

function recordFix(result) {
  const fix = page.diagnosis && page.diagnosis.next_fix;
  if (!fix) return;
  remember();
  page.doc.tried = [...(page.doc.tried || []), { fix: fix.id, result }];
  update();
}

/** A device or provider field: an empty one removes the fact (unknown), as the symptom file has it. */
function editField(input) {
  const [group, key] = input.dataset.fact.split(".");
  const value = input.value.trim();
  const current = page.doc[group] && page.doc[group][key];
  if ((current || "") === value) return;
  remember();
  if (value) {
    setFact(page.doc, input.dataset.fact, value);
  } else if (page.doc[group]) {
    delete page.doc[group][key];
    if (!Object.keys(page.doc[group]).length) delete page.doc[group];
  }
  update();
}

function renderFields() {
  document.querySelectorAll("#device-card [data-fact]").forEach((input) => {
    const [group, key] = input.dataset.fact.split(".");
    const value = page.doc[group] && page.doc[group][key];
    if (document.activeElement !== input) input.value = value || "";
  });
}

// ---- showing it -------------------------------------------------------------------------------

function render(diagnosis, yaml) {
  $("error-code").textContent = diagnosis.error_code;
  const status = $("status");
  status.textContent = { in_progress: "in progress", resolved: "resolved", escalate: "escalate" }[diagnosis.status];
  status.className = "status " + diagnosis.status;
  renderQuestion(diagnosis);
  renderFix(diagnosis);
  renderOutcome(diagnosis);
  renderCauses(diagnosis);
  renderFacts();
  renderFields();
  $("case-yaml").textContent = yaml;
  page.yaml = yaml;
}

function renderQuestion(diagnosis) {
  const open = diagnosis.status === "in_progress";
  const question = (diagnosis.questions || []).find((q) => !page.skipped.has(q.fact));
  $("question").hidden = !open || !question;
  if (!open || !question) return;
  $("question").dataset.fact = question.fact;
  $("question-text").textContent = question.text;
  $("question-why").textContent = question.why || "";
  const answers = $("answers");
  answers.replaceChildren(...question.answers.map((value) => {
    const button = element("button", "answer", label(value));
    button.type = "button";
    button.dataset.answer = value;
    button.addEventListener("click", () => answer(question.fact, value));
    return button;
  }));
}

function renderFix(diagnosis) {
  const fix = diagnosis.next_fix;
  $("next-fix").hidden = !fix;
  if (!fix) return;
  $("next-fix").dataset.fix = fix.id;
  $("fix-title").textContent = fix.title;
  $("fix-risky").hidden = !fix.risky;
  $("fix-steps").replaceChildren(...fix.steps.map((step) => element("li", null, step)));
  $("fix-why").textContent = fix.why ? "Why it works: " + fix.why : "";
  const rest = diagnosis.plan.slice(1).map((f) => f.title);
  $("plan-rest").textContent = rest.length ? "If that does not help, then: " + rest.join(" · ") : "";
}

function renderOutcome(diagnosis) {
  const done = diagnosis.status !== "in_progress";
  $("outcome").hidden = !done;
  if (!done) return;
  const helped = diagnosis.resolved_by ? [diagnosis.resolved_by.title] : [];
  $("outcome-title").textContent = diagnosis.status === "resolved"
    ? "Resolved: " + (helped.join(", ") || "a fix helped")
    : "Escalate to " + diagnosis.escalation.to;
  const prepare = diagnosis.escalation ? diagnosis.escalation.prepare : [];
  $("prepare").replaceChildren(...prepare.map((item) => element("li", null, item)));
  $("summary").value = summary(diagnosis, helped);
}

/** The ticket text: what the service concluded, in the order a colleague reads it. */
function summary(diagnosis, helped) {
  const lines = [];
  if (diagnosis.status === "resolved") {
    lines.push(`Netflix error ${diagnosis.error_code}: resolved. What helped: ${helped.join(", ")}.`);
  } else {
    lines.push(`Netflix error ${diagnosis.error_code}: escalate to ${diagnosis.escalation.to}.`);
  }
  const failed = (page.doc.tried || []).filter((t) => t.result === "failed").map((t) => fixTitle(t.fix));
  if (failed.length) lines.push(`Tried without success: ${failed.join("; ")}.`);
  if (diagnosis.causes.length) {
    lines.push("Likely causes: " + diagnosis.causes.slice(0, 3)
      .map((c) => `${Math.round(c.confidence * 100)}% ${c.title}`).join("; ") + ".");
  }
  const facts = flatten(page.doc).filter(([path]) => !path.startsWith("tried") && !path.startsWith("expect"));
  if (facts.length) {
    lines.push("Facts:");
    facts.forEach(([path, value]) => lines.push(`  - ${path}: ${label(value)}`));
  }
  if (diagnosis.escalation) {
    lines.push("Have ready:");
    diagnosis.escalation.prepare.forEach((item) => lines.push("  - " + item));
  }
  return lines.join("\n");
}

/** Why no cause is shown: an open case needs more facts, a finished one says what finished it. */
const NO_CAUSE = {
  in_progress: "No cause stands out yet: ask the questions, or try the next fix.",
  resolved: "Nothing more to find out: the fix that helped ended the case.",
  escalate: "No cause stands out: the facts point at none of the known causes. Hand the case over with the summary.",
};

function renderCauses(diagnosis) {
  const top = diagnosis.causes.slice(0, 3);
  $("no-causes").hidden = top.length > 0;
  $("no-causes").textContent = NO_CAUSE[diagnosis.status];
  $("causes").replaceChildren(...top.map((cause) => {
    const item = element("li");
    item.dataset.cause = cause.id;
    const percent = Math.round(cause.confidence * 100);
    const head = element("div", "cause-head");
    head.append(element("span", "cause-title", cause.title), element("span", "percent", percent + "%"));
    item.append(head);
    const bar = element("div", "bar");
    const fill = element("div", "fill");
    fill.style.width = percent + "%";
    bar.append(fill);
    const evidence = element("ul", "evidence");
    evidence.append(...cause.evidence.map((e) => element("li", e.weight >= 0 ? "for" : "against", e.reason)));
    item.append(bar, evidence);
    return item;
  }));
}

function renderFacts() {
  const facts = flatten(page.doc).filter(([path]) => !path.startsWith("tried") && !path.startsWith("expect"));
  const tried = (page.doc.tried || []).map((t) => `${fixTitle(t.fix)}: ${t.result}`);
  const items = facts.map(([path, value]) => {
    const item = element("li");
    item.append(element("code", null, path), document.createTextNode(": " + label(value)));
    return item;
  });
  items.push(...tried.map((t) => element("li", null, "Tried — " + t)));
  if (!items.length) items.push(element("li", "why", "Nothing yet: an empty case."));
  $("facts").replaceChildren(...items);
}

function flatten(node, prefix = "") {
  return Object.entries(node).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? flatten(value, path) : [[path, value]];
  });
}

function fixTitle(id) {
  return page.fixTitles[id] || id;
}

// ---- loading and saving the case --------------------------------------------------------------

async function loadFile(file) {
  try {
    const loaded = await fromYaml(await file.text());
    remember();
    page.doc = loaded;
    page.fileName = file.name;
    page.skipped.clear();
    await update();
  } catch (error) {
    showErrors(error, file.name);
  }
}

function download() {
  const blob = new Blob([page.yaml || "{}\n"], { type: "application/yaml" });
  const link = element("a");
  link.href = URL.createObjectURL(blob);
  link.download = page.fileName;
  link.click();
  URL.revokeObjectURL(link.href);
}

/** The API description: a plain link without a token; with one, fetched with it and shown from memory. */
async function openApiDocument(event) {
  if (!sessionStorage.getItem(TOKEN_KEY)) return;
  event.preventDefault();
  const response = await request("/openapi.json");
  const blob = new Blob([await response.text()], { type: "application/json" });
  window.open(URL.createObjectURL(blob), "_blank", "noopener");
}

async function start() {
  $("undo").addEventListener("click", undo);
  document.querySelectorAll("#device-card [data-fact]").forEach((input) => {
    input.addEventListener("change", () => editField(input));
  });
  $("new-case").addEventListener("click", () => {
    const known = Object.keys(page.doc).length > 0;
    if (known && !window.confirm("Start a new case? The current one is dropped (Undo last step brings it back).")) return;
    if (known) remember();
    page.doc = {};
    page.skipped.clear();
    page.fileName = "case.yaml";
    update();
  });
  $("load-file").addEventListener("change", (event) => {
    if (event.target.files.length) loadFile(event.target.files[0]);
    event.target.value = "";
  });
  $("download").addEventListener("click", download);
  $("openapi").addEventListener("click", openApiDocument);
  $("skip-question").addEventListener("click", () => {
    page.skipped.add($("question").dataset.fact);
    renderQuestion(page.diagnosis);
  });
  $("fix-helped").addEventListener("click", () => recordFix("helped"));
  $("fix-failed").addEventListener("click", () => recordFix("failed"));
  $("copy-summary").addEventListener("click", () => {
    $("summary").select();
    navigator.clipboard.writeText($("summary").value).catch(() => document.execCommand("copy"));
  });
  try {
    const response = await request("/v1/knowledge");
    const knowledge = await response.json();
    if (!response.ok) throw new ServiceError(knowledge.errors.map((e) => e.message));
    knowledge.fixes.forEach((fix) => { page.fixTitles[fix.id] = fix.title; });
    $("rules-info").textContent = `Rules: ${knowledge.rules_folder}, version ${knowledge.rules_version.slice(0, 12)}, `
      + `loaded ${new Date(knowledge.loaded_at).toLocaleString()}`
      + (knowledge.last_reload_error ? " (the newest edit does not load: see GET /v1/knowledge)" : "");
  } catch (error) {
    showErrors(error);
  }
  await update();
}

document.addEventListener("DOMContentLoaded", start);
