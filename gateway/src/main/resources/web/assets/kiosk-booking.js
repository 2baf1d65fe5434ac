// "Tôi đã đặt lịch": a citizen who booked a slot checks in at the kiosk with the booking's code. A USB barcode scanner
// reading the QR code on their phone types the code and Enter (as a keyboard does); without a scanner, the citizen taps
// the code on the on-screen keys (only the code's own alphabet, so a look-alike cannot be typed). The kiosk then sends
// a ticket request with `booking` instead of `service`: the gateway checks the booking (README "Booked slots") and
// answers with the ticket for its service, an APPOINTMENT inside the check-in window, or a refusal with its code:
// UNKNOWN_BOOKING, BOOKING_USED, BOOKING_NOT_TODAY, shown in the kiosk's problem screen as every other error.
import './booking-texts.js';
import { t, lang, uuid, el, onLanguageChange } from './common.js';

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const LENGTH = 8;
const CODE = /^[2-9A-HJ-NP-Z]{8}$/;
const OWN_ERRORS = new Set(['UNKNOWN_BOOKING', 'BOOKING_USED', 'BOOKING_NOT_TODAY']);

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
  document.getElementById('booked-call').addEventListener('click', () => {
    input.value = '';
    update();
    show('booked');
    input.focus();
    idle();
  });
  document.getElementById('booked-back').addEventListener('click', reset);
  input.addEventListener('input', () => {
    update();
    idle();
  });
  form.addEventListener('submit', event => {
    event.preventDefault(); // a scanner's Enter submits: the number is taken with the code
    const code = normalise(input.value);
    if (!CODE.test(code)) {
      problem(t('kiosk.bookedInvalid'));
      input.select();
      idle();
      return;
    }
    send({ requestId: uuid(), booking: code, priority: priority(), language: lang() });
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

/** The slip of a checked-in booking says so, and whether it is served near the booked time. */
export function renderSlip(slip, ticket, request) {
  let line = slip.querySelector('.slip-booking');
  if (!line) {
    line = el('p', { class: 'slip-booking' });
    slip.querySelector('.slip-service').after(line);
  }
  const code = request && request.booking;
  line.hidden = !code;
  line.textContent = !code ? '' : t(ticket.channel === 'APPOINTMENT' ? 'kiosk.bookedAppointment' : 'kiosk.bookedWalkIn', { code });
  slip.dataset.booking = code || '';
}
