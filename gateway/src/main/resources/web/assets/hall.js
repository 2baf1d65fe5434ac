// Hall display: who is called to which counter, the recent calls, the wait per service, and the
// spoken announcement of every call.
//
// The retained `board` is the source of truth: on connect it is rendered at once and its lastSeq becomes
// the point from which calls are announced (older calls are shown, not read out). Then every call on
// `calls` (QoS 1, persistent session) is announced once, in seq order. A missing seq is waited for
// briefly (the gateway's session normally delivers it); if it does not come, the board is fetched and
// the screen resynchronised from it.

import {
  initPage, loadConfig, connect, topicPrefix, storedCredentials, rememberCredentials, forgetCredentials,
  askCredentials, formatWait, formatTime, centreNow, serviceStateText, onLanguageChange, t, el, showError, lang,
} from './common.js';
import { Announcer } from './announcer.js';

const GAP_WAIT_MS = 2000;
const BASELINE_WAIT_MS = 3000;
const RECENT_SHOWN = 10;

const onedesk = (window.onedesk = { announced: [], lastSeq: 0 });

const state = {
  config: null,
  counters: new Map(), // counter id -> NowServing
  waits: new Map(), // service code -> WaitEstimate
  recent: new Map(), // seq -> CallAnnouncement
  lastSeq: null, // highest seq announced (or the board's at start); null until the baseline is known
  pending: new Map(), // seq -> call, received but waiting for an earlier seq
  gapTimer: null,
  lastBoard: null,
  boardless: false, // neither a retained nor an HTTP board exists (an older gateway)
  latestCall: null,
};

let announcer;

initPage();
onLanguageChange(render);
main().catch(e => {
  console.error(e);
  showError(document.getElementById('now'), e.code || 'INTERNAL', e.message);
});

async function main() {
  const config = await loadConfig();
  state.config = config;
  document.getElementById('centre-name').textContent = config.centreName;
  document.title = `${config.centreName} – OneDesk`;
  startClock(config);
  render();

  const sound = document.getElementById('enable-sound');
  announcer = new Announcer({
    show: showBanner,
    hide: hideBanner,
    record: entry => onedesk.announced.push(entry),
    needsGesture: needed => { sound.hidden = !needed; },
  });
  sound.addEventListener('click', () => announcer.unlock());
  try {
    if (announcer.audioContext().state !== 'running') sound.hidden = false;
  } catch (e) { /* no WebAudio: speech or banner only */ }

  let credentials = storedCredentials(config, 'hall') || await askCredentials();
  const prefix = topicPrefix(config);
  const start = () => connect(config, 'hall', credentials, {
    onConnect: client => {
      client.subscribe([prefix + 'board', prefix + 'calls', prefix + 'counters/+/now', prefix + 'services/+/wait'])
        .then(codes => {
          if (!config.demo) rememberCredentials('hall', credentials);
          if (codes[0] === 0x80) console.warn('board topic refused; falling back to HTTP and per-topic state');
        })
        .catch(() => { /* the connection dropped; onConnect runs again */ });
      setTimeout(ensureBaseline, BASELINE_WAIT_MS);
    },
    onMessage: (topic, json) => onMessage(topic.slice(prefix.length), json),
    onRefused: async () => {
      forgetCredentials('hall');
      credentials = await askCredentials({ device: credentials.device }, true);
      start();
    },
  });
  start();
}

function onMessage(topic, json) {
  if (topic === 'board') {
    onBoard(json);
  } else if (topic === 'calls') {
    onCall(json);
  } else if (/^counters\/[^/]+\/now$/.test(topic)) {
    state.counters.set(json.counter, json);
    render();
  } else if (/^services\/[^/]+\/wait$/.test(topic)) {
    state.waits.set(json.service, json);
    render();
  }
}

function seen(seq) {
  if (typeof seq === 'number' && seq > onedesk.lastSeq) onedesk.lastSeq = seq;
}

/** A board (retained, or fetched over HTTP) replaces what the screen shows. */
function onBoard(board) {
  state.lastBoard = board;
  for (const now of board.counters || []) state.counters.set(now.counter, now);
  for (const wait of board.services || []) state.waits.set(wait.service, wait);
  for (const call of board.recentCalls || []) state.recent.set(call.seq, call);
  seen(board.lastSeq);
  if (state.lastSeq === null) {
    // First board: what it holds has happened already; announce only what comes after it.
    state.lastSeq = board.lastSeq || 0;
  } else {
    for (const call of board.recentCalls || []) {
      if (call.seq > state.lastSeq) state.pending.set(call.seq, call);
    }
  }
  drain();
  render();
}

function onCall(call) {
  seen(call.seq);
  state.recent.set(call.seq, call);
  state.counters.set(call.counter, {
    counter: call.counter, counterNumber: call.counterNumber, open: true, ticket: call.ticket,
    service: call.service, state: 'CALLED', since: call.calledAt,
  });
  state.latestCall = call.counter;
  if (state.lastSeq === null && state.boardless) state.lastSeq = call.seq - 1;
  if (state.lastSeq === null || call.seq > state.lastSeq) {
    state.pending.set(call.seq, call);
    if (state.lastSeq !== null) drain();
  }
  render();
}

/** Announces every pending call that follows lastSeq without a gap; waits briefly on a gap. */
function drain() {
  if (state.lastSeq === null) return;
  while (state.pending.has(state.lastSeq + 1)) {
    const call = state.pending.get(state.lastSeq + 1);
    state.pending.delete(call.seq);
    state.lastSeq = call.seq;
    announcer.enqueue(call);
  }
  for (const seq of state.pending.keys()) if (seq <= state.lastSeq) state.pending.delete(seq);
  if (state.pending.size === 0) {
    clearTimeout(state.gapTimer);
    state.gapTimer = null;
  } else if (!state.gapTimer) {
    state.gapTimer = setTimeout(resync, GAP_WAIT_MS);
  }
}

