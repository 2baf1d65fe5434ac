// The citizen's ticket page (opened from the QR code, /ticket/{token}?c=…): number, state, tickets ahead and the
// estimate, live over SSE (/api/v1/centres/{c}/tickets/by-token/{token}/stream). The token is the ticket's
// unguessable public handle; the page never sees the ticket's internal id nor its priority group.
// EventSource reconnects by itself, so the page closes it once the ticket is finished (DONE, NO_SHOW): a finished
// ticket never changes again, and a page left open on a phone must not ask the server about it every few seconds
// for ever.
import {
  initPage, loadConfig, requestedCentre, setConnection, formatWait, formatTime, serviceStateText, onLanguageChange, t,
  showError,
  clearError, errorMessage,
} from './common.js';
import { offerRating } from './phone-rating.js';
import { setUpNotifications, noticeFor } from './ticket-notify.js';

const FINAL_STATES = new Set(['DONE', 'NO_SHOW']);
const token = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() || '');
const state = { config: null, ticket: null, source: null, retry: null, finished: false, centre: null };

initPage();
setUpNotifications(document.getElementById('notify'));
onLanguageChange(render);
main();

async function main() {
  const centre = requestedCentre();
  // The ticket page does not need the config to listen; it names the centre, words errors and gives the
  // centre's time zone.
  loadConfig().then(config => {
    state.config = config;
    document.getElementById('centre-name').textContent = config.centreName;
    render();
    if (!centre) listen(config.centre);
  }).catch(e => showError(document.getElementById('error'), e.code || 'UNKNOWN_CENTRE', e.message));
  if (centre) listen(centre);
}

function base(centre) {
  return `/api/v1/centres/${encodeURIComponent(centre)}/tickets/by-token/${encodeURIComponent(token)}`;
}

function listen(centre) {
  state.centre = centre;
  if (state.finished) return;
  check(centre);
  const source = new EventSource(base(centre) + '/stream');
  state.source = source;
  source.onopen = () => {
    if (!state.finished) setConnection('online');
  };
  source.addEventListener('ticket', event => show(JSON.parse(event.data)));
  // The server's word that the stream is over for good (sent after a finished ticket's last state).
  source.addEventListener('end', event => {
    show(JSON.parse(event.data));
    stop();
  });
  source.onerror = () => {
    if (state.finished) return;
    if (source.readyState !== EventSource.CLOSED) {
      setConnection('connecting'); // a dropped connection: the browser reconnects by itself
      return;
    }
    // The server answered with an error status, after which EventSource gives up: find out why, and
    // try again later unless the ticket does not exist or is finished.
    setConnection('offline');
    check(centre).then(retry => {
      if (retry && !state.finished) state.retry = setTimeout(() => listen(centre), 5000);
    });
  };
}

/** Shows a state of the ticket; a final one also ends the listening. */
function show(ticket) {
  state.ticket = ticket;
  clearError(document.getElementById('error'));
  if (FINAL_STATES.has(ticket.state)) stop();
  render();
  noticeFor(ticket);
}

/** Stops listening for good: closes the stream and cancels any retry. */
function stop() {
  state.finished = true;
  clearTimeout(state.retry);
  if (state.source) state.source.close();
  setConnection('ended');
  render();
}

/**
 * Fetches the ticket once; resolves false when there is no point in listening again: the ticket does
 * not exist, or it is finished.
 */
async function check(centre) {
  try {
    const response = await fetch(base(centre), { cache: 'no-store' });
    const body = await response.json().catch(() => ({}));
    if (response.ok) {
      show(body);
      return !state.finished;
    }
    fail((body.error && body.error.code) || 'INTERNAL', body.error && body.error.message);
    if (response.status === 404) {
      // No such ticket (and never will be): stop asking.
      clearTimeout(state.retry);
      if (state.source) state.source.close();
      setConnection('offline');
      return false;
    }
    return true;
  } catch (e) {
    return true;
  }
}

