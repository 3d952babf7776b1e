// Runs the chat page's script against a minimal DOM and a fake server, then prints what the page shows.
// Usage: node page_harness.js SCRIPT.js SCENARIO.json   (scenario: {auth, ready, events: [SSE data objects]})
"use strict";
const fs = require("fs");
const [scriptPath, scenarioPath] = process.argv.slice(2);
const scenario = JSON.parse(fs.readFileSync(scenarioPath, "utf8"));

class Node_ {
  constructor(tag) {
    this.tagName = tag; this.children = []; this.listeners = {}; this.dataset = {}; this._classes = new Set();
    this.hidden = false; this.value = ""; this.placeholder = ""; this.disabled = false; this._text = "";
    this.scrollTop = 0; this.scrollHeight = 0;
    const self = this;
    this.classList = {
      add: (...c) => c.forEach((x) => self._classes.add(x)),
      remove: (...c) => c.forEach((x) => self._classes.delete(x)),
      contains: (c) => self._classes.has(c),
    };
  }
  get className() { return [...this._classes].join(" "); }
  set className(v) { this._classes = new Set(String(v).split(/\s+/).filter(Boolean)); }
  get textContent() { return this.tagName === "#text" ? this._text : this.children.map((c) => c.textContent).join(""); }
  set textContent(v) { if (this.tagName === "#text") this._text = String(v); else this.children = [text(String(v))]; }
  append(...nodes) { for (const n of nodes) this.children.push(typeof n === "string" ? text(n) : n); }
  replaceChildren(...nodes) { this.children = []; this.append(...nodes); }
  addEventListener(type, fn) { (this.listeners[type] = this.listeners[type] || []).push(fn); }
  async fire(type, event = {}) { for (const fn of this.listeners[type] || []) await fn({ preventDefault() {}, ...event }); }
  focus() {}
  requestSubmit() { return this.fire("submit"); }
  querySelector(sel) { return this.all().find((n) => sel.startsWith(".") ? n.classList.contains(sel.slice(1)) : n.tagName === sel) || null; }
  all() { return this.children.flatMap((c) => [c, ...c.all()]); }
}
function text(s) { const n = new Node_("#text"); n._text = s; return n; }
function el(tag, cls) { const n = new Node_(tag); if (cls) n.className = cls; return n; }

const byId = {};
for (const id of ["status", "model", "keyform", "apikey", "clear", "log", "question", "send", "ask"]) byId[id] = el(id);
byId.model.value = "qa-extractive";
const popup = el("div");
for (const cls of ["close", "title", "source", "quote", "unverified"]) popup.append(el(cls === "close" ? "button" : "div", cls));
byId.popup = popup;
const body = el("body");
body.dataset.auth = scenario.auth ? "on" : "off";

global.document = {
  getElementById: (id) => byId[id],
  createElement: (tag) => el(tag),
  createTextNode: (s) => text(s),
  addEventListener() {},
  body,
};
global.localStorage = { getItem: () => null, setItem() {} };
const requests = [];
global.fetch = async (url, opts = {}) => {
  requests.push({ url, body: opts.body ? JSON.parse(opts.body) : null });
  if (url === "/readyz") {
    const r = scenario.ready;
    return { ok: r.status === 200, status: r.status, json: async () => r.body };
  }
  const chunks = scenario.events.map((e) => Buffer.from("data: " + JSON.stringify(e) + "\n\n"));
  chunks.push(Buffer.from("data: [DONE]\n\n"));
  let thinkingWhileWaiting = null;
  return {
    ok: true, status: 200,
    body: { getReader: () => ({ read: async () => {
      if (thinkingWhileWaiting === null) thinkingWhileWaiting = lastAssistant().classList.contains("thinking");
      seen.thinking = seen.thinking || thinkingWhileWaiting;
      const value = chunks.shift();
      return value ? { value, done: false } : { value: undefined, done: true };
    } }) },
  };
};
const seen = { thinking: false };
function lastAssistant() { return byId.log.children[byId.log.children.length - 1]; }
const describe = (n) => ({ tag: n.tagName, text: n.textContent, classes: n.className, href: n.href || null,
                           target: n.target || null });

(async () => {
  new Function(fs.readFileSync(scriptPath, "utf8"))();
  await new Promise((r) => setTimeout(r, 10));
  const placeholder = byId.question.placeholder, status = byId.status.textContent;
  byId.question.value = scenario.question || "q?";
  await byId.ask.fire("submit");
  const msg = lastAssistant();
  let citation = null;
  const cite = msg.all().find((n) => n.tagName === "a" && n.className === "cite");
  if (cite) {
    await cite.fire("click");
    citation = { hidden: popup.hidden, title: popup.querySelector(".title").all().map(describe),
                 source: popup.querySelector(".source").textContent };
  }
  console.log(JSON.stringify({
    placeholder, status, thinking_seen: seen.thinking, classes: msg.className, done: msg.dataset.done,
    text: msg.textContent, links: msg.all().filter((n) => n.tagName === "a" && n.className !== "cite").map(describe),
    closest: msg.all().filter((n) => n.className === "closest").length, citation,
    sent_messages: requests.filter((r) => r.body).map((r) => r.body.messages.length),
  }));
})().catch((e) => { console.error(e.stack); process.exit(1); });
