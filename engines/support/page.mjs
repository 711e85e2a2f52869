/**
 * What the suite runs inside the page. The same source goes to both drivers (puppeteer's `evaluate`, and
 * WebDriver's Execute Script), so the app is found the same way in every engine: by role and accessible
 * name, through the open shadow roots of its Lit components, as Playwright's getByRole does in Chromium.
 */

/**
 * Put first in every served page's `<head>`, before the page's Content-Security-Policy (which does not
 * apply to what precedes it). WebDriver classic has no console API: this keeps the page's uncaught errors,
 * unhandled rejections, CSP violations and `console.error` calls for the suite to read.
 */
export const PAGE_ERROR_PROBE = `<script>(() => {
  const errors = (window.__enginesPageErrors = []);
  const text = (value) => (value instanceof Error ? String(value) + (value.stack ? ' ' + value.stack : '') : String(value));
  addEventListener('error', (event) => {
    if (event.target !== window) return; // a resource that failed to load; the flows check what they need
    errors.push('uncaught: ' + event.message + ' (' + event.filename + ':' + event.lineno + ')');
  }, true);
  addEventListener('unhandledrejection', (event) => errors.push('unhandled rejection: ' + text(event.reason)));
  addEventListener('securitypolicyviolation', (event) => errors.push('CSP: ' + event.violatedDirective + ' blocked ' + event.blockedURI));
  const consoleError = console.error;
  console.error = function (...args) {
    errors.push('console.error: ' + args.map(text).join(' '));
    return consoleError.apply(this, args);
  };
})();</script>`;

/**
 * The helpers, as one self-contained function (its source is sent to the page, so it may use nothing from
 * this module). A query is `{ role, name?, text?, within? }`: `name` is the exact accessible name, `text`
 * the exact (whitespace-collapsed) text content, `within` a query for a container. Only elements that are
 * rendered and not aria-hidden match, as in the accessibility tree.
 */
