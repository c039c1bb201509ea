// Plenum's live layer: one EventSource per page. An element marked
// data-live-src="/fragment/url" data-live-on="action.a action.b" is refetched
// and swapped in when one of those actions is committed, and also every N
// seconds when it carries data-live-every="N". Pages work without it.
//
// Every change carries its place in the history as its id. On a dropped
// connection the browser reconnects with Last-Event-ID by itself and the
// server replays what was missed; if the browser gives up (the connection
// closed for good), the page reopens the stream with the last id it saw.
const targets = () => [...document.querySelectorAll("[data-live-src]")];
const indicator = document.querySelector("[data-live-indicator]");
let lastId = null;
let retry = 1000;

// Exported for a page's own script, which also hears "live:refreshed" after each swap.
export async function refresh(el) {
  const res = await fetch(el.dataset.liveSrc, { headers: { "Accept": "text/html" }, credentials: "same-origin" });
  if (!res.ok) return;
  el.innerHTML = await res.text();
  el.dispatchEvent(new CustomEvent("live:refreshed", { bubbles: true }));
}

function url() {
  // A hall screen opened by its link has a stream of its own, which the link authorizes.
  const own = targets().map((el) => el.dataset.liveEvents).find(Boolean);
  const plenums = new Set(targets().map((el) => el.dataset.livePlenum).filter(Boolean));
  const params = new URLSearchParams();
  if (!own && plenums.size === 1) params.set("plenum", [...plenums][0]);
  if (lastId !== null) params.set("last_event_id", lastId);
  const q = params.toString();
  const base = own || "/events";
  return q ? `${base}?${q}` : base;
}

let current = null;

function open() {
  const source = new EventSource(url());
  current = source;
  source.addEventListener("connected", (e) => {
    retry = 1000;
    if (indicator) { indicator.classList.add("on"); indicator.textContent = indicator.dataset.onText || indicator.textContent; }
    // A fresh stream has missed everything since the page was rendered; a
    // resumed one is replayed what it missed, event by event.
    let resumed = false;
    try { resumed = JSON.parse(e.data).resumed === true; } catch (_) { /* an older server */ }
    if (!resumed) targets().forEach(refresh);
  });
  source.addEventListener("error", () => {
    if (indicator) indicator.classList.remove("on");
    if (source.readyState === EventSource.CLOSED) {
      setTimeout(open, retry);
      retry = Math.min(retry * 2, 60000);
    }
  });
  source.addEventListener("resync", () => targets().forEach(refresh));
  source.onmessage = null;
  const seen = new Set(targets().flatMap((el) => el.dataset.liveOn.split(/\s+/)));
  for (const action of seen) {
    source.addEventListener(action, (e) => {
      if (e.lastEventId) lastId = e.lastEventId;
      targets().filter((el) => el.dataset.liveOn.split(/\s+/).includes(action)).forEach(refresh);
    });
  }
}

if (targets().length || indicator) {
  open();
  // A page left for another may be kept in the browser's back-forward cache
  // with its stream still open; a browser allows a host only a few
  // connections, so pages kept that way would starve the next ones. Close it
  // on leaving, and open it again (replaying what was missed) on coming back.
  window.addEventListener("pagehide", () => { if (current) current.close(); current = null; });
  window.addEventListener("pageshow", (e) => { if (e.persisted && !current) open(); });
}

// What no committed change announces (how many have voted) is refetched on
// a timer as well: data-live-every="5" is every five seconds, while the page is shown.
for (const el of targets().filter((el) => el.dataset.liveEvery)) {
  const every = Math.max(2, Number(el.dataset.liveEvery) || 5) * 1000;
  setInterval(() => { if (!document.hidden) refresh(el); }, every);
}
