// The citizen's ticket page (opened from the QR code): number, state, tickets ahead and the estimate,
// live over SSE (/api/v1/centres/{c}/tickets/{id}/stream). EventSource reconnects by itself.
import {
  initPage, loadConfig, requestedCentre, setConnection, formatWait, serviceStateText, onLanguageChange, t, showError,
  clearError, errorMessage,
} from './common.js';

const ticketId = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() || '');
const state = { config: null, ticket: null };

initPage();
onLanguageChange(render);
main();

async function main() {
  const centre = requestedCentre();
  // The ticket page does not need the config to work; it only names the centre and words errors.
  loadConfig().then(config => {
    state.config = config;
    document.getElementById('centre-name').textContent = config.centreName;
    render();
    if (!centre) listen(config.centre);
  }).catch(e => showError(document.getElementById('error'), e.code || 'UNKNOWN_CENTRE', e.message));
  if (centre) listen(centre);
}

function base(centre) {
  return `/api/v1/centres/${encodeURIComponent(centre)}/tickets/${encodeURIComponent(ticketId)}`;
}

function listen(centre) {
  check(centre);
  const source = new EventSource(base(centre) + '/stream');
  source.onopen = () => setConnection('online');
  source.addEventListener('ticket', event => {
    state.ticket = JSON.parse(event.data);
    clearError(document.getElementById('error'));
    render();
  });
  source.onerror = () => {
    if (source.readyState !== EventSource.CLOSED) {
      setConnection('connecting'); // a dropped connection: the browser reconnects by itself
      return;
    }
    // The server answered with an error status, after which EventSource gives up: find out why, and
    // try again later unless the ticket does not exist.
    setConnection('offline');
    check(centre).then(retry => {
      if (retry) setTimeout(() => listen(centre), 5000);
    });
  };
}

/** Fetches the ticket once; resolves false when it does not exist (no point in listening again). */
async function check(centre) {
  try {
    const response = await fetch(base(centre), { cache: 'no-store' });
    const body = await response.json().catch(() => ({}));
    if (response.ok) {
      state.ticket = body;
      clearError(document.getElementById('error'));
      render();
      return true;
    }
    fail((body.error && body.error.code) || 'INTERNAL', body.error && body.error.message);
    return response.status !== 404;
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
  estimate.textContent = closedText || (wait ? (wait.band ? `${wait.text} (${wait.band})` : wait.text) : '–');
  document.title = `${ticket.number} – OneDesk`;
}
