// The secretary's desk, keyboard-first. Without this script the forms post
// and the page reloads, with the focus where work continues. With it, an
// entry is sent in place: the work area is swapped for the server's answer
// and the focus stays in the opinion box, ready for the next one.
//   Enter in the opinion box records it (Shift+Enter: a new line);
//   Alt+1…4 picks the stance from anywhere in a form, 1…4 on the stance buttons;
//   Esc in the opinion form goes to the speaker box for the next speech.

const SWAPPED = ["speech-form", "opinion-form"];

function area() {
  return document.getElementById("desk-work");
}

// Alt+digit is handled here without moving the focus; the accesskeys (for
// use without this script) would move it to the stance button.
function prepare(root) {
  root.querySelectorAll("input[accesskey]").forEach((el) => el.removeAttribute("accesskey"));
}

function stanceDigit(ev) {
  const m = /^Digit([1-4])$/.exec(ev.code || "") || /^([1-4])$/.exec(ev.key || "");
  return m ? Number(m[1]) : 0;
}

function onKey(ev) {
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
  if (res.redirected) history.replaceState(null, "", res.url);
  const next = fresh.querySelector("[autofocus]");
  if (next) next.focus();
}

function start() {
  prepare(document);
  // Listeners sit on the document, so they survive every swap of the area.
  document.addEventListener("keydown", onKey);
  document.addEventListener("submit", onSubmit);
}

start();