export function pageLib() {
  const collapse = (text) => (text ?? '').replace(/\s+/g, ' ').trim();

  /** Every element of the page, the content of open shadow roots included, in tree order. */
  function* everything(root) {
    for (const element of root.querySelectorAll('*')) {
      yield element;
      if (element.shadowRoot) yield* everything(element.shadowRoot);
    }
  }

  /** The composed parent: across a shadow root to its host. */
  const parentOf = (element) => element.parentElement ?? element.getRootNode().host ?? null;

  function isInside(element, container) {
    for (let node = element; node; node = parentOf(node)) if (node === container) return true;
    return false;
  }

  function isShown(element) {
    for (let node = element; node; node = parentOf(node)) {
      if (node.getAttribute('aria-hidden') === 'true' || node.hidden) return false;
    }
    if (typeof element.checkVisibility === 'function') return element.checkVisibility({ visibilityProperty: true });
    return element.getClientRects().length > 0;
  }

  function roleOf(element) {
    const explicit = element.getAttribute('role');
    if (explicit) return explicit.trim().split(/\s+/)[0];
    switch (element.localName) {
      case 'button':
        return 'button';
      case 'a':
        return element.hasAttribute('href') ? 'link' : null;
      case 'ul':
      case 'ol':
        return 'list';
      case 'li':
        return 'listitem';
      case 'section':
        return nameOf(element) ? 'region' : null;
      case 'dialog':
        return 'dialog';
      case 'progress':
        return 'progressbar';
      case 'output':
        return 'status';
      case 'textarea':
        return 'textbox';
      case 'input': {
        const type = (element.getAttribute('type') ?? 'text').toLowerCase();
        if (['button', 'submit', 'reset', 'image'].includes(type)) return 'button';
        if (type === 'range') return 'slider';
        if (type === 'search') return 'searchbox';
        if (type === 'checkbox' || type === 'radio') return type;
        return ['text', 'email', 'url', 'tel', ''].includes(type) ? 'textbox' : null;
      }
      default:
        return null;
    }
  }

  /** Roles whose name may come from their content (WAI-ARIA "name from: contents"). */
  const NAMED_BY_CONTENT = new Set(['button', 'link', 'menuitem', 'tab', 'option', 'checkbox', 'radio', 'heading', 'cell']);

  function nameOf(element) {
    const labelledBy = element.getAttribute('aria-labelledby');
    if (labelledBy) {
      const root = element.getRootNode();
      const text = labelledBy
        .split(/\s+/)
        .map((id) => root.getElementById?.(id)?.textContent ?? '')
        .join(' ');
      if (collapse(text)) return collapse(text);
    }
    const label = element.getAttribute('aria-label');
    if (collapse(label)) return collapse(label);
    if (element.labels?.length) return collapse([...element.labels].map((labelElement) => labelElement.textContent).join(' '));
    if (NAMED_BY_CONTENT.has(roleOf(element)) && collapse(element.textContent)) return collapse(element.textContent);
    return collapse(element.getAttribute('title'));
  }

  function matches(element, { role, name, text }) {
    if (role !== undefined && roleOf(element) !== role) return false;
    if (name !== undefined && nameOf(element) !== name) return false;
    if (text !== undefined && collapse(element.textContent) !== text) return false;
    return isShown(element);
  }

  function findAll(query) {
    const containers = query.within ? findAll(query.within) : null;
    if (containers && containers.length === 0) return [];
    const found = [];
    for (const element of everything(document)) {
      if (containers && !containers.some((container) => container !== element && isInside(element, container))) continue;
      if (matches(element, query)) found.push(element);
    }
    return found;
  }

  function find(query) {
    return findAll(query)[0] ?? null;
  }

  const isDisabled = (element) => Boolean(element.disabled) || element.getAttribute('aria-disabled') === 'true';

  function audioElements() {
    return [...everything(document)].filter((element) => element.localName === 'audio');
  }

  return {
    /** The first match itself (the first enabled one, with `enabled: true`), for the driver to click as a person would. */
    element: (query) => findAll(query).find((element) => !query.enabled || !isDisabled(element)) ?? null,

    /** In the shadow root of the first `host` element, the first match of `selector` (the app's hidden file inputs). */
    inShadowOf: (host, selector) =>
      [...everything(document)].find((element) => element.localName === host)?.shadowRoot?.querySelector(selector) ?? null,

    /** What a person can read off the first match, or null when there is none. */
    describe(query) {
      const element = find(query);
      if (!element) return null;
      return {
        count: findAll(query).length,
        name: nameOf(element),
        text: collapse(element.textContent),
        value: 'value' in element ? element.value : null,
        max: element.getAttribute('max'),
        valueText: element.getAttribute('aria-valuetext'),
        disabled: isDisabled(element),
      };
    },

    /** The texts of every match, in order. */
    texts: (query) => findAll(query).map((element) => collapse(element.textContent)),

    /** The titles (`.title`) of a list's items, in order: what a person reads down the list. */
    listTitles: (listName) =>
      findAll({ role: 'listitem', within: { role: 'list', name: listName } }).map((item) =>
        collapse(item.querySelector('.title')?.textContent),
      ),

    /** Sets a slider or text field as dragging or typing would end: value, then `input` and `change`. */
    fill(query, value) {
      const element = find(query);
      if (!element) throw new Error(`no ${query.role} named ${query.name}`);
      element.value = String(value);
      element.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      element.dispatchEvent(new Event('change', { bubbles: true }));
    },

    /** The page's `<audio>` elements (the app must have exactly one) and what the first is doing. */
    audio() {
      const elements = audioElements();
      const audio = elements[0];
      return {
        count: elements.length,
        paused: audio ? audio.paused : true,
        ended: audio ? audio.ended : false,
        currentTime: audio ? audio.currentTime : 0,
        readyState: audio ? audio.readyState : 0,
        src: audio ? audio.currentSrc : '',
        error: audio?.error ? { code: audio.error.code, message: audio.error.message } : null,
      };
    },

    /** What the page-error probe kept, and empties it; null when the probe is not on the page. */
    takeErrors() {
      const errors = window.__enginesPageErrors;
      if (!location.protocol.startsWith('http')) return []; // about:blank, before the app is opened
      if (!Array.isArray(errors)) return null;
      return errors.splice(0, errors.length);
    },

    visibility: () => document.visibilityState,

    serviceWorkerReady: () => navigator.serviceWorker.ready.then(() => true),

    controlled: () => navigator.serviceWorker.controller !== null,

    /** What the app stored for this device (IndexedDB `mediastream`, `playback_states`), without creating anything. */
    storedRecord() {
      const deviceId = localStorage.getItem('mediastream.deviceId');
      return new Promise((resolve, reject) => {
        const request = indexedDB.open('mediastream');
        request.onupgradeneeded = () => request.transaction.abort();
        request.onerror = () => resolve(null);
        request.onsuccess = () => {
          const db = request.result;
          const get = db.transaction('playback_states').objectStore('playback_states').get(deviceId);
          get.onsuccess = () => {
            db.close();
            resolve(get.result ?? null);
          };
          get.onerror = () => reject(get.error);
        };
      });
    },
  };
}

/** A JavaScript expression that calls one helper with JSON arguments, for either driver. */
export function pageCall(name, args) {
  return `(${pageLib.toString()})()[${JSON.stringify(name)}](...${JSON.stringify(args)})`;
}

/** A query as a sentence, for messages. */
export function describeQuery({ role, name, text, within }) {
  const what = `${role ?? 'element'}${name === undefined ? '' : ` “${name}”`}${text === undefined ? '' : ` reading “${text}”`}`;
  return within ? `${what} in ${describeQuery(within)}` : what;
}
