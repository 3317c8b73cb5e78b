// <spry-player>: Spry on a clinic's own web page, with one script tag.
//
//   <script type="module" src="https://spry.example-clinic.ca/embed.js"></script>
//   <spry-player program="low-back-first-week" lang="fr" theme="#0b6e69"
//                clinic="Clinique Exemple" logo="logo.png"></spry-player>
//
// The element creates an iframe of the player from the origin this script
// was loaded from (never the host page's), so the player's storage and its
// service worker belong to the player's origin, whichever page shows it.
// Attributes become the player's query parameters; changing one reloads the
// frame, except theme, which is sent to the running player. The player's
// messages come back as DOM events on the element:
//
//   spry-ready              the player is up (detail: {})
//   spry-session-started    a session began (detail: {} — or {painBefore}
//                           with share-health-data)
//   spry-session-completed  a session ended (detail: {exercises, sets,
//                           minutes} — plus painBefore, painAfter, effort
//                           and note with share-health-data)
//   spry-error              the player could not start (detail: {})
//
// Counts only, by default: pain, effort and notes are health data and leave
// the player only when the page sets the share-health-data attribute.
//
// No dependencies, no inline style (the styles are constructed in script,
// which a Content-Security-Policy without 'unsafe-inline' allows).

const playerOrigin = new URL(import.meta.url).origin;

// Attributes passed to the player as query parameters of the same name.
const PASSED = ['program', 'src', 'lang', 'theme', 'clinic', 'speed'];

// Messages the player sends, and the event each becomes.
const EVENTS = {
  'spry:ready': 'spry-ready',
  'spry:session-started': 'spry-session-started',
  'spry:session-completed': 'spry-session-completed',
  'spry:error': 'spry-error',
};

// The fields of a message that may reach the page, by message type. Anything
// else the player might send is dropped here too.
const DETAIL = {
  'spry:ready': [],
  'spry:session-started': ['painBefore'],
  'spry:session-completed': ['exercises', 'sets', 'minutes', 'painBefore', 'painAfter', 'effort', 'note'],
  'spry:error': [],
};

// The frame never gets shorter than this: the figure needs room.
const MIN_HEIGHT = 560;
// Nor taller than this, whatever a page inside it reports.
const MAX_HEIGHT = 6000;

const css = `
:host { display: block; width: 100%; }
:host([hidden]) { display: none; }
iframe { display: block; width: 100%; height: ${MIN_HEIGHT}px; min-height: ${MIN_HEIGHT}px; border: 0; }
`;

// styleFor attaches the element's styles to its shadow root: a constructed
// style sheet where the browser has them, the iframe's own style otherwise.
function styleFor(root, frame) {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function') {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [sheet];
      return;
    } catch {
      // Fall through to the iframe's style.
    }
  }
  Object.assign(frame.style, { display: 'block', width: '100%', height: `${MIN_HEIGHT}px`, border: '0' });
}

// logoURL resolves a logo address against the host page and keeps it only if
// it is https, or on the player's own origin.
function logoURL(value) {
  if (!value) return '';
  try {
    const url = new URL(value, document.baseURI);
    if (url.protocol === 'https:' || url.origin === playerOrigin) return url.href;
  } catch {
    // Not a URL.
  }
  console.warn(`spry-player: logo ${JSON.stringify(value)} is ignored: use an https address or one on ${playerOrigin}`);
  return '';
}

/** The <spry-player> element. */
export class SpryPlayer extends HTMLElement {
  static get observedAttributes() {
    return [...PASSED, 'logo', 'mode', 'share-health-data'];
  }

  constructor() {
    super();
    this.frame = document.createElement('iframe');
    this.frame.allow = 'screen-wake-lock; autoplay';
    const root = this.attachShadow({ mode: 'open' });
    styleFor(root, this.frame);
    root.append(this.frame);
    this.onMessage = this.onMessage.bind(this);
    this.pending = 0;
    this.ready = false;
  }

  connectedCallback() {
    window.addEventListener('message', this.onMessage);
    this.load();
  }

  disconnectedCallback() {
    window.removeEventListener('message', this.onMessage);
    cancelAnimationFrame(this.pending);
  }

  attributeChangedCallback(name, old, value) {
    if (!this.isConnected || old === value) return;
    if (name === 'theme' && this.ready) {
      // The running player takes the colour as it is; no reload.
      this.post({ type: 'spry:theme', theme: value || '' });
      return;
    }
    // Several attributes set in a row reload the frame once.
    cancelAnimationFrame(this.pending);
    this.pending = requestAnimationFrame(() => this.load());
  }

  /** The address of the player page the frame shows now. */
  get src() {
    const page = this.getAttribute('mode') === 'preview' ? './player.html' : './index.html';
    const url = new URL(page, import.meta.url);
    for (const name of PASSED) {
      const v = this.getAttribute(name);
      if (v) url.searchParams.set(name, v);
    }
    const logo = logoURL(this.getAttribute('logo'));
    if (logo) url.searchParams.set('logo', logo);
    if (this.hasAttribute('share-health-data')) url.searchParams.set('share', 'health');
    // Tells the player whom to talk to (the referrer may be withheld), and
    // that this frame takes the height its content needs.
    url.searchParams.set('host', location.origin);
    url.searchParams.set('fit', 'content');
    return url.href;
  }

  load() {
    cancelAnimationFrame(this.pending);
    this.pending = 0;
    const fr = (this.getAttribute('lang') || document.documentElement.lang || '').startsWith('fr');
    const clinic = this.getAttribute('clinic');
    const name = fr ? 'Lecteur d’exercices Spry' : 'Spry exercise player';
    this.frame.title = clinic ? `${name} — ${clinic}` : name;
    const src = this.src;
    if (this.frame.src !== src) {
      this.ready = false;
      this.frame.src = src;
    }
  }

  /** Sends a command to the player (only its own origin can receive it). */
  post(message) {
    this.frame.contentWindow?.postMessage(message, playerOrigin);
  }

  onMessage(event) {
    // Only this element's own frame, showing the player's origin, is heard.
    if (event.source !== this.frame.contentWindow || event.origin !== playerOrigin) return;
    const data = event.data;
    if (!data || typeof data !== 'object' || typeof data.type !== 'string') return;
    if (data.type === 'spry:height') {
      const h = Number(data.height);
      if (Number.isFinite(h)) {
        this.frame.style.height = `${Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, h)))}px`;
      }
      return;
    }
    const name = EVENTS[data.type];
    if (!name) return;
    if (data.type === 'spry:ready') this.ready = true;
    const detail = {};
    for (const key of DETAIL[data.type]) {
      const v = data[key];
      if (typeof v === 'number' || typeof v === 'string') detail[key] = v;
    }
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

if (!customElements.get('spry-player')) customElements.define('spry-player', SpryPlayer);
