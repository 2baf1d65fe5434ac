// The counter console's operations beyond the line (issue 14): PARK with a reason, the list of parked tickets with
// "Gọi lại số đã gác" (CALL_PARKED), and "Gọi theo số" (CALL_NUMBER) with a mandatory reason. counter.js sends the
// commands; this module reads their fields from the page and draws the parked list.
import { t, el, formatTime } from './common.js';

/** A ticket number as the gateway takes it: the service's one or two capital letters, then 3-6 digits. */
const TICKET = /^[A-Z]{1,2}[0-9]{3,6}$/;

/** The officer's reason as sent: trimmed, at most 200 characters, no control characters; '' when not usable. */
function reason(input) {
  const value = input.value.trim();
  // eslint-disable-next-line no-control-regex
  return value.length > 0 && value.length <= 200 && !/[\u0000-\u001f\u007f-\u009f]/.test(value) ? value : '';
}

function ticketNumber() {
  const value = document.getElementById('call-number-ticket').value.trim().toUpperCase();
  return TICKET.test(value) ? value : '';
}

/** Wires the preset reasons and the inputs; onChange re-renders the buttons when what they need changes. */
export function wireOps(onChange) {
  const parkReason = document.getElementById('park-reason');
  for (const preset of document.querySelectorAll('#park-presets .preset')) {
    preset.addEventListener('click', () => {
      parkReason.value = preset.textContent.trim();
      onChange();
    });
  }
  for (const id of ['park-reason', 'call-number-ticket', 'call-number-reason']) {
    document.getElementById(id).addEventListener('input', onChange);
  }
}

/** The fields a PARK or CALL_NUMBER carries, from the page; {} for other commands. */
export function opsFields(name) {
  if (name === 'PARK') return { reason: reason(document.getElementById('park-reason')) };
  if (name === 'CALL_NUMBER') {
    return { ticket: ticketNumber(), reason: reason(document.getElementById('call-number-reason')) };
  }
  return {};
}

/** Whether the page holds what the command needs: a reason to park, a number and a reason to call by number. */
export function opsReady(name) {
  const fields = opsFields(name);
  if (name === 'PARK') return !!fields.reason;
  if (name === 'CALL_NUMBER') return !!fields.ticket && !!fields.reason;
  return true;
}

/** Empties the inputs of a command the gateway accepted, so the next one starts clean. */
export function opsDone(name) {
  if (name === 'PARK') document.getElementById('park-reason').value = '';
  if (name === 'CALL_NUMBER') {
    document.getElementById('call-number-ticket').value = '';
    document.getElementById('call-number-reason').value = '';
  }
}

/** What the console says about a call that was not the engine's choice (the reply's reason). */
export function callReason(command, request) {
  if (command === 'CALL_PARKED') return t('console.reasonParked');
  if (command === 'CALL_NUMBER') return t('console.reasonNumber', { reason: request ? request.reason : '' });
  return null;
}

/**
 * The counter's parked tickets, from its queue message: number, reason, since and until when, each with
 * "Gọi lại số đã gác", enabled when canCall says the counter may call now; onCall(number) sends CALL_PARKED.
 */
export function renderParked(config, queue, canCall, onCall) {
  const here = queue ? queue.counter : null;
  const time = iso => (iso ? formatTime(config, iso) : '');
  const list = document.getElementById('parked');
  const parked = queue && queue.parked ? queue.parked : [];
  if (parked.length === 0) {
    list.replaceChildren(el('li', { class: 'empty', text: t('console.parkedEmpty') }));
    return;
  }
  list.replaceChildren(...parked.map(p => {
    const button = el('button', { type: 'button', class: 'call-parked', text: t('console.callParked') });
    button.dataset.ticket = p.ticket;
    button.disabled = !canCall;
    button.addEventListener('click', () => onCall(p.ticket));
    return el('li', { dataset: { ticket: p.ticket } },
      el('span', { class: 'number', text: p.ticket }),
      el('span', { class: 'reason', text: p.reason }),
      p.counter && p.counter !== here ? el('span', { class: 'from', text: t('console.parkedAt', { counter: p.counter }) }) : null,
      el('span', { class: 'times', text: t('console.parkedTimes', { since: time(p.since), until: time(p.expiresAt) }) }),
      button);
  }));
}
