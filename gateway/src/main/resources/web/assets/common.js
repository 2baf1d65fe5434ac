// What every screen shares: the centre's configuration, device login, the MQTT connection and its
// indicator, request ids, and how waits and errors are worded.

import { MqttClient } from './mqtt-ws.js';
import { t, lang, initLanguage, onLanguageChange } from './i18n.js';

export { t, lang, onLanguageChange };

/** The centre asked for in the query (?c=), or null for the gateway's configured one. */
export function requestedCentre() {
  const c = new URLSearchParams(location.search).get('c');
  return c && /^[A-Za-z0-9_-]{1,64}$/.test(c) ? c : null;
}

/**
 * GET /api/v1/pages/config, retried with backoff: a hall TV may boot before the gateway does.
 * An unknown centre is final and rejects.
 */
export async function loadConfig() {
  const c = requestedCentre();
  // lang: an unknown centre's error message comes in the page's language.
  const url = '/api/v1/pages/config?lang=' + lang() + (c ? '&c=' + encodeURIComponent(c) : '');
  let delay = 1000;
  for (;;) {
    try {
      const response = await fetch(url, { cache: 'no-store' });
      if (response.ok) {
        const config = await response.json();
        // How far this device's clock is from the gateway's (a TV box with no network time drifts): see centreNow.
        const server = Date.parse(config.serverTime);
        config.clockOffset = Number.isNaN(server) ? 0 : server - Date.now();
        return config;
      }
      const body = await response.json().catch(() => ({}));
      if (response.status === 404) throw Object.assign(new Error((body.error && body.error.message) || 'unknown centre'), { code: (body.error && body.error.code) || 'UNKNOWN_CENTRE' });
    } catch (e) {
      if (e.code) throw e;
    }
    setConnection('offline');
    await sleep(delay);
    delay = Math.min(delay * 2, 30000);
  }
}

/** Now by the gateway's clock (the device's own, corrected by the offset measured when the config loaded). */
export function centreNow(config) {
  return new Date(Date.now() + ((config && config.clockOffset) || 0));
}

export function sleep(ms) {
  return new Promise(resolve => setTimeout(resolve, ms));
}

export function setConnection(state) {
  const el = document.getElementById('connection');
  if (!el) return;
  el.dataset.state = state;
  el.textContent = t('connection.' + state);
}

