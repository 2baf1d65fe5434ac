// The administration (/admin): a person logs in with their staff account (POST /api/v1/auth/login, which sets
// the HttpOnly session cookie), and the page then reads and changes the centres through the administration
// API. Until GET /api/v1/auth/me says who is logged in, the page shows only the login form and asks for no data.
//
// One page, several views chosen by the address's #fragment: #/centres, #/centres/{id}, #/live/{id},
// #/province, #/reports, #/staff, #/audit. Each view renders into #view; a view that refreshes itself (the live
// and province views) does so through ctx.every, which stops when another view is shown or the person logs out.
import { addTexts } from './i18n.js';
import { TEXTS } from './admin-texts.js';
import { initPage, setConnection, onLanguageChange, t, el } from './common.js';
import { api, onUnauthenticated, onReachable, ApiError } from './admin-api.js';
import { announce, clearAlert, clearStatus, closeDialogs, errorBox, tx } from './admin-ui.js';
import { centresView, centreView } from './admin-centres.js';
import { liveView, provinceView } from './admin-live.js';
import { reportsView, auditView } from './admin-reports.js';
import { staffView } from './admin-staff.js';

addTexts(TEXTS);
initPage();
setConnection('connecting');

const ROUTES = {
  centres: { render: centresView, nav: 'centres' },
  centre: { render: centreView, nav: 'centres' },
  live: { render: liveView, nav: 'live' },
  province: { render: provinceView, nav: 'province' },
  reports: { render: reportsView, nav: 'reports' },
  staff: { render: staffView, nav: 'staff' },
  audit: { render: auditView, nav: 'audit' },
};

const state = {
  me: null,
  generation: 0,
  timers: [],
};

const $ = id => document.getElementById(id);

onUnauthenticated(() => showLogin('admin.login.expired'));
onReachable(reached => setConnection(reached ? (state.me ? 'online' : 'signedOut') : 'offline'));
onLanguageChange(() => {
  labelNav();
  if (state.me) {
    showWho();
    render(false);
  }
});

main();

async function main() {
  labelNav();
  $('login').addEventListener('submit', login);
  $('logout').addEventListener('click', logout);
  addEventListener('hashchange', () => render(true));
  await whoAmI();
}

/** Who is logged in, if anyone: GET /api/v1/auth/me; a gateway that cannot be reached is asked again. */
async function whoAmI() {
  let delay = 1000;
  for (;;) {
    try {
      signedIn(await api('GET', '/api/v1/auth/me', undefined, { login: true }));
      return;
    } catch (e) {
      if (e.status === 401) {
        showLogin();
        return;
      }
      if (e.status !== 0) {
        showLogin();
        $('login-error').hidden = false;
        $('login-error').replaceChildren(errorBox(e));
        return;
      }
    }
    setConnection('offline');
    await new Promise(resolve => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 30000);
  }
}

async function login(event) {
  event.preventDefault();
  const form = $('login');
  const error = $('login-error');
  const username = form.elements.username.value.trim();
  const password = form.elements.password.value;
  error.hidden = true;
  for (const input of [form.elements.username, form.elements.password]) input.removeAttribute('aria-invalid');
  const missing = !username ? form.elements.username : !password ? form.elements.password : null;
  if (missing) {
    showLoginError(new ApiError(400, { code: 'INVALID_FIELD', message: t('admin.form.required') }), missing);
    return;
  }
  const submit = form.querySelector('button[type=submit]');
  submit.disabled = true;
  try {
    const me = await api('POST', '/api/v1/auth/login', { username, password }, { login: true });
    form.elements.password.value = '';
    signedIn(me);
  } catch (e) {
    if (e.status === 401) {
      showLoginError(new ApiError(401, { code: e.code, message: t('admin.login.refused') }), form.elements.password);
    } else if (e.status === 429) {
      const message = e.retryAfter ? t('admin.login.locked', { s: e.retryAfter }) : e.message;
      showLoginError(new ApiError(429, { code: e.code, message }), form.elements.password);
    } else {
      showLoginError(e, form.elements.username);
    }
  } finally {
    submit.disabled = false;
  }
}

function showLoginError(e, input) {
  const error = $('login-error');
  error.replaceChildren(errorBox(e));
  error.hidden = false;
  input.setAttribute('aria-invalid', 'true');
  input.focus();
}

async function logout() {
  try {
    await api('POST', '/api/v1/auth/logout', undefined, { login: true });
  } catch (e) {
    // the session is forgotten on this page either way; the gateway ends it at its idle limit
  }
  showLogin('admin.login.loggedOut');
}

