// Counter console: the officer's terminal. It logs in as the counter's own terminal device, so it can do
// exactly what that device may (the gateway enforces it; a refusal is shown as NOT_AUTHORISED).
// The officer then logs in as themselves (HTTP, the session cookie): the console asks for a counter pass and
// opens the counter in their name (OPEN with officer + pass); their logout closes it on the gateway.
// State comes from the retained counters/{id}/now and the replies to its own commands; the line from the
// retained counters/{id}/queue.
import {
  initPage, loadConfig, connect, topicPrefix, onLanguageChange, t, lang, el, uuid, showError, clearError,
  errorMessage, counterLabel, setConnection,
} from './common.js';
import {
  initDossierEntry, dossierFields, clearDossierEntry, renderEntry, showDossierHistory,
} from './counter-dossiers.js';
import { wireOps, opsFields, opsReady, opsDone, callReason, renderParked } from './counter-ops.js';
import * as ops from './counter-operations.js';
import { remoteMark } from './counter-remote.js';

const COMMANDS = ['OPEN', 'CLOSE', 'CALL_NEXT', 'RECALL', 'NO_SHOW', 'START', 'COMPLETE', 'TRANSFER', 'PARK',
  'CALL_NUMBER', 'REQUEUE'];
const ANSWER_TIMEOUT_MS = 15000;
const LAST_DEVICE = 'onedesk.counter.lastDevice';

const state = {
  config: null,
  client: null,
  device: null,
  counter: null, // configured counter {id, number, operator}
  online: false,
  open: null, // null until known
  // {id, name} of the officer bound to the counter by OPEN, from replies and `now`; null: nobody; undefined: not
  // known (a centre that hides officers' names leaves them out of `now`, so only this console's replies tell).
  officer: undefined,
  staff: null, // {username, fullName} of the officer logged in at this console over HTTP, or null
  staffBusy: false, // an officer login, pass or logout on its way
  current: null, // {id, number, service, serviceName, priority, state}
  reason: '',
  queue: null, // CounterQueue
  pending: null, // {request, timer}
  mine: new Set(), // request ids this page sent: only their replies change what it shows
  error: null,
};

initPage();
// Nobody is logged in yet: a neutral state. Red "lost" is for a connection that was made and then lost.
setConnection('signedOut');
onLanguageChange(render);
main().catch(e => fail(e.code || 'INTERNAL', e.message));

async function main() {
  const config = await loadConfig();
  state.config = config;
  document.getElementById('centre-name').textContent = config.centreName;
  const form = document.getElementById('login');
  const select = form.elements.counter;
  select.replaceChildren(...config.counters.map(c => el('option', { value: c.id, text: `${counterLabel(c.number)} (${c.id})` })));
  const demo = config.demo && config.credentials && config.credentials.counter;
  form.elements.device.value = demo ? demo.device : (localStorage.getItem(LAST_DEVICE) || '');
  form.elements.password.value = demo ? demo.password : '';
  matchCounter();
  form.elements.device.addEventListener('input', matchCounter);
  form.addEventListener('submit', event => {
    event.preventDefault();
    login(form.elements.device.value.trim(), form.elements.password.value, select.value);
  });
  document.getElementById('logout').addEventListener('click', logout);
  const officerForm = document.getElementById('officer-login');
  officerForm.addEventListener('submit', event => {
    event.preventDefault();
    officerLogin(officerForm.elements.username.value.trim(), officerForm.elements.password.value);
  });
  document.getElementById('officer-logout').addEventListener('click', officerLogout);
  // An officer still logged in from before (the session cookie) is at this console again.
  whoIsLoggedIn().then(who => {
    if (who && isOfficer(who)) state.staff = { username: who.username, fullName: who.fullName };
    render();
  }).catch(() => {});
  document.getElementById('retry').addEventListener('click', () => state.pending && send(state.pending.request));
  for (const button of document.querySelectorAll('#console button[data-command]')) {
    button.addEventListener('click', () => command(button.dataset.command));
  }
  document.getElementById('transfer-service').addEventListener('change', renderButtons);
  initDossierEntry(renderButtons);
  wireOps(renderButtons);
  ops.listen(render);
  render();
}

