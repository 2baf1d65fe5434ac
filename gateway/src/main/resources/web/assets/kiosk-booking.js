// "Tôi đã đặt lịch": a citizen who booked a slot checks in at the kiosk with the booking's code. A USB barcode scanner
// reading the QR code on their phone types the code and Enter (as a keyboard does); without a scanner, the citizen taps
// the code on the on-screen keys (only the code's own alphabet, so a look-alike cannot be typed). The kiosk then sends
// a ticket request with `booking` instead of `service`: the gateway checks the booking (README "Booked slots") and
// answers with the ticket for its service, an APPOINTMENT inside the check-in window, or a refusal with its code:
// UNKNOWN_BOOKING, BOOKING_USED, BOOKING_NOT_TODAY, shown in the kiosk's problem screen as every other error.
//
// "Tôi đã lấy số từ xa": the same screen, opened by its own button, takes the six-character code of a ticket taken
// from a phone (README "Remote tickets"), shown with its QR code on the ticket's page; the request then carries
// `remoteCode`, which confirms that the citizen is in the hall (or UNKNOWN_REMOTE_TICKET).
import './booking-texts.js';
import { t, lang, uuid, el, onLanguageChange } from './common.js';

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const LENGTH = 8;
const CODE = /^[2-9A-HJ-NP-Z]{8}$/;
const REMOTE = /^[A-HJKMNP-Z2-9]{6}$/;
const OWN_ERRORS = new Set(['UNKNOWN_BOOKING', 'BOOKING_USED', 'BOOKING_NOT_TODAY', 'UNKNOWN_REMOTE_TICKET']);
/** The screen's words in each of its two uses. */
const WORDS = {
  booking: { title: 'kiosk.bookedTitle', hint: 'kiosk.bookedHint', code: 'kiosk.bookedCode', invalid: 'kiosk.bookedInvalid',
    placeholder: 'K7M2PQ4X' },
  remote: { title: 'kiosk.remoteTitle', hint: 'kiosk.remoteHint', code: 'kiosk.remoteCode', invalid: 'kiosk.remoteInvalid',
    placeholder: 'K7M3QX' },
};

/**
 * Wires the screen (#booked-call opens it, #booked holds it).
 *
 * @param show     shows one of the kiosk's sections by id
 * @param reset    back to the services
 * @param send     sends a ticket request (kept by the kiosk for a retry with the same requestId)
 * @param priority the priority group chosen on the services' screen, which the booking keeps
 * @param idle     (re)starts the kiosk's return to the services after a while without a tap
 */
export function setup({ show, reset, send, priority, idle }) {
  const input = document.getElementById('booked-code');
  const form = document.getElementById('booked-form');
  const go = document.getElementById('booked-send');
  const keys = document.getElementById('booked-keys');
  let mode = 'booking';
  const open = which => {
    mode = which;
    const words = WORDS[which];
    for (const [id, key] of [['booked-title', words.title], ['booked-hint', words.hint], ['booked-label', words.code]]) {
      const node = document.getElementById(id);
      node.dataset.i18n = key;
      node.textContent = t(key);
    }
    input.placeholder = words.placeholder;
    input.name = which === 'remote' ? 'remoteCode' : 'booking';
    input.value = '';
    update();
    show('booked');
    input.focus();
    idle();
  };
  const update = () => {
    const code = normalise(input.value);
    if (code !== input.value) input.value = code;
    go.disabled = code.length === 0;
    problem(null);
  };
  keys.replaceChildren(...[...ALPHABET].map(c => key(c, c, () => type(c))),
    key('⌫ ' + t('kiosk.bookedDelete'), t('kiosk.bookedDelete'), () => {
      input.value = input.value.slice(0, -1);
      update();
    }, 'delete'));
  onLanguageChange(() => {
    const remove = keys.querySelector('.delete');
    remove.textContent = '⌫ ' + t('kiosk.bookedDelete');
    remove.setAttribute('aria-label', t('kiosk.bookedDelete'));
  });
  document.getElementById('booked-call').addEventListener('click', () => open('booking'));
  document.getElementById('remote-call').addEventListener('click', () => open('remote'));
  document.getElementById('booked-back').addEventListener('click', reset);
  input.addEventListener('input', () => {
    update();
    idle();
  });
  form.addEventListener('submit', event => {
    event.preventDefault(); // a scanner's Enter submits: the number is taken with the code
    const code = normalise(input.value);
    if (!(mode === 'remote' ? REMOTE : CODE).test(code)) {
      problem(t(WORDS[mode].invalid));
      input.select();
      idle();
      return;
    }
    send(mode === 'remote' ? { requestId: uuid(), remoteCode: code, language: lang() }
      : { requestId: uuid(), booking: code, priority: priority(), language: lang() });
  });
  // A scanner types wherever the focus is: while this screen is up, what it types goes into the code.
  document.addEventListener('keydown', event => {
    if (document.getElementById('booked').hidden || event.target === input) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      form.requestSubmit();
    } else if (event.key.length === 1 && /[0-9A-Za-z]/.test(event.key)) {
      event.preventDefault();
      type(event.key);
      input.focus();
    }
  });

  function type(c) {
    if (input.value.length >= LENGTH + 8) return;
    input.value += c;
    update();
    idle();
  }

  function key(label, name, action, extra = '') {
    const button = el('button', { type: 'button', class: 'code-key ' + extra, 'aria-label': name, text: label });
    // The key must not take the focus from the code: a scanner may still type into it.
    button.addEventListener('pointerdown', event => event.preventDefault());
    button.addEventListener('click', action);
    return button;
  }
}

/** Upper case, without what a scanner or a citizen may add around the code (spaces, dashes). */
function normalise(typed) {
  return typed.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

function problem(text) {
  const p = document.querySelector('#booked .booked-problem');
  p.textContent = text || '';
  p.hidden = !text;
}

/** The kiosk's wording of a refused check-in, or null for an error that is not the booking's. */
export function errorText(code) {
  return OWN_ERRORS.has(code) ? t('kiosk.error.' + code) : null;
}

/**
 * The slip of a checked-in booking says so, and whether it is served near the booked time; that of a remote ticket
 * confirmed here says it is confirmed.
 */
export function renderSlip(slip, ticket, request) {
  let line = slip.querySelector('.slip-booking');
  if (!line) {
    line = el('p', { class: 'slip-booking' });
    slip.querySelector('.slip-service').after(line);
  }
  const code = request && request.booking;
  const remote = request && request.remoteCode;
  line.hidden = !code && !remote;
  line.textContent = remote ? t('kiosk.remoteConfirmed', { code: remote })
    : !code ? '' : t(ticket.channel === 'APPOINTMENT' ? 'kiosk.bookedAppointment' : 'kiosk.bookedWalkIn', { code });
  slip.dataset.booking = code || '';
  slip.dataset.remote = remote || '';
}