function fail(code, message) {
  const text = code === 'NOT_FOUND' || code === 'UNKNOWN_TICKET' ? t('ticketPage.notFound') : errorMessage(state.config, code, message);
  showError(document.getElementById('error'), code, text);
}

function render() {
  const ticket = state.ticket;
  if (!ticket) return;
  document.querySelector('.ticket-main').classList.add('has-ticket');
  document.getElementById('number').textContent = ticket.number;
  document.getElementById('service').textContent = ticket.serviceName || ticket.service || '';
  const stateEl = document.getElementById('state');
  stateEl.dataset.state = ticket.state;
  stateEl.textContent = t('ticket.' + ticket.state);
  const waiting = ticket.state === 'WAITING';
  document.getElementById('position').textContent = waiting && ticket.ahead != null ? String(ticket.ahead) : '–';
  // While nobody serves the ticket's service, the page says so instead of an estimate (none is sent then).
  const closedText = waiting ? serviceStateText(ticket.serviceState, ticket.opensAt, state.config) : null;
  const wait = waiting && !closedText ? formatWait(ticket.estimatedWait) : null;
  const estimate = document.getElementById('estimate');
  estimate.dataset.state = (waiting && ticket.serviceState) || '';
  estimate.textContent = closedText || (wait ? wait.text : '–');
  if (!closedText && wait && wait.band) {
    // The band in one piece (.band does not wrap): a phone never breaks "(5–25 phút)" at its dash.
    const band = document.createElement('span');
    band.className = 'band';
    band.textContent = `(${wait.band})`;
    estimate.append(' ', band);
  }
  // The centre's time, as on the printed slip, whatever zone the phone is set to.
  document.getElementById('issued').textContent = ticket.issuedAt && state.config
    ? t('ticketPage.issuedAt', { time: formatTime(state.config, ticket.issuedAt) }) : '';
  const hint = document.getElementById('live-hint');
  hint.textContent = t(state.finished ? 'ticketPage.ended' : 'ticketPage.live');
  hint.dataset.finished = String(state.finished);
  document.title = `${ticket.number} – OneDesk`;
  renderRemote(ticket);
  document.getElementById('notify').hidden = state.finished;
  // Once served, the citizen may rate the visit from here (once, within 24 h).
  if (ticket.state === 'DONE' && state.centre) offerRating(document.getElementById('rating'), base(state.centre), state.config);
}

/**
 * A ticket taken from the phone: its code, to type or scan at the kiosk, until it is confirmed; then that it was.
 * Passed over once already: until when it is held.
 */
function renderRemote(ticket) {
  const box = document.getElementById('remote');
  const remote = ticket.remote;
  box.hidden = !remote || FINAL_STATES.has(ticket.state);
  if (box.hidden) return;
  document.getElementById('remote-code').textContent = remote.code;
  renderRemoteQr(remote);
  const hint = document.getElementById('remote-hint');
  if (remote.confirmed) {
    hint.textContent = t('ticketPage.remoteConfirmed');
  } else if (remote.expiresAfter && state.config) {
    hint.textContent = t('ticketPage.remotePassed', { time: formatTime(state.config, remote.expiresAfter) });
  } else {
    hint.textContent = t('ticketPage.remoteConfirm');
  }
  box.dataset.confirmed = String(remote.confirmed);
}

/**
 * The code as a QR code (the gateway draws it, an image from 'self' under the page's CSP) while it still has to be
 * shown at the kiosk; once confirmed it is of no more use. The image is asked for once per code, not per update.
 */
function renderRemoteQr(remote) {
  const qr = document.getElementById('remote-qr');
  qr.hidden = remote.confirmed || !state.centre;
  qr.alt = t('ticketPage.remoteQr', { code: remote.code });
  if (qr.hidden) return;
  const src = `/api/v1/centres/${encodeURIComponent(state.centre)}/remote-tickets/${encodeURIComponent(remote.code)}/qr.svg`;
  if (qr.getAttribute('src') !== src) qr.src = src;
}
