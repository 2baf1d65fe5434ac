// Ticket kiosk: a citizen picks a service (and, if any, a legal priority group) and gets a number,
// the tickets ahead, the estimated wait and a QR code to follow it on a phone; the slip prints on an
// 80 mm thermal printer. Every request has a fresh id; a retry of the same request reuses it, so the
// gateway answers with the same ticket instead of issuing a second one. The retained waits tell which
// services nobody serves now: a CLOSED one cannot be chosen (the gateway would refuse it), a NO_COUNTER one
// can, and both say why instead of an estimate.
import {
  initPage, loadConfig, connect, topicPrefix, storedCredentials, rememberCredentials, forgetCredentials,
  askCredentials, onLanguageChange, t, lang, el, uuid, formatWait, formatTime, centreNow, serviceStateText, showError, clearError,
  errorMessage,
} from './common.js';
import { normaliseCode, validCode } from './dossiers.js';
import * as missed from './kiosk-requeue.js';
import * as booked from './kiosk-booking.js';

const PRIORITIES = ['NONE', 'ELDERLY', 'DISABLED', 'PREGNANT', 'CHILD_UNDER_6', 'MERIT'];
const ANSWER_TIMEOUT_MS = 15000;
const IDLE_RETURN_MS = 60000;
const RETRYABLE = new Set(['UNAVAILABLE', 'INTERNAL', 'TIMEOUT', 'NETWORK']);

const state = {
  config: null,
  client: null,
  device: null,
  priority: 'NONE',
  request: null, // the request in flight, or the last one (for a retry with the same id)
  ticket: null,
  error: null,
  waits: new Map(), // service code -> the retained WaitEstimate: its state and opensAt
  timers: {},
};

initPage();
onLanguageChange(render);
main().catch(e => problem(e.code || 'INTERNAL', e.message));

async function main() {
  const config = await loadConfig();
  state.config = config;
  document.getElementById('centre-name').textContent = config.centreName;
  render();
  document.getElementById('print').addEventListener('click', () => window.print());
  document.getElementById('new-ticket').addEventListener('click', reset);
  document.getElementById('back').addEventListener('click', reset);
  document.getElementById('retry').addEventListener('click', () => state.request && send(state.request));
  wireDossierStep();
  missed.setup({ show, reset, send: request => {
    if (!state.client) return;
    state.request = request;
    send(request);
  } });
  booked.setup({ show, reset, priority: () => state.priority, idle: idleReturn, send: request => {
    if (!state.client) return;
    state.request = request;
    send(request);
  } });

  let credentials = storedCredentials(config, 'kiosk') || await askCredentials();
  const start = () => {
    state.device = credentials.device;
    const prefix = topicPrefix(config);
    const responses = `${prefix}kiosks/${credentials.device}/tickets/response`;
    const errors = `${prefix}devices/${credentials.device}/errors`;
    const waits = `${prefix}services/+/wait`;
    state.client = connect(config, 'kiosk', credentials, {
      onConnect: client => client.subscribe([responses, errors, waits]).then(codes => {
        if (codes[0] === 0x80) problem('NOT_AUTHORISED', errorMessage(config, 'NOT_AUTHORISED'), false);
        else if (!config.demo) rememberCredentials('kiosk', credentials);
      }).catch(() => {}),
      onMessage: (topic, json) => {
        if (topic === responses) onResponse(json);
        else if (topic === errors) onDeviceError(json);
        else if (topic.startsWith(prefix + 'services/') && json.service) {
          state.waits.set(json.service, json);
          renderServiceStates();
        }
      },
      onRefused: async () => {
        forgetCredentials('kiosk');
        state.client = null; // refused: logged out until the overlay's form is sent again
        credentials = await askCredentials({ device: credentials.device }, true);
        start();
      },
    });
  };
  start();
}

function choose(service) {
  if (!state.client) return; // not logged in: the login overlay is up
  if (closed(service)) return; // the button is disabled; a wait that came meanwhile may have closed it
  if (collectsResults(service)) {
    askDossier(service);
    return;
  }
  take(service, null);
}

function take(service, dossier) {
  state.request = { requestId: uuid(), service, priority: state.priority, language: lang() };
  if (dossier) state.request.dossier = dossier;
  send(state.request);
}

// --- the dossier step, for a citizen collecting a result ---