function signedIn(me) {
  state.me = me;
  $('login').hidden = true;
  $('login-note').hidden = true;
  $('login-error').hidden = true;
  $('app').hidden = false;
  $('logout').hidden = false;
  showWho();
  for (const link of document.querySelectorAll('[data-admin-only]')) link.hidden = !isAdmin();
  setConnection('online');
  // An officer's account works a counter, not the administration: say so, and ask the gateway for nothing.
  document.querySelector('.admin-nav').hidden = !mayAdminister();
  if (!mayAdminister()) {
    stopView();
    $('view').replaceChildren(tx('h2', 'admin.title', { tabindex: '-1' }), tx('p', 'admin.noRights', { id: 'no-rights', class: 'error', role: 'alert' }));
    return;
  }
  if (!location.hash || location.hash === '#' || location.hash === '#/') history.replaceState(null, '', '#/centres');
  render(true);
}

/** The login form, and nothing else: whatever the last session showed is removed from the page. */
function showLogin(noteKey) {
  state.me = null;
  stopView();
  closeDialogs();
  clearAlert();
  clearStatus();
  $('view').replaceChildren();
  $('app').hidden = true;
  $('who').hidden = true;
  $('who').replaceChildren();
  $('logout').hidden = true;
  const form = $('login');
  form.hidden = false;
  const note = $('login-note');
  note.hidden = !noteKey;
  if (noteKey) {
    note.dataset.i18n = noteKey;
    note.textContent = t(noteKey);
  }
  setConnection('signedOut');
  (form.elements.username.value ? form.elements.password : form.elements.username).focus();
}

/** Whether the account administers anything: an ADMIN everywhere, a CENTRE_MANAGER their centres. */
function mayAdminister() {
  return !!state.me && (state.me.roles || []).some(r => r.role === 'ADMIN' || r.role === 'CENTRE_MANAGER');
}

function isAdmin() {
  return !!state.me && (state.me.roles || []).some(r => r.role === 'ADMIN');
}

function roleText(r) {
  const name = t(`admin.role.${r.role}`);
  return r.centre ? `${name} (${r.centre})` : name;
}

function showWho() {
  const who = $('who');
  const me = state.me;
  who.replaceChildren(el('span', { class: 'who-name', text: me.fullName || me.username }),
    ' ', el('span', { class: 'who-user', text: `(${me.username})` }),
    ' · ', el('span', { class: 'who-roles', text: (me.roles || []).map(roleText).join(', ') }));
  who.setAttribute('aria-label', t('admin.who', { name: me.fullName || me.username }));
  who.hidden = false;
}

function labelNav() {
  const nav = document.querySelector('.admin-nav');
  nav.setAttribute('aria-label', t('admin.nav'));
}

function parseRoute() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [head = 'centres', id] = parts;
  if (head === 'centres' && id) return { name: 'centre', id };
  if (ROUTES[head]) return { name: head, id };
  return { name: 'centres' };
}

function stopView() {
  state.generation++;
  for (const timer of state.timers) clearInterval(timer);
  state.timers = [];
}

/** Shows the view the address names. navigated: the person went there (focus moves to its heading). */
async function render(navigated) {
  if (!state.me || !mayAdminister()) return;
  stopView();
  const generation = state.generation;
  const route = parseRoute();
  const entry = ROUTES[route.name];
  for (const link of document.querySelectorAll('.admin-nav a')) {
    if (link.dataset.route === entry.nav) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const view = $('view');
  view.dataset.view = route.name;
  view.setAttribute('aria-busy', 'true');
  const ctx = {
    me: state.me,
    isAdmin: isAdmin(),
    id: route.id,
    alive: () => generation === state.generation && !!state.me,
    /** Runs fn now and every ms while this view is shown; fn's failures are its own to show. */
    every(ms, fn) {
      if (!ctx.alive()) return;
      state.timers.push(setInterval(() => ctx.alive() && fn(), ms));
    },
    /** Shows the view again with fresh data; focus goes to what selector names, if it is there. */
    async refresh(selector) {
      if (!ctx.alive()) return;
      await render(false);
      const target = selector && document.querySelector(selector);
      if (target) target.focus();
    },
    saved(message) {
      announce(message || t('admin.saved'));
    },
  };
  try {
    const content = await entry.render(ctx);
    if (!ctx.alive()) return;
    view.replaceChildren(...[content].flat().filter(Boolean));
  } catch (e) {
    if (!ctx.alive()) return;
    if (e.status === 401) return; // the login form is already up
    view.replaceChildren(el('h2', { tabindex: '-1', text: t(`admin.nav.${entry.nav}`) }),
      errorBox(e, { role: 'alert' }));
  } finally {
    if (ctx.alive()) view.removeAttribute('aria-busy');
  }
  const heading = view.querySelector('h2');
  if (heading) {
    document.title = `OneDesk – ${heading.textContent}`;
    if (navigated) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
  }
}
