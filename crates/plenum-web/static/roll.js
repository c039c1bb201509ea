// The roll call, for a list of 70 and more. Without this script the search
// is a GET form, hidden rows come back from the server, and every save posts
// and reloads the page. With it:
//   the search and the status filter show and hide rows as one types;
//   a row's save is sent in place and only that row is swapped for the
//   server's answer (with its new version, so the version check still holds:
//   a row someone else changed comes back as it now stands, with the refusal
//   beside it), so other rows keep whatever is typed in them;
//   "mark all present" swaps the roll for the server's answer.
// The quorum panel above follows over the live stream (live.js).

const INLINE = { "X-Plenum-Inline": "1", Accept: "text/html" };

// As the server folds (plenum_core::prepare::roster::fold): no diacritics, đ as d, lower case, single spaces.
function fold(s) {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase()
    .replace(/[_-]/g, " ").split(/\s+/).filter(Boolean).join(" ");
}

const roll = () => document.getElementById("roll");

function applyFilter() {
  const section = roll();
  if (!section) return;
  const q = fold(section.querySelector("#roll-q").value);
  const status = section.querySelector("#roll-status").value;
  const rows = [...section.querySelectorAll("table.roll tbody tr")];
  let shown = 0;
  for (const tr of rows) {
    const show = (!status || tr.dataset.status === status) && tr.dataset.search.includes(q);
    tr.hidden = !show;
    shown += show;
  }
  const count = section.querySelector("[data-roll-count]");
  count.textContent = count.dataset.template.replace("{shown}", shown).replace("{all}", rows.length);
  section.querySelector("[data-roll-none]").hidden = shown > 0;
  // The address keeps the filter, so a reload or a shared link shows the same rows.
  const url = new URL(location.href);
  for (const [k, v] of [["q", section.querySelector("#roll-q").value], ["status", status]]) {
    if (v) url.searchParams.set(k, v); else url.searchParams.delete(k);
  }
  for (const k of ["saved", "stale", "marked"]) url.searchParams.delete(k);
  history.replaceState(null, "", url);
}

async function post(form) {
  return fetch(form.action, {
    method: "POST",
    body: new URLSearchParams(new FormData(form)),
    credentials: "same-origin",
    headers: INLINE,
  });
}

// Parse an answer that may be a bare <tr> (a template parses table rows anywhere).
function parse(html) {
  const t = document.createElement("template");
  t.innerHTML = html;
  return t.content;
}

async function saveRow(form) {
  const tr = form.closest("tr");
  const res = await post(form);
  if (res.status !== 200 && res.status !== 409) return false;
  const fresh = parse(await res.text()).querySelector("tr");
  if (!fresh || fresh.id !== tr.id) return false;
  tr.replaceWith(fresh);
  applyFilter();
  // Keep the row in view even if the filter no longer shows it, until the next search.
  fresh.hidden = false;
  // The focus stays on the row just saved, ready for a correction; its note is announced (role status/alert).
  fresh.querySelector("select").focus();
  return true;
}

async function markAll(form) {
  const section = roll();
  const kept = [section.querySelector("#roll-q").value, section.querySelector("#roll-status").value];
  const res = await post(form);
  if (res.status !== 200) return false;
  const fresh = parse(await res.text()).querySelector("#roll");
  if (!fresh) return false;
  section.replaceWith(fresh);
  [fresh.querySelector("#roll-q").value, fresh.querySelector("#roll-status").value] = kept;
  applyFilter();
  const notice = fresh.querySelector("[data-roll-notice]");
  if (notice) notice.focus();
  return true;
}

async function onSubmit(ev) {
  const form = ev.target;
  const row = form.classList.contains("roll-form");
  const all = form.hasAttribute("data-roll-all");
  if (form.classList.contains("roll-filter")) {
    ev.preventDefault();
    applyFilter();
    return;
  }
  if (!row && !all) return;
  ev.preventDefault();
  if (form.dataset.busy) return;
  form.dataset.busy = "1";
  let done = false;
  try {
    done = await (row ? saveRow(form) : markAll(form));
  } catch {
    done = false;
  }
  delete form.dataset.busy;
  // Anything else (signed out, refused, offline): the form posts as it would without this script.
  if (!done) form.submit();
}

function start() {
  document.addEventListener("submit", onSubmit);
  document.addEventListener("input", (ev) => {
    if (ev.target.id === "roll-q" || ev.target.id === "roll-status") applyFilter();
  });
  document.addEventListener("change", (ev) => {
    if (ev.target.id === "roll-status") applyFilter();
  });
  if (roll()) roll().dataset.rollReady = "1";
}

start();
