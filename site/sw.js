// Spry's service worker: it keeps everything the player needs in the Cache
// Storage so that Spry starts with no network after the first visit.
//
// `spry stamp -dir out` (run by `make build`) writes the two constants below
// into out/sw.js: VERSION is a content hash of the cached files (sha256 over
// their sorted names and bytes) and FILES lists them relative to this
// script, index.html as "./". A changed file therefore means a new VERSION,
// a new cache name and a new sw.js, which the browser installs beside the
// old one. Unstamped (VERSION 'dev', FILES empty) this worker caches nothing
// and leaves every request to the network.
//
// Updates never interrupt a session. The new worker precaches its files and
// then waits: it never calls skipWaiting and never claims pages, so it takes
// over only when no page of this origin is open any more (the browser's
// default), at the next start. A page with a session in progress is never
// reloaded and never finds its files swapped under it.
//
// Chosen against: letting a page that is just starting, alone, ask the
// waiting worker to skipWaiting and reload into it. Tried and measured:
// Chromium activates the new worker only once the old one is idle, and a
// page reloaded meanwhile waits on the activation; too fragile for a start
// that must not hang. A phone that keeps Spry open in the background
// updates once the browser or the patient closes it.
//
// Strategy: cache first for the precached files, whatever their query
// (/?speed=4 and /player.html?program=x are the cached pages); a navigation
// to index.html is answered with "./". Everything else (clinic program files
// named by ?src=, other pages of the origin) goes to the network.

const VERSION = 'dev';
const FILES = [];

const PREFIX = 'spry-';
const CACHE = PREFIX + VERSION;

// cached maps the path of each precached URL to the URL it is stored under.
const cached = new Map(FILES.map((f) => {
  const url = new URL(f, self.location.href);
  return [url.pathname, url.href];
}));

self.addEventListener('install', (event) => {
  event.waitUntil(precache());
});

// precache stores every file under this version's cache. 'no-cache' makes
// each request a conditional one: the HTTP cache may serve what the page has
// just downloaded once the server confirms it (304), and nothing stale gets
// in. One missing
// file fails the install, and the version already active stays in charge.
async function precache() {
  const cache = await caches.open(CACHE);
  await cache.addAll(FILES.map((f) => new Request(f, { cache: 'no-cache' })));
}

self.addEventListener('activate', (event) => {
  event.waitUntil(dropOldCaches());
});

// dropOldCaches deletes the caches of earlier versions. It runs only when
// this version becomes active, that is when no page uses an older one.
async function dropOldCaches() {
  const names = await caches.keys();
  await Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
}

self.addEventListener('fetch', (event) => {
  const key = cacheKey(event.request);
  if (key) event.respondWith(fromCache(key, event.request));
});

// cacheKey returns the URL a request's answer is precached under, or '' for
// a request this worker leaves to the network.
function cacheKey(request) {
  if (request.method !== 'GET') return '';
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return '';
  let path = url.pathname;
  if (request.mode === 'navigate' && path.endsWith('/index.html')) {
    path = path.slice(0, -'index.html'.length);
  }
  return cached.get(path) || '';
}

// fromCache answers from this version's cache, or from the network when the
// browser has evicted the entry.
async function fromCache(key, request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key);
  return hit || fetch(request);
}

self.addEventListener('message', (event) => {
  if (event.data?.type !== 'version') return;
  // Which version serves the page, and how many windows of this origin are
  // open (for the browser tests, which must not attach DevTools to a worker:
  // Chromium then never lets it go idle, and the next version never activates).
  const port = event.ports[0];
  event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true })
    .then((list) => port?.postMessage({ version: VERSION, cache: CACHE, windows: list.length })));
});