/** A terminal named counter-Q05 commands Q05: pick that counter as the device id is typed. */
function matchCounter() {
  const form = document.getElementById('login');
  const device = form.elements.device.value.trim();
  const match = state.config.counters.find(c => device === `counter-${c.id}` || device.endsWith(`-${c.id}`));
  if (match) form.elements.counter.value = match.id;
  else if (state.config.demo && state.config.credentials?.counter?.counter && !device) form.elements.counter.value = state.config.credentials.counter.counter;
}

function login(device, password, counterId) {
  if (!device || !password) return;
  clearError(document.getElementById('error'));
  state.error = null;
  if (state.client) state.client.stop();
  state.device = device;
  state.counter = state.config.counters.find(c => c.id === counterId);
  state.open = null;
  state.officer = undefined;
  state.current = null;
  state.reason = '';
  state.queue = null;
  localStorage.setItem(LAST_DEVICE, device);
  const prefix = topicPrefix(state.config);
  const base = `${prefix}counters/${counterId}/`;
  const topics = {
    replies: base + 'replies', now: base + 'now', queue: base + 'queue', errors: `${prefix}devices/${device}/errors`,
  };
  state.client = connect(state.config, 'counter', { device, password }, {
    onState: s => {
      state.online = s === 'online';
      renderButtons();
    },
    onConnect: client => {
      document.getElementById('login').hidden = true;
      document.getElementById('console').hidden = false;
      document.getElementById('logout').hidden = false;
      render();
      client.subscribe([topics.replies, topics.now, topics.errors, topics.queue]).then(codes => {
        if (codes[0] === 0x80) {
          // This device does not command this counter: the gateway refused its replies.
          fail('NOT_AUTHORISED', errorMessage(state.config, 'NOT_AUTHORISED'));
        }
      }).catch(() => {});
    },
    onMessage: (topic, json) => {
      if (topic === topics.replies) onReply(json);
      else if (topic === topics.now) onNow(json);
      else if (topic === topics.queue) onQueue(json);
      else if (topic === topics.errors) onDeviceError(json, topics);
    },
    onRefused: () => {
      logout();
      fail('NOT_AUTHORISED', t('login.badCredentials'));
    },
  });
}

function logout() {
  if (state.client) state.client.stop();
  state.client = null;
  state.pending = null;
  document.getElementById('console').hidden = true;
  document.getElementById('logout').hidden = true;
  document.getElementById('login').hidden = false;
  document.getElementById('retry').hidden = true;
  document.getElementById('pending').hidden = true;
  setConnection('signedOut');
}

function command(name, extra = {}) {
  if (state.pending) return;
  if (name === 'OPEN' && state.staff) {
    openAsOfficer();
    return;
  }
  // The gateway writes an error's message in the language asked for; the console shows errors by code anyway.
  const request = Object.assign({ requestId: uuid(), command: name, language: lang() }, opsFields(name), extra);
  if (name === 'TRANSFER') Object.assign(request, ops.transferFields());
  if (name === 'REQUEUE') request.ticket = ops.requeueNumber();
  if (name === 'COMPLETE' || name === 'TRANSFER') Object.assign(request, dossierFields());
  if (name === 'OPEN') {
    // An officer named with their PIN (as at a hardware terminal) is bound to the counter until CLOSE. The PIN
    // goes only into this request (and its resend), never into storage, and the field is emptied at once.
    const officer = document.getElementById('officer');
    const pin = document.getElementById('officer-pin');
    if (document.getElementById('pin-entry').open && officer.value.trim()) {
      request.officer = officer.value.trim();
      request.pin = pin.value;
    }
    pin.value = '';
  }
  send(request);
}

// --- the officer's own login (HTTP) ---