/** A gap did not fill: take the missing calls from the board, and skip what even the board lacks. */
async function resync() {
  state.gapTimer = null;
  const board = await fetchBoard();
  if (board) onBoard(board);
  if (state.pending.size > 0 && !state.pending.has(state.lastSeq + 1)) {
    state.lastSeq = Math.min(...state.pending.keys()) - 1;
  }
  drain();
  render();
}

/** Without a retained board (a gateway without the board topic) the baseline comes from HTTP, or from the calls. */
async function ensureBaseline() {
  if (state.lastSeq !== null) return;
  const board = await fetchBoard();
  if (state.lastSeq !== null) return;
  if (board) {
    onBoard(board);
  } else if (state.pending.size) {
    state.lastSeq = Math.min(...state.pending.keys()) - 1;
    drain();
  } else {
    state.boardless = true; // the next call starts the sequence
  }
}

async function fetchBoard() {
  try {
    const response = await fetch(`/api/v1/centres/${encodeURIComponent(state.config.centre)}/board`, { cache: 'no-store' });
    if (response.ok) return await response.json();
  } catch (e) { /* offline: fall back to the last retained board */ }
  return state.lastBoard;
}

// --- rendering ---

function render() {
  if (!state.config) return;
  renderNow();
  renderRecent();
  renderWaits();
}

function renderNow() {
  const container = document.getElementById('now');
  const calling = [...state.counters.values()]
    .filter(c => c.ticket && (c.state === 'CALLED' || c.state === 'SERVING'))
    .sort((a, b) => a.counterNumber - b.counterNumber);
  const cards = calling.map(c => el('div', {
    class: 'counter-call' + (c.counter === state.latestCall && c.state === 'CALLED' ? ' latest' : ''),
    dataset: { counter: c.counter, state: c.state },
  },
  el('span', { class: 'counter-label', text: t('counter') }),
  el('span', { class: 'counter-number', text: String(c.counterNumber) }),
  el('span', { class: 'arrow', 'aria-hidden': 'true', text: '←' }),
  el('span', { class: 'ticket', text: c.ticket }),
  el('span', { class: 'call-state', text: t('state.' + c.state) })));
  container.replaceChildren(...cards);
  container.dataset.count = String(cards.length);
  // Fewer, larger cards when few counters call; a tighter grid when the whole hall is busy.
  const cols = cards.length <= 4 ? 2 : cards.length <= 9 ? 3 : 4;
  container.style.setProperty('--cols', String(cols));
  container.style.setProperty('--rows', String(Math.max(2, Math.ceil(cards.length / cols))));
}

function renderRecent() {
  const list = document.getElementById('recent');
  const calls = [...state.recent.values()].sort((a, b) => b.seq - a.seq).slice(0, RECENT_SHOWN);
  for (const seq of [...state.recent.keys()]) {
    if (state.recent.size > 50 && seq < calls[calls.length - 1].seq) state.recent.delete(seq);
  }
  if (calls.length === 0) {
    list.replaceChildren(el('li', { class: 'empty', text: t('hall.noCalls') }));
    return;
  }
  list.replaceChildren(...calls.map(call => el('li', { dataset: { seq: String(call.seq) }, class: call.recall ? 'recall' : null },
    el('span', { class: 'ticket', text: call.ticket }),
    el('span', { class: 'arrow', 'aria-hidden': 'true', text: '→' }),
    el('span', { class: 'counter-label', text: t('counter') }),
    el('span', { class: 'counter-number', text: String(call.counterNumber) }),
    call.recall ? el('span', { class: 'recall-mark', title: t('hall.recall'), text: '↻' }) : null)));
}

function renderWaits() {
  const body = document.getElementById('waits');
  const rows = state.config.services.map(service => {
    const wait = state.waits.get(service.code);
    // A service nobody serves now says so instead of an estimate (the gateway sends none then).
    const closedText = wait ? serviceStateText(wait.state, wait.opensAt, state.config) : null;
    const formatted = closedText ? null : formatWait(wait && wait.estimatedWait);
    return el('tr', { dataset: { service: service.code, state: (wait && wait.state) || '' } },
      el('td', { class: 'service-name' }, el('span', { class: 'prefix', text: service.prefix }), ' ', service.name),
      el('td', { class: 'waiting', text: wait ? String(wait.waiting) : '–' }),
      closedText
        ? el('td', { class: 'estimate' }, el('span', { class: 'service-state', text: closedText }))
        : el('td', { class: 'estimate' }, formatted.text,
          formatted.band ? el('small', { class: 'band', text: `(${formatted.band})` }) : null));
  });
  body.replaceChildren(...rows);
  body.style.setProperty('--wait-rows', String(Math.ceil(rows.length / 2)));
}

function showBanner(call) {
  const banner = document.getElementById('banner');
  banner.dataset.seq = String(call.seq);
  banner.classList.toggle('recall', !!call.recall);
  banner.querySelector('.ticket').textContent = call.ticket;
  banner.querySelector('.counter-number').textContent = String(call.counterNumber);
  banner.hidden = false;
  banner.classList.add('active');
}

function hideBanner() {
  const banner = document.getElementById('banner');
  banner.classList.remove('active');
  banner.hidden = true;
}

/** The centre's time by the gateway's clock, in the centre's zone (so it waits for the config), not the TV's. */
function startClock(config) {
  const clock = document.getElementById('clock');
  const tick = () => {
    const now = centreNow(config);
    clock.textContent = formatTime(config, now);
    clock.dateTime = now.toISOString();
  };
  tick();
  setInterval(tick, 10000);
  onLanguageChange(tick);
}