/**
 * Whether the kiosk asks for a dossier code before this service's ticket: the results service (Trả kết quả), known
 * by its name, or the services listed in ?dossierServices=KQ,... for a centre that names it otherwise.
 */
function collectsResults(code) {
  const listed = new URLSearchParams(location.search).get('dossierServices');
  if (listed) return listed.split(',').map(s => s.trim()).includes(code);
  const service = state.config.services.find(s => s.code === code);
  return !!service && /^trả kết quả/i.test(service.name.trim());
}

function askDossier(service) {
  state.dossierService = service;
  const input = document.getElementById('dossier-input');
  input.value = '';
  dossierProblem(null);
  show('dossier');
  input.focus();
  idleReturn();
}

function wireDossierStep() {
  const input = document.getElementById('dossier-input');
  document.getElementById('dossier-form').addEventListener('submit', event => {
    event.preventDefault(); // a scanner's Enter submits: the number is taken with the code
    const code = normaliseCode(input.value);
    if (code && !validCode(code)) {
      dossierProblem(t('dossier.invalid'));
      input.select();
      idleReturn();
      return;
    }
    take(state.dossierService, code || null);
  });
  document.getElementById('dossier-skip').addEventListener('click', () => take(state.dossierService, null));
  document.getElementById('dossier-back').addEventListener('click', reset);
  input.addEventListener('input', () => {
    dossierProblem(null);
    idleReturn();
  });
}

function dossierProblem(text) {
  const problem = document.querySelector('#dossier .dossier-problem');
  problem.textContent = text || '';
  problem.hidden = !text;
}

/**
 * Sends (or sends again) a request; the same request keeps its requestId. Only while connected: the
 * MQTT client would otherwise queue it and send it on some later reconnect, while the citizen has
 * long gone. Not logged in (the login overlay is up), a tap does nothing at all.
 */
function send(request) {
  if (!state.client) return;
  if (!state.client.connected) {
    problem('NETWORK', t('error.NETWORK'));
    return;
  }
  state.ticket = null;
  state.error = null;
  show('issuing');
  clearTimeout(state.timers.answer);
  state.timers.answer = setTimeout(() => {
    if (state.request === request && !state.ticket) problem('TIMEOUT', t('kiosk.timeout'));
  }, ANSWER_TIMEOUT_MS);
  const topic = `${topicPrefix(state.config)}kiosks/${state.device}/tickets/request`;
  state.client.publish(topic, JSON.stringify(request), { qos: 1 }).catch(() => {});
}

function onResponse(response) {
  if (!state.request || response.requestId !== state.request.requestId) return; // an older request's answer
  clearTimeout(state.timers.answer);
  if (response.error) {
    problem(response.error.code, errorMessage(state.config, response.error.code, response.error.message));
    return;
  }
  state.ticket = response.ticket;
  show('result');
  render();
  idleReturn();
  if (new URLSearchParams(location.search).get('autoprint') === '1') setTimeout(() => window.print(), 300);
}

/** Errors without a reply topic of their own, e.g. a request the gateway refused to read. */
function onDeviceError(json) {
  const code = json.error && json.error.code;
  if (!code || !state.request || state.ticket) return;
  if (json.requestId && json.requestId !== state.request.requestId) return;
  clearTimeout(state.timers.answer);
  problem(code, errorMessage(state.config, code, json.error.message));
}

function problem(code, message, retryable = RETRYABLE.has(code)) {
  message = booked.errorText(code) || message;
  state.error = { code, message };
  showError(document.getElementById('error'), code, message);
  document.getElementById('retry').hidden = !retryable || !state.request;
  show('problem');
  idleReturn();
}

function reset() {
  clearTimeout(state.timers.answer);
  clearTimeout(state.timers.idle);
  state.request = null;
  state.ticket = null;
  state.error = null;
  state.priority = 'NONE';
  clearError(document.getElementById('error'));
  show('choose');
  render();
}

function idleReturn() {
  clearTimeout(state.timers.idle);
  state.timers.idle = setTimeout(reset, IDLE_RETURN_MS);
}

function show(section) {
  for (const id of ['choose', 'dossier', 'missed', 'booked', 'issuing', 'problem', 'result']) document.getElementById(id).hidden = id !== section;
}