/** A JSON call to the gateway's auth API with the session cookie; resolves to {status, body}. */
async function auth(path, body) {
  const init = { method: body === undefined ? 'GET' : 'POST', credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined && body !== null) {
    init.headers = { 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    return { status: 0, body: { error: { code: 'NETWORK' } } };
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  return { status: response.status, body: json };
}

async function whoIsLoggedIn() {
  const answer = await auth('/api/v1/auth/me');
  return answer.status === 200 ? answer.body : null;
}

function isOfficer(who) {
  return (who.roles || []).some(r => r.role === 'OFFICER');
}

function authFailed(answer) {
  const code = (answer.body && answer.body.error && answer.body.error.code) || (answer.status === 0 ? 'NETWORK' : 'INTERNAL');
  fail(code, errorMessage(state.config, code, answer.body && answer.body.error && answer.body.error.message));
  render();
}

async function officerLogin(username, password) {
  if (!username || !password || state.staffBusy) return;
  clearError(document.getElementById('error'));
  hideNotice();
  state.error = null;
  state.staffBusy = true;
  renderOfficer();
  try {
    const answer = await auth('/api/v1/auth/login', { username, password });
    document.getElementById('officer-login').elements.password.value = '';
    if (answer.status !== 200) {
      authFailed(answer);
      return;
    }
    if (!isOfficer(answer.body)) {
      // A manager or an administrator works no counter: their session is not left open on a counter's computer.
      await auth('/api/v1/auth/logout', null);
      fail('FORBIDDEN', errorMessage(state.config, 'FORBIDDEN'));
      render();
      return;
    }
    state.staff = { username: answer.body.username, fullName: answer.body.fullName };
    document.getElementById('officer-login').elements.username.value = '';
    render();
  } finally {
    state.staffBusy = false;
    renderOfficer();
    renderButtons();
  }
  if (state.open !== true || !state.officer || state.officer.id !== state.staff.username) openAsOfficer();
}

/** Asks for a counter pass and sends OPEN with it at once: the counter opens in the logged-in officer's name. */
async function openAsOfficer() {
  if (!state.staff || !state.online || state.pending || state.staffBusy) return;
  state.staffBusy = true;
  renderButtons();
  try {
    const answer = await auth('/api/v1/auth/counter-pass', null);
    if (answer.status === 401) state.staff = null; // the session ended: log in again
    if (answer.status !== 200) {
      authFailed(answer);
      return;
    }
    // The pass goes only into this OPEN (and its resend), never into storage.
    send({ requestId: uuid(), command: 'OPEN', language: lang(), officer: answer.body.officer.id, pass: answer.body.pass });
  } finally {
    state.staffBusy = false;
    renderButtons();
  }
}

/**
 * Logs the officer out: the gateway closes their counter, or leaves it open if it still holds a ticket, and says
 * which. The session ends either way; the console stays the counter's terminal.
 */
async function officerLogout() {
  if (state.staffBusy) return;
  state.staffBusy = true;
  renderOfficer();
  try {
    const answer = await auth('/api/v1/auth/logout', null);
    if (answer.status !== 200 && answer.status !== 204) {
      authFailed(answer);
      return;
    }
    state.staff = null;
    clearError(document.getElementById('error'));
    state.error = null;
    const here = answer.status === 200 ? (answer.body.counters || []).find(c => c.id === state.counter.id && c.open) : null;
    if (here) showNotice(t('officer.stillOpen', { ticket: here.ticket || '' }));
    else hideNotice();
    render();
  } finally {
    state.staffBusy = false;
    renderOfficer();
    renderButtons();
  }
}

function showNotice(text) {
  const notice = document.getElementById('notice');
  notice.textContent = text;
  notice.hidden = false;
}

function hideNotice() {
  const notice = document.getElementById('notice');
  notice.hidden = true;
  notice.textContent = '';
}

/** Sends a command, or sends it again with the same requestId (the gateway answers a repeat with the same reply). */
function send(request) {
  clearTimeout(state.pending && state.pending.timer);
  state.mine.add(request.requestId);
  state.pending = {
    request,
    timer: setTimeout(() => {
      if (state.pending && state.pending.request === request) {
        fail('TIMEOUT', t('console.timeout'));
        document.getElementById('retry').hidden = false;
      }
    }, ANSWER_TIMEOUT_MS),
  };
  clearError(document.getElementById('error'));
  state.error = null;
  document.getElementById('retry').hidden = true;
  renderButtons();
  const topic = `${topicPrefix(state.config)}counters/${state.counter.id}/commands`;
  state.client.publish(topic, JSON.stringify(request), { qos: 1 }).catch(() => {});
}

function onReply(reply) {
  if (!state.mine.has(reply.requestId)) return; // another terminal's, or an old session's
  const request = state.pending && state.pending.request.requestId === reply.requestId ? state.pending.request : null;
  if (state.pending && state.pending.request.requestId === reply.requestId) {
    clearTimeout(state.pending.timer);
    state.pending = null;
    document.getElementById('retry').hidden = true;
  }
  ops.replied(reply, state.current);
  if (reply.error) {
    fail(reply.error.code, errorMessage(state.config, reply.error.code, reply.error.message));
    render();
    return;
  }
  clearError(document.getElementById('error'));
  state.error = null;
  if (reply.counter) {
    state.open = reply.counter.open;
    state.officer = reply.counter.officer || null;
    if (!reply.counter.open) hideNotice();
  }
  const ticket = reply.ticket;
  if (ticket && (ticket.state === 'CALLED' || ticket.state === 'SERVING')) {
    state.current = ticketOf(ticket);
  } else if (['COMPLETE', 'NO_SHOW', 'TRANSFER', 'CLOSE', 'PARK'].includes(reply.command)) {
    state.current = null;
  }
  // The codes listed were this citizen's: sent with COMPLETE or TRANSFER, or moot once they did not come.
  if (['COMPLETE', 'TRANSFER', 'NO_SHOW', 'PARK'].includes(reply.command)) clearDossierEntry();
  if (reply.command === 'CALL_NEXT') state.reason = reply.reason || '';
  if (callReason(reply.command, request)) state.reason = callReason(reply.command, request);
  opsDone(reply.command);
  if (!state.current) state.reason = '';
  render();
}

function onNow(now) {
  state.open = now.open;
  if (!now.open) {
    state.officer = null;
    hideNotice();
  } else if (now.officer) {
    state.officer = now.officer;
  } else if (state.config.showOfficerName !== false) {
    state.officer = null;
  } // else: this centre keeps officers' names off `now`; what this console's replies said stands
  if (now.ticket && (now.state === 'CALLED' || now.state === 'SERVING')) {
    // `now` names the ticket by number only (it is public); what the replies told about it (priority) is kept.
    const known = state.current && state.current.number === now.ticket ? state.current : {};
    state.current = Object.assign({}, known, { number: now.ticket, service: now.service, state: now.state });
  } else {
    state.current = null;
    state.reason = '';
  }
  render();
}

function onQueue(queue) {
  state.queue = queue;
  renderQueue();
  renderButtons();
}

function onDeviceError(json, topics) {
  const code = json.error && json.error.code;
  if (!code) return;
  // A gateway without the counter-queue topic refuses that one subscription; the console works without it.
  if (json.topic === topics.queue) return;
  if (json.requestId && !state.mine.has(json.requestId)) return;
  if (state.pending && (!json.requestId || json.requestId === state.pending.request.requestId)) {
    clearTimeout(state.pending.timer);
    state.pending = null;
  }
  fail(code, errorMessage(state.config, code, json.error.message));
  render();
}

function ticketOf(view) {
  return { id: view.id, number: view.number, service: view.service, serviceName: view.serviceName, priority: view.priority, state: view.state, note: view.note };
}

function fail(code, message) {
  state.error = { code, message };
  showError(document.getElementById('error'), code, message);
}

// --- rendering ---

function render() {
  const config = state.config;
  if (!config) return;
  if (state.counter) {
    document.getElementById('console-counter').textContent = `${counterLabel(state.counter.number)} · ${state.device}`;
  }
  const openEl = document.getElementById('counter-open');
  openEl.textContent = state.open == null ? '' : t(state.open ? 'console.counterOpen' : 'console.counterClosed');
  openEl.dataset.open = String(state.open);
  const officerEl = document.getElementById('counter-officer');
  officerEl.textContent = state.open !== true || state.officer === undefined ? ''
    : state.officer ? t('console.officerAt', { name: state.officer.name, id: state.officer.id }) : t('console.noOfficer');
  officerEl.dataset.bound = String(!!state.officer);
  renderOfficer();

  const current = document.getElementById('current');
  const c = state.current;
  current.dataset.state = c ? c.state : 'NONE';
  current.querySelector('.number').textContent = c ? c.number : '';
  const stateEl = current.querySelector('.state');
  stateEl.dataset.state = c ? c.state : 'NONE';
  stateEl.textContent = c ? t('state.' + c.state) : t('console.none');
  const service = c && (c.serviceName || serviceName(c.service));
  current.querySelector('.service').textContent = c ? [service, c.priority && c.priority !== 'NONE' ? t('priority.' + c.priority) : null].filter(Boolean).join(' · ') : '';
  document.getElementById('reason').textContent = state.reason;
  current.querySelector('.reason-line').hidden = !state.reason;
  ops.renderCurrent(c);

  const select = document.getElementById('transfer-service');
  const selected = select.value;
  select.replaceChildren(...config.services.map(s => el('option', { value: s.code, text: `${s.prefix} · ${s.name}` })));
  if (selected) select.value = selected;
  if (c && select.value === c.service) {
    const other = config.services.find(s => s.code !== c.service);
    if (other) select.value = other.code;
  }
  ops.renderTransfer(config, state.counter);
  if (state.error) {
    showError(document.getElementById('error'), state.error.code,
      state.error.code === 'TIMEOUT' ? t('console.timeout') : errorMessage(config, state.error.code, state.error.message));
  }
  renderButtons();
  renderQueue();
}

/** The officer panel: their login form, or who is logged in here with their logout. */
function renderOfficer() {
  const staff = state.staff;
  document.getElementById('officer-login').hidden = !!staff;
  document.getElementById('officer-session').hidden = !staff;
  document.getElementById('officer-name').textContent = staff ? t('officer.loggedIn', { name: staff.fullName }) : '';
  for (const control of document.querySelectorAll('#officer-panel button, #officer-panel input')) {
    control.disabled = state.staffBusy;
  }
}

function serviceName(code) {
  const s = state.config.services.find(x => x.code === code);
  return s ? s.name : code;
}

/** Only what makes sense now is enabled; nothing while a command is on its way or the link is down. */
function renderButtons() {
  const c = state.current;
  const called = c && c.state === 'CALLED';
  const transferTo = document.getElementById('transfer-service').value;
  const allowed = {
    // Open, or bind the officer logged in here to a counter open with nobody (or an unknown officer) at it.
    OPEN: state.open !== true || (!!state.staff && (!state.officer || state.officer.id !== state.staff.username)),
    CLOSE: state.open === true && !c,
    CALL_NEXT: state.open === true && !c,
    RECALL: called && !ops.recallLimitReached(state.config, c),
    NO_SHOW: called,
    START: called,
    COMPLETE: !!c,
    TRANSFER: !!c && ops.transferReady(c, transferTo),
    REQUEUE: state.open === true && ops.requeueReady(),
    PARK: !!c && opsReady('PARK'),
    CALL_NUMBER: state.open === true && !c && opsReady('CALL_NUMBER'),
  };
  for (const name of COMMANDS) {
    const button = document.querySelector(`#console button[data-command="${name}"]`);
    button.disabled = !state.online || !!state.pending || state.staffBusy || !allowed[name];
  }
  document.getElementById('pending').hidden = !state.pending;
  renderEntry(state.online && !state.pending && !!c, !!c);
  showDossierHistory(state.config, c && c.id, !!state.staff);
  renderParked(state.config, state.queue, canCallParked(), number => command('CALL_PARKED', { ticket: number }));
  ops.renderRecallLimit(state.config, c);
}

/** A parked ticket may be called back while the counter is open and idle, and no command is on its way. */
function canCallParked() {
  return state.online && !state.pending && !state.staffBusy && state.open === true && !state.current;
}

function renderQueue() {
  const q = state.queue;
  ops.renderReserved(q, serviceName);
  document.getElementById('queue-services').replaceChildren(...(q ? q.services : []).map(line =>
    el('li', { dataset: { service: line.service } },
      el('span', { class: 'name', text: line.serviceName || serviceName(line.service) }),
      el('span', { class: 'waiting', text: String(line.waiting) }),
      el('span', { class: 'unit', text: t('console.waiting') }))));
  const list = document.getElementById('queue');
  const next = q ? q.next : [];
  if (next.length === 0) {
    list.replaceChildren(el('li', { class: 'empty', text: t('console.queueEmpty') }));
    return;
  }
  list.replaceChildren(...next.map(ticket => el('li', { dataset: queueDataset(ticket) },
    el('span', { class: 'number', text: ticket.number }),
    el('span', { class: 'service', text: ticket.serviceName || serviceName(ticket.service) }),
    ticket.priority && ticket.priority !== 'NONE' ? el('span', { class: 'priority', text: t('priority.' + ticket.priority) }) : null,
    remoteMark(ticket, state.config))));
}

/** A line's entry: its ticket, its service and, for one taken from a phone, whether its citizen confirmed yet. */
function queueDataset(ticket) {
  const data = { ticketId: ticket.id, service: ticket.service };
  if (ticket.remote) data.remote = ticket.remote.confirmed ? 'confirmed' : 'unconfirmed';
  return data;
}
