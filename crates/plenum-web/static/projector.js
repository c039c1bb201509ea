// The hall screen's full-screen button. Browsers let a page go full screen
// only from a click, so the office clicks it once on the hall's computer.
// Where full screen is not available the button stays hidden (F11 still works).
const button = document.getElementById("p-fullscreen");

function label() {
  const on = document.fullscreenElement !== null;
  button.textContent = on ? button.dataset.exit : button.dataset.enter;
}

if (button && document.fullscreenEnabled) {
  button.hidden = false;
  button.addEventListener("click", () => {
    if (document.fullscreenElement) document.exitFullscreen();
    else document.documentElement.requestFullscreen().catch(() => {});
  });
  document.addEventListener("fullscreenchange", label);
  label();
}