function render() {
  const config = state.config;
  if (!config) return;
  document.getElementById('services').replaceChildren(...config.services.map(s => {
    const button = el('button', { type: 'button', class: 'service', dataset: { service: s.code } },
      el('span', { class: 'prefix', text: s.prefix }),
      el('span', { class: 'label' }, el('span', { class: 'name', text: s.name }),
        el('span', { class: 'service-state', hidden: true })));
    button.addEventListener('click', () => choose(s.code));
    return button;
  }));
  renderServiceStates();
  document.getElementById('priorities').replaceChildren(...PRIORITIES.map(p => {
    const button = el('button', {
      type: 'button', class: 'priority' + (p === state.priority ? ' selected' : ''),
      dataset: { priority: p }, 'aria-pressed': String(p === state.priority), text: t('priority.' + p),
    });
    button.addEventListener('click', () => {
      state.priority = p;
      render();
    });
    return button;
  }));
  if (state.error) {
    showError(document.getElementById('error'), state.error.code,
      state.error.code === 'TIMEOUT' ? t('kiosk.timeout')
        : booked.errorText(state.error.code) || errorMessage(config, state.error.code, state.error.message));
  }
  renderTicket();
}

function closed(service) {
  const wait = state.waits.get(service);
  return !!wait && wait.state === 'CLOSED';
}

/**
 * Marks each service button with its service's state, in place (a wait arrives up to once a second, and a
 * button rebuilt under a citizen's finger would lose the tap).
 */
function renderServiceStates() {
  for (const button of document.querySelectorAll('#services button.service')) {
    const wait = state.waits.get(button.dataset.service);
    const text = wait ? serviceStateText(wait.state, wait.opensAt, state.config) : null;
    const isClosed = closed(button.dataset.service);
    button.dataset.state = (wait && wait.state) || '';
    button.classList.toggle('closed', isClosed);
    button.disabled = isClosed;
    button.setAttribute('aria-disabled', String(isClosed));
    const note = button.querySelector('.service-state');
    note.textContent = text || '';
    note.hidden = !text;
  }
}

function renderTicket() {
  const ticket = state.ticket;
  const slip = document.getElementById('ticket');
  if (!ticket) {
    delete slip.dataset.ticketToken;
    return;
  }
  // The slip and its QR code carry the ticket's public token, never its internal id: the page it leads to is
  // public, and the token is what lets only the slip's holder follow the ticket.
  slip.dataset.ticketToken = ticket.token || '';
  missed.renderSlip(slip, ticket);
  booked.renderSlip(slip, ticket, state.request);
  slip.querySelector('.slip-centre').textContent = state.config.centreName;
  slip.querySelector('.slip-service').textContent = ticket.serviceName || ticket.service;
  slip.querySelector('.number').textContent = ticket.number;
  const priority = ticket.priority && ticket.priority !== 'NONE' ? t('priority.' + ticket.priority) : '';
  slip.querySelector('.slip-priority').textContent = priority;
  slip.querySelector('.slip-priority').hidden = !priority;
  slip.querySelector('.position').textContent = ticket.ahead != null ? String(ticket.ahead) : '–';
  // A ticket taken while no counter serves its service says so instead of an estimate (none is sent then).
  const closedText = serviceStateText(ticket.serviceState, ticket.opensAt, state.config);
  const waitEl = slip.querySelector('.wait');
  waitEl.dataset.state = ticket.serviceState || '';
  if (closedText) {
    waitEl.replaceChildren(el('span', { class: 'service-state', text: closedText }));
  } else {
    const wait = formatWait(ticket.estimatedWait);
    waitEl.replaceChildren(wait.text, wait.band ? el('small', { class: 'band', text: ` (${wait.band})` }) : '');
  }
  const qr = slip.querySelector('img.qr');
  if (!ticket.token) return missed.renderTime(slip, state.config, ticket); // a requeued ticket: its slip has the QR
  const src = `/api/v1/centres/${encodeURIComponent(state.config.centre)}/tickets/by-token/${encodeURIComponent(ticket.token)}/qr.svg`;
  if (qr.getAttribute('src') !== src) qr.src = src;
  // The centre's time, whatever zone the kiosk's operating system is set to.
  const issued = formatTime(state.config, ticket.issuedAt || centreNow(state.config), { withDate: true });
  slip.querySelector('.slip-time').textContent = `${t('kiosk.printedAt')} ${issued}`;
}
