// The demo clinic page's own script: it writes every event the two players
// send into the log, and switches the element's theme. A clinic needs none of
// this; it shows what a page can listen to.

const log = document.getElementById('event-log');

// note adds a line to the event log, as text.
function note(source, type, detail) {
  const li = document.createElement('li');
  const time = new Date().toLocaleTimeString('fr-CA');
  li.textContent = `${time} · ${source} · ${type} ${JSON.stringify(detail ?? {})}`;
  li.dataset.source = source;
  li.dataset.type = type;
  log.append(li);
}

// 1. The element: its events are DOM events.
const element = document.getElementById('player-element');
for (const type of ['spry-ready', 'spry-session-started', 'spry-session-completed', 'spry-error']) {
  element.addEventListener(type, (e) => note('spry-player', type, e.detail));
}
for (const b of document.querySelectorAll('button[data-theme]')) {
  b.addEventListener('click', () => element.setAttribute('theme', b.dataset.theme));
}

// 2. The plain iframe: its messages arrive on window. Check where each comes
// from: only the player's frame, from the player's origin, counts.
const frame = document.getElementById('player-iframe');
const playerOrigin = new URL(frame.src).origin;
window.addEventListener('message', (e) => {
  if (e.source !== frame.contentWindow || e.origin !== playerOrigin) return;
  const type = e.data?.type;
  if (typeof type !== 'string' || !type.startsWith('spry:') || type === 'spry:height') return;
  const { type: _, ...detail } = e.data;
  note('iframe', type, detail);
});
