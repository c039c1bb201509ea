// The secretary's desk, keyboard-first. Without this script the forms post
// and the page reloads, with the focus where work continues. With it, an
// entry is sent in place: the work area is swapped for the server's answer
// and the focus stays in the opinion box, ready for the next one.
//   Enter in the opinion box records it (Shift+Enter: a new line);
//   Alt+1…4 picks the stance from anywhere in a form, 1…4 on the stance buttons;
//   Esc in the opinion form goes to the speaker box for the next speech;
//   Alt+N, from anywhere, puts the opinion form on the speech just ended.
//
// The opinion form follows the speeches as they arrive live, so an opinion
// typed after the chair stops a speaker is filed under that speech. It never
// moves under typed text: it says it is behind, and Alt+N moves it.

import { refresh } from "/static/live.js";

const SWAPPED = ["speech-form", "opinion-form"];

// The newest speech the form has been shown; a newer one in the log has just arrived.
let known = null;

function area() {
  return document.getElementById("desk-work");
}

// Alt+digit is handled here without moving the focus; the accesskeys (for
// use without this script) would move it to the stance button.
function prepare(root) {
  root.querySelectorAll("[accesskey]").forEach((el) => el.removeAttribute("accesskey"));
}

function newest() {
  return document.querySelector("ol.speeches > li[data-speech]");
}

function opinionForm() {
  return document.getElementById("opinion-form");
}

function behindSlot() {
  return document.getElementById("desk-behind");
}

// Put the opinion form on a speech of the log, keeping whatever was typed.
// The item follows the speech unless the secretary chose another one.
function moveTo(form, li) {
  const f = form.elements;
  if (f.item_id.value === f.speech_item_id.value) f.item_id.value = li.dataset.item;
  f.speech_id.value = li.dataset.speech;
  f.speech_item_id.value = li.dataset.item;
  const label = li.querySelector(".speech-label");
  document.getElementById("desk-current").replaceChildren(...[...label.childNodes].map((n) => n.cloneNode(true)));
  behindSlot().replaceChildren();
  const url = new URL(location.href);
  url.searchParams.set("speech", li.dataset.speech);
  url.searchParams.delete("item");
  history.replaceState(null, "", url);
  // The log highlights the speech receiving opinions.
  const log = li.closest("[data-live-src]");
  const src = new URL(log.dataset.liveSrc, location.href);
  src.searchParams.set("speech", li.dataset.speech);
  log.dataset.liveSrc = src.pathname + src.search;
  refresh(log);
}

// Text is typed for the speech the form is on: say, unmissably, that a newer one exists.
function showBehind(li) {
  const note = document.getElementById("desk-behind-template").content.cloneNode(true);
  note.querySelector("[data-behind-old]").textContent = document.getElementById("desk-current").textContent.trim();
  note.querySelector("[data-behind-new]").textContent = li.querySelector(".speech-label").textContent.trim();
  behindSlot().replaceChildren(note);
}

// The log was refetched: a speech the desk has not taken up yet takes the form, unless text is typed.
function onRefreshed() {
  prepare(document);
  const form = opinionForm();
  const li = newest();
  if (!form || !li || li.dataset.speech === known) return;
  known = li.dataset.speech;
  if (li.dataset.speech === form.elements.speech_id.value) return;
  if (typed(form).length) showBehind(li);
  else moveTo(form, li);
}

// Alt+N: the opinion form on the speech just ended, the focus in its text.
function toNewest() {
  const form = opinionForm();
  const li = newest();
  if (!form || !li) return;
  if (li.dataset.speech !== form.elements.speech_id.value) moveTo(form, li);
  behindSlot().replaceChildren();
  form.elements.text.focus();
}

function takeUp() {
  const li = newest();
  known = li ? li.dataset.speech : null;
}

function stanceDigit(ev) {
  const m = /^Digit([1-4])$/.exec(ev.code || "") || /^([1-4])$/.exec(ev.key || "");
  return m ? Number(m[1]) : 0;
}

function onKey(ev) {
  if (ev.altKey && !ev.ctrlKey && !ev.metaKey && (ev.code === "KeyN" || ev.key === "n" || ev.key === "N")) {
    ev.preventDefault();
    toNewest();
    return;
  }
  const form = ev.target.closest && ev.target.closest("form");
  if (!form) return;
  const digit = stanceDigit(ev);
  const radios = form.querySelectorAll("input[name=stance]");
  if (digit && radios.length && !ev.ctrlKey && !ev.metaKey && (ev.altKey || ev.target.name === "stance")) {
    ev.preventDefault();
    radios[digit - 1].checked = true;
    return;
  }
  if (form.id !== "opinion-form") return;
  if (ev.key === "Enter" && !ev.shiftKey && !ev.isComposing && ev.target.localName === "textarea") {
    ev.preventDefault();
    form.requestSubmit();
  } else if (ev.key === "Escape") {
    const speaker = document.getElementById("speaker");
    if (speaker) {
      ev.preventDefault();
      speaker.focus();
    }
  }
}

// What the person typed in a form, so swapping the area never loses it.
function typed(form) {
  if (!form) return [];
  return [...form.querySelectorAll("input:not([type=hidden]):not([type=radio]), textarea")]
    .filter((el) => el.value.trim() !== "")
    .map((el) => [el.name, el.value]);
}

function restore(form, values) {
  if (!form) return;
  for (const [name, value] of values) {
    const el = form.elements.namedItem(name);
    if (el && "value" in el && el.value === "") el.value = value;
  }
}

function alertBefore(form, text) {
  let p = form.parentElement.querySelector("p.desk-offline");
  if (!p) {
    p = document.createElement("p");
    p.className = "error desk-offline";
    p.setAttribute("role", "alert");
    form.before(p);
  }
  p.textContent = text;
}

async function onSubmit(ev) {
  const form = ev.target;
  if (!SWAPPED.includes(form.id)) return;
  ev.preventDefault();
  if (form.dataset.busy) return;
  form.dataset.busy = "1";
  let res, html;
  try {
    res = await fetch(form.action, {
      method: "POST",
      body: new URLSearchParams(new FormData(form)),
      credentials: "same-origin",
      headers: { Accept: "text/html" },
    });
    html = await res.text();
  } catch {
    delete form.dataset.busy;
    alertBefore(form, area().dataset.offline);
    return;
  }
  const doc = new DOMParser().parseFromString(html, "text/html");
  const fresh = doc.getElementById("desk-work");
  if (!fresh) {
    // Not the desk (no right to record there, the session is gone…): show the server's page.
    const main = doc.querySelector("main");
    if (main) {
      document.querySelector("main").replaceWith(document.adoptNode(main));
      document.title = doc.title;
      document.querySelector("main").focus();
    }
    return;
  }
  const otherId = SWAPPED.find((id) => id !== form.id);
  const kept = typed(document.getElementById(otherId));
  area().replaceWith(document.adoptNode(fresh));
  restore(document.getElementById(otherId), kept);
  prepare(fresh);
  takeUp();
  if (res.redirected) history.replaceState(null, "", res.url);
  const next = fresh.querySelector("[autofocus]");
  if (next) next.focus();
}

function start() {
  prepare(document);
  takeUp();
  // Listeners sit on the document, so they survive every swap of the area.
  document.addEventListener("keydown", onKey);
  document.addEventListener("submit", onSubmit);
  document.addEventListener("live:refreshed", onRefreshed);
  document.addEventListener("click", (ev) => {
    if (ev.target.closest && ev.target.closest("[data-behind-switch]")) toNewest();
  });
}

start();