/** A fresh request id. crypto.randomUUID exists only in secure contexts, and centres often use plain http. */
export function uuid() {
  if (globalThis.crypto && typeof crypto.randomUUID === 'function' && globalThis.isSecureContext) {
    return crypto.randomUUID();
  }
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The MQTT client id of this screen for this device, kept in localStorage so that the gateway keeps
 * the session (and queues missed calls) across reloads, e.g. "hall-1-web-3f9a1c".
 */
export function clientId(screen, device) {
  const key = `onedesk.clientId.${screen}.${device}`;
  let id = localStorage.getItem(key);
  if (!id) {
    const random = Array.from(crypto.getRandomValues(new Uint8Array(3)), x => x.toString(16).padStart(2, '0')).join('');
    id = `${device}-web-${random}`;
    localStorage.setItem(key, id);
  }
  return leaseSlot(id);
}

const TAB = Math.random().toString(36).slice(2);
const LEASE_MS = 12000;

/**
 * A second tab of the same screen in the same browser must not share its client id: each connection
 * would take the session over from the other, for ever. Tabs hold a lease per id in localStorage (Web
 * Locks need https, which centres seldom have); a tab that finds an id leased takes the next slot, id-2.
 */
const leased = new Map();

function leaseSlot(id) {
  if (!leased.has(id)) leased.set(id, takeSlot(id));
  return leased.get(id);
}

function takeSlot(id) {
  for (let slot = 1; slot < 10; slot++) {
    const candidate = slot === 1 ? id : `${id}-${slot}`;
    const leaseKey = `onedesk.lease.${candidate}`;
    let lease = null;
    try {
      lease = JSON.parse(localStorage.getItem(leaseKey) || 'null');
    } catch (e) { /* a broken lease is no lease */ }
    if (!lease || lease.tab === TAB || Date.now() - lease.at > LEASE_MS) {
      const renew = () => localStorage.setItem(leaseKey, JSON.stringify({ tab: TAB, at: Date.now() }));
      renew();
      setInterval(renew, LEASE_MS / 3);
      addEventListener('pagehide', () => localStorage.removeItem(leaseKey));
      return candidate;
    }
  }
  return `${id}-${TAB}`;
}

export function mqttUrl(config) {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${config.mqttPath || '/mqtt'}`;
}

export function topicPrefix(config) {
  return `onedesk/v1/${config.centre}/`;
}

/** Connects as a device; the connection state is shown in #connection. */
export function connect(config, screen, credentials, handlers) {
  const client = new MqttClient({
    url: mqttUrl(config),
    clientId: clientId(screen, credentials.device),
    username: credentials.device,
    password: credentials.password,
    keepAlive: 30,
    cleanSession: false,
    onState: state => {
      setConnection(state);
      if (handlers.onState) handlers.onState(state);
    },
    onConnect: sessionPresent => handlers.onConnect && handlers.onConnect(client, sessionPresent),
    onMessage: (topic, text, meta) => {
      // An empty retained message clears a topic (a rating pad's prompt): pages that listen for it say so.
      if (text === '' && handlers.onEmpty) {
        handlers.onEmpty(topic, meta);
        return;
      }
      let json;
      try {
        json = JSON.parse(text);
      } catch (e) {
        console.warn('not JSON on', topic);
        return;
      }
      handlers.onMessage(topic, json, meta);
    },
    onRefused: (code, reason) => handlers.onRefused && handlers.onRefused(code, reason),
  });
  client.start();
  return client;
}

// --- credentials of unattended screens (hall, counter display, kiosk) ---

const credentialKey = role => `onedesk.credentials.${role}`;

/** Demo credentials from the config, else the ones this screen stored at its last login, else null. */
export function storedCredentials(config, role) {
  if (config.demo && config.credentials && config.credentials[role]) return config.credentials[role];
  try {
    const stored = JSON.parse(localStorage.getItem(credentialKey(role)) || 'null');
    return stored && stored.device && stored.password ? stored : null;
  } catch (e) {
    return null;
  }
}

export function rememberCredentials(role, credentials) {
  localStorage.setItem(credentialKey(role), JSON.stringify({ device: credentials.device, password: credentials.password }));
}

export function forgetCredentials(role) {
  localStorage.removeItem(credentialKey(role));
}

/**
 * Shows form#login and resolves with what was typed. Used by unattended screens outside the demo
 * (once; the credentials are then remembered) and after the gateway refused the stored ones.
 */
export function askCredentials(prefill = {}, problem = null) {
  const form = document.getElementById('login');
  form.hidden = false;
  blockPageBehind(form, true);
  setConnection('signedOut'); // not "connecting": nothing connects until the form is sent
  form.elements.device.value = prefill.device || '';
  form.elements.password.value = prefill.password || '';
  const error = form.querySelector('.login-error');
  if (error) {
    if (problem) showError(error, 'NOT_AUTHORISED', t('login.badCredentials'));
    else clearError(error);
  }
  return new Promise(resolve => {
    form.onsubmit = event => {
      event.preventDefault();
      const credentials = { device: form.elements.device.value.trim(), password: form.elements.password.value };
      if (!credentials.device || !credentials.password) return;
      form.hidden = true;
      blockPageBehind(form, false);
      resolve(credentials);
    };
  });
}

/**
 * While the login overlay is up, nothing behind it may be used: a kiosk's service button tapped beside
 * the form would otherwise start a request on a screen that is not connected. Everything but the form
 * and the top bar (so the language can still be switched) is made inert, which also keeps the keyboard
 * out, and body.login-open dims it behind a backdrop that takes every tap.
 */
function blockPageBehind(form, blocked) {
  document.body.classList.toggle('login-open', blocked);
  for (const child of document.body.children) {
    if (child !== form && !child.classList.contains('topbar')) child.inert = blocked;
  }
}

// --- wording ---

const timeFormats = new Map();

/**
 * An instant (a Date, an ISO string or epoch milliseconds) as the centre's wall-clock time, e.g. "09:30",
 * or with the date when withDate. Always in the centre's time zone (config.timeZone, an IANA id such as
 * Asia/Ho_Chi_Minh), never the browser's: a TV box or a kiosk is often left on UTC, and a citizen's phone
 * may be set to anywhere. Every time a screen shows or prints goes through here. (Only a config without
 * timeZone, from an older gateway, leaves the device's own zone.)
 */
export function formatTime(config, instant, { withDate = false } = {}) {
  const date = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(date.getTime())) return '';
  const locale = lang() === 'en' ? 'en-GB' : 'vi-VN';
  const zone = (config && config.timeZone) || undefined;
  const key = `${locale}|${zone}|${withDate}`;
  let format = timeFormats.get(key);
  if (!format) {
    const options = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    if (withDate) Object.assign(options, { day: '2-digit', month: '2-digit', year: 'numeric' });
    try {
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone });
    } catch (e) {
      // A zone this browser's time-zone data lacks: its own zone is the only clock left to show.
      console.warn('unknown time zone', zone, e);
      format = new Intl.DateTimeFormat(locale, options);
    }
    timeFormats.set(key, format);
  }
  return format.format(date);
}

/** {text, band} for an EstimatedWaitView {seconds, lowSeconds, highSeconds}: "khoảng 15 phút", "10–20 phút". */
export function formatWait(wait) {
  if (!wait || typeof wait.seconds !== 'number') return { text: t('wait.unknown'), band: '' };
  if (wait.highSeconds === 0) return { text: t('wait.none'), band: '' };
  const minutes = Math.round(wait.seconds / 60);
  const low = Math.floor(wait.lowSeconds / 60);
  const high = Math.max(low, Math.ceil(wait.highSeconds / 60));
  const text = minutes < 1 ? t('wait.underOne') : t('wait.about', { n: minutes });
  const band = high > 0 && high !== low ? t('wait.band', { low, high }) : '';
  return { text, band };
}

/**
 * What to show instead of an estimate when a service is not being served, or null when it is (OPEN, or a
 * gateway that does not say): "Chưa có quầy mở", "Ngoài giờ làm việc – mở lại lúc 13:30". opensAt is UTC on
 * the wire; it is shown in the centre's time zone (config.timeZone), whatever the device's own zone is.
 */
export function serviceStateText(serviceState, opensAt, config) {
  // NO_COUNTER with opensAt: outside the hours of a centre that still issues tickets; say when counters return.
  if (serviceState === 'NO_COUNTER' && !opensAt) return t('service.NO_COUNTER');
  if (serviceState !== 'CLOSED' && serviceState !== 'NO_COUNTER') return null;
  const at = opensAt ? new Date(opensAt) : null;
  if (!at || Number.isNaN(at.getTime())) return t('service.CLOSED');
  const options = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  let time;
  try {
    time = new Intl.DateTimeFormat('vi-VN', { ...options, timeZone: (config && config.timeZone) || undefined }).format(at);
  } catch (e) { // an unknown zone: the device's own is better than nothing
    time = new Intl.DateTimeFormat('vi-VN', options).format(at);
  }
  return t('service.reopensAt', { time });
}

/** The person-readable message for an ErrorCode, in the page's language (texts come from ErrorCode). */
export function errorMessage(config, code, fallback) {
  const known = config && config.errors && config.errors[code];
  if (known) return lang() === 'en' ? known.en : known.vi;
  if (code === 'NETWORK' || code === 'TIMEOUT') return t('error.NETWORK');
  return fallback || code;
}

/** Shows an error on el: data-code, the message, and the code itself for the support desk. */
export function showError(el, code, message) {
  el.hidden = false;
  el.dataset.code = code;
  el.replaceChildren();
  const text = document.createElement('span');
  text.className = 'error-message';
  text.textContent = message;
  const codeEl = document.createElement('span');
  codeEl.className = 'error-code';
  codeEl.textContent = `${t('error.code')}: ${code}`;
  el.append(text, ' ', codeEl);
}

export function clearError(el) {
  el.hidden = true;
  delete el.dataset.code;
  el.replaceChildren();
}

export function counterLabel(number) {
  return t('counter.numbered', { n: number });
}

/** Page boot: language and the connection indicator in its first state. */
export function initPage() {
  initLanguage();
  setConnection('connecting');
  onLanguageChange(() => {
    const el = document.getElementById('connection');
    if (el) setConnection(el.dataset.state || 'connecting');
  });
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  node.append(...children.filter(c => c != null));
  return node;
}
