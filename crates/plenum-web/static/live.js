// Plenum's live layer: one EventSource per page. An element marked
// data-live-src="/fragment/url" data-live-on="action.a action.b" is refetched
// and swapped in when one of those actions is committed. Pages work without it.
const targets = () => [...document.querySelectorAll("[data-live-src]")];
const indicator = document.querySelector("[data-live-indicator]");

async function refresh(el) {
  const res = await fetch(el.dataset.liveSrc, { headers: { "Accept": "text/html" }, credentials: "same-origin" });
  if (res.ok) el.innerHTML = await res.text();
}

function start() {
  if (!targets().length && !indicator) return;
  const plenums = new Set(targets().map((el) => el.dataset.livePlenum).filter(Boolean));
  const url = plenums.size === 1 ? `/events?plenum=${[...plenums][0]}` : "/events";
  const source = new EventSource(url);
  source.addEventListener("connected", () => {
    if (indicator) { indicator.classList.add("on"); indicator.textContent = indicator.dataset.onText || indicator.textContent; }
    // Catch up on anything missed while disconnected.
    targets().forEach(refresh);
  });
  source.addEventListener("error", () => indicator && indicator.classList.remove("on"));
  source.addEventListener("resync", () => targets().forEach(refresh));
  source.onmessage = null;
  const seen = new Set(targets().flatMap((el) => el.dataset.liveOn.split(/\s+/)));
  for (const action of seen) {
    source.addEventListener(action, () => {
      targets().filter((el) => el.dataset.liveOn.split(/\s+/).includes(action)).forEach(refresh);
    });
  }
}

start();
