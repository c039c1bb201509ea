// Plenum's speaking clocks. Every element with data-clock-started (µs since
// the epoch), data-clock-allotted (s) and data-clock-now (the server's time
// when it rendered the element, µs) counts down from the server's figures.
// The device's own clock may be off: the difference to the server's time is
// taken once, when an element is first seen, and applied from then on. Live
// fragment swaps (live.js) bring new elements, which are measured afresh.
// Without this script the page shows the remaining time as rendered.

const skew = new WeakMap();

function text(seconds) {
  const sign = seconds < 0 ? "−" : "";
  const s = Math.abs(seconds);
  return `${sign}${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

function tick() {
  for (const el of document.querySelectorAll("[data-clock-started]")) {
    if (!skew.has(el)) skew.set(el, Number(el.dataset.clockNow) / 1000 - Date.now());
    const serverNowMs = Date.now() + skew.get(el);
    const elapsed = Math.floor(Math.max(0, serverNowMs - Number(el.dataset.clockStarted) / 1000) / 1000);
    // The same rule as the server's (plenum_core::conduct::speakers::remaining_seconds).
    const left = Number(el.dataset.clockAllotted) - elapsed;
    const shown = text(left);
    if (el.textContent !== shown) el.textContent = shown;
    el.classList.toggle("over", left < 0);
    el.classList.toggle("soon", left >= 0 && left <= 30);
  }
}

tick();
setInterval(tick, 250);

// Keyboard users keep their place when a live fragment is swapped under them
// (live.js replaces the whole fragment): the focused control is found again in
// the new fragment — by id, or by its form's action and its own name and
// value — and focused, with any value typed into it but not yet sent.
let focused = null;

function keyOf(el) {
  if (el.id) return `#${el.id}`;
  if (el.form) return `${el.form.getAttribute("action")}|${el.name || ""}|${el.value || ""}`;
  return null;
}

document.addEventListener("focusin", (e) => {
  const el = e.target;
  if (!el.closest || !el.closest("[data-live-src]")) { focused = null; return; }
  focused = { key: keyOf(el), el };
});

new MutationObserver(() => {
  if (!focused || !focused.key || document.contains(focused.el)) return;
  const typed = "defaultValue" in focused.el && focused.el.value !== focused.el.defaultValue ? focused.el.value : null;
  const again = [...document.querySelectorAll("[data-live-src] input, [data-live-src] select, [data-live-src] button, [data-live-src] a")]
    .find((el) => keyOf(el) === focused.key);
  if (!again) return;
  if (typed !== null && again.tagName === "INPUT") again.value = typed;
  again.focus();
}).observe(document.body, { childList: true, subtree: true });

// The tablet's opinion form: the passage list offers only the drafts of the
// item chosen above it (without this script it offers all, and the server
// refuses a passage of another item).
const itemChoice = document.getElementById("op-item");
const passageChoice = document.getElementById("op-passage");

function offerPassages() {
  for (const group of passageChoice.querySelectorAll("optgroup[data-item]")) {
    const other = group.dataset.item !== itemChoice.value;
    group.hidden = other;
    group.disabled = other;
  }
  const chosen = passageChoice.selectedOptions[0];
  if (chosen && chosen.parentElement.disabled) passageChoice.value = "";
}

if (itemChoice && passageChoice) {
  itemChoice.addEventListener("change", offerPassages);
  offerPassages();
}

// The chair's settings fold (a <details> in the live fragment): a live swap
// renders them as the server thinks best, so they are put back as the chair
// left them.
const folded = new Map();

document.addEventListener("toggle", (e) => {
  const d = e.target;
  if (d.tagName === "DETAILS" && d.id && d.closest("[data-live-src]")) folded.set(d.id, d.open);
}, true);

document.addEventListener("live:refreshed", (e) => {
  for (const d of e.target.querySelectorAll("details[id]")) {
    if (folded.has(d.id)) d.open = folded.get(d.id);
  }
});
