// The administration API as the screens call it: JSON in and out, the session cookie (HttpOnly, so this page
// never sees it) sent by the browser, and every error turned into an ApiError with the gateway's one shape,
// {code, message, detail, field?}: message in the page's language, field naming the field at fault.
import { t, lang } from './i18n.js';

export class ApiError extends Error {
  /** @param status the HTTP status, 0 when the gateway could not be reached */
  constructor(status, { code, message, detail, field } = {}) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    this.code = code || (status === 0 ? 'NETWORK' : `HTTP_${status}`);
    this.detail = detail || '';
    this.field = field || null;
  }
}

const hooks = { unauthenticated: () => {}, reachable: () => {} };

/** What to do when a call finds no valid session (401): show the login form again. */
export function onUnauthenticated(handler) {
  hooks.unauthenticated = handler;
}

/** Told after every call whether the gateway answered at all (for the connection indicator). */
export function onReachable(handler) {
  hooks.reachable = handler;
}

/**
 * Calls the gateway. Resolves with the JSON answer (null for 204), or with the Response itself when {raw: true}
 * (a file to save, such as a report's CSV); rejects with an ApiError. A 401 also tells onUnauthenticated, unless
 * {login: true} (the login and who-am-I calls handle their own 401).
 */
export async function api(method, path, body, { login = false, accept = 'application/json', raw = false } = {}) {
  const headers = { accept, 'accept-language': lang() };
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  // The gateway words an error's message in English when asked with ?lang=en (and in Vietnamese otherwise).
  const url = lang() === 'en' ? `${path}${path.includes('?') ? '&' : '?'}lang=en` : path;
  let response;
  try {
    response = await fetch(url, init);
  } catch (e) {
    hooks.reachable(false);
    throw new ApiError(0, { code: 'NETWORK', message: t('error.NETWORK'), detail: String(e) });
  }
  hooks.reachable(true);
  if (raw && response.ok) return response;
  if (response.status === 204) return null;
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (response.ok) return json;
  // The gateway wraps errors as {"error": {...}}; the administration contract names the inner object. Both work.
  const shape = json && typeof json === 'object' ? (json.error && typeof json.error === 'object' ? json.error : json) : {};
  const error = new ApiError(response.status, {
    code: shape.code,
    message: shape.message || t('admin.error.http', { status: response.status }),
    detail: shape.detail,
    field: shape.field,
  });
  error.retryAfter = Number(response.headers.get('retry-after')) || null;
  if (response.status === 401 && !login) hooks.unauthenticated(error);
  throw error;
}

/** A path with its parts escaped: path`/api/v1/admin/centres/${id}` would not escape; this does. */
export function path(strings, ...parts) {
  return strings.reduce((out, s, i) => out + s + (i < parts.length ? encodeURIComponent(parts[i]) : ''), '');
}
