// The citizen's booking page (/booking?c=…), made for a phone: choose the centre (when several take bookings), the
// service, the day and a slot with places left; give a phone number; get the booking code, its QR code and the
// secret that cancels it. Everything goes through the public booking API (README "Booked slots",
// /api/v1/public-openapi.yaml); nothing needs a login.
//
// The secret is given once, in the answer to the booking: the page keeps it, with the booking, in this browser's
// localStorage, so that the same phone can cancel later (and show the QR code again at the kiosk). Nothing else is
// kept: not the phone number.
import './booking-texts.js';
import {
  initPage, requestedCentre, loadConfig, setConnection, formatTime, errorMessage, showError, clearError, centreNow,
  onLanguageChange, t, lang, el,
} from './common.js';

const STORE = 'onedesk.bookings';
/** The page reads the state of at most this many stored bookings when it opens (30 reads per 10 min per address). */
const REFRESH_AT_MOST = 8;
const CODE = /^[2-9A-HJ-NP-Z]{8}$/;

const state = {
  centre: null,
  config: null,
  info: null, // GET …/booking: services, today
  service: null,
  day: null,
  slots: null, // GET …/slots for service and day
  slot: null,
  confirming: null, // the code whose cancellation is being confirmed
  submitting: false,
};

initPage();
onLanguageChange(render);
main().catch(e => fail(document.getElementById('error'), e));

async function main() {
  let centre = requestedCentre();
  const list = await call('GET', '/api/v1/booking/centres').catch(e => {
    if (!centre) throw e;
    return { centres: [] }; // the centre is named: the list only offers the others
  });
  const centres = list.centres || [];
  if (!centre) {
    if (centres.length === 0) {
      document.getElementById('no-centres').hidden = false;
      return;
    }
    centre = centres[0].id;
    // loadConfig reads ?c=; the address then names the centre, which a citizen may bookmark or share
    history.replaceState(null, '', `${location.pathname}?c=${encodeURIComponent(centre)}`);
  }
  state.centre = centre;
  centreChooser(centres, centre);
  state.config = await loadConfig();
  state.info = await call('GET', api('/booking'));
  document.getElementById('centre-name').textContent = state.info.centreName;
  document.getElementById('book-another').addEventListener('click', bookAnother);
  document.getElementById('book-form').addEventListener('submit', book);
  document.getElementById('cancel-form').addEventListener('submit', cancelWithCode);
  const code = document.getElementById('cancel-code');
  code.addEventListener('input', () => {
    const upper = code.value.toUpperCase().replace(/[^0-9A-Z]/g, '');
    if (upper !== code.value) code.value = upper;
  });
  const services = state.info.services || [];
  document.getElementById('no-services').hidden = services.length > 0;
  document.getElementById('book-form').hidden = services.length === 0;
  if (services.length === 1) state.service = services[0].code;
  render();
  refreshStored();
}

function api(path) {
  return `/api/v1/centres/${encodeURIComponent(state.centre)}${path}`;
}

/** The centres' list, when there is a choice; choosing one opens the page for it. */
function centreChooser(centres, current) {
  if (centres.length < 2) return;
  const select = document.getElementById('centre-select');
  select.replaceChildren(...centres.map(c => el('option', { value: c.id, selected: c.id === current, text: c.name })));
  select.addEventListener('change', () => {
    location.search = '?c=' + encodeURIComponent(select.value);
  });
  document.getElementById('centre-step').hidden = false;
}

// --- the API ---

/**
 * One call to the booking API; resolves with the JSON body, or rejects with {code, field, message, retryAfter} (the
 * gateway's error shape, or NETWORK when it cannot be reached). The connection indicator follows.
 */
async function call(method, url, body, headers = {}) {
  let response;
  try {
    response = await fetch(url + (url.includes('?') ? '&' : '?') + 'lang=' + lang(), {
      method,
      cache: 'no-store',
      headers: body ? { 'content-type': 'application/json', ...headers } : headers,
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch (e) {
    setConnection('offline');
    throw Object.assign(new Error('network'), { code: 'NETWORK' });
  }
  setConnection('online');
  const json = await response.json().catch(() => ({}));
  if (response.ok) return json;
  const error = json.error || {};
  throw Object.assign(new Error(error.message || String(response.status)), {
    code: error.code || (response.status >= 500 ? 'UNAVAILABLE' : 'INTERNAL'),
    field: error.field,
    status: response.status,
    retryAfter: Number(response.headers.get('retry-after')) || null,
  });
}

/** A clear sentence for an error of the API, in the page's language (the code is shown beside it). */
function errorText(e) {
  if (e.code === 'TOO_MANY_REQUESTS') {
    return t('booking.retryAfter', { n: Math.max(1, Math.ceil((e.retryAfter || 60) / 60)) });
  }
  if ((e.code === 'INVALID_FIELD' || e.code === 'INVALID_REQUEST') && e.field === 'phone') return t('booking.phoneInvalid');
  const key = 'booking.error.' + e.code;
  const own = t(key);
  if (own !== key) return own;
  return errorMessage(state.config, e.code, e.message);
}

function fail(target, e) {
  showError(target, e.code || 'INTERNAL', errorText(e));
}

// --- choosing ---

function chooseService(code) {
  if (state.service === code) return;
  state.service = code;
  state.day = null;
  state.slots = null;
  state.slot = null;
  render();
}

async function chooseDay(day) {
  state.day = day;
  state.slot = null;
  state.slots = null;
  render();
  await loadSlots();
}

/** Reads the day's slots again (after a choice, or when a slot was taken meanwhile). */
async function loadSlots() {
  const service = state.service;
  const day = state.day;
  if (!service || !day) return;
  const note = document.getElementById('slots-note');
  note.textContent = t('booking.loadingSlots');
  note.hidden = false;
  try {
    const answer = await call('GET', api(`/slots?service=${encodeURIComponent(service)}&date=${day}`));
    if (state.service !== service || state.day !== day) return; // another choice came meanwhile
    state.slots = answer;
    if (state.slot && !answer.slots.some(s => s.start === state.slot && s.available > 0)) state.slot = null;
  } catch (e) {
    state.slots = { slots: [] };
    fail(document.getElementById('form-error'), e);
  }
  render();
}

function chooseSlot(start) {
  state.slot = start;
  clearError(document.getElementById('form-error'));
  render();
  document.getElementById('phone').focus();
}

// --- booking ---

async function book(event) {
  event.preventDefault();
  if (state.submitting) return; // a second tap while the first is in flight would book twice
  const errorEl = document.getElementById('form-error');
  clearError(errorEl);
  if (!state.slot) {
    showError(errorEl, 'INVALID_FIELD', t('booking.chooseSlotFirst'));
    return;
  }
  const phone = document.getElementById('phone');
  const digits = phone.value.replace(/[\s.()-]/g, '');
  if (!/^\+?[0-9]{9,12}$/.test(digits)) {
    showError(errorEl, 'INVALID_FIELD', t('booking.phoneInvalid'));
    phone.focus();
    return;
  }
  state.submitting = true;
  render();
  try {
    const booking = await call('POST', api('/bookings'), { service: state.service, slotStart: state.slot, phone: phone.value });
    remember(booking);
    phone.value = '';
    showResult(booking);
  } catch (e) {
    fail(errorEl, e);
    if (e.field === 'phone') phone.focus();
    if (e.code === 'SLOT_FULL' || e.code === 'SLOT_NOT_OFFERED') {
      state.slot = null;
      loadSlots();
    }
  } finally {
    state.submitting = false;
    render();
  }
}

function showResult(booking) {
  state.result = booking;
  document.getElementById('book-form').hidden = true;
  document.getElementById('result').hidden = false;
  renderResult();
  renderMine();
  document.getElementById('result').scrollIntoView({ block: 'start' });
}

function bookAnother() {
  state.result = null;
  state.slot = null;
  document.getElementById('result').hidden = true;
  document.getElementById('book-form').hidden = false;
  loadSlots();
  render();
}

// --- the bookings kept on this phone ---

function stored() {
  try {
    const list = JSON.parse(localStorage.getItem(STORE) || '[]');
    return Array.isArray(list) ? list.filter(b => b && b.code && b.secret && b.centre) : [];
  } catch (e) {
    return [];
  }
}

function store(list) {
  // A booking a day past its slot is of no more use here: nothing of it is kept longer.
  const now = state.config ? centreNow(state.config).getTime() : Date.now(); // the gateway's clock, not the phone's
  const keep = list.filter(b => !(Date.parse(b.slotEnd) < now - 24 * 3600 * 1000));
  localStorage.setItem(STORE, JSON.stringify(keep));
}

function remember(booking) {
  const list = stored().filter(b => !(b.centre === state.centre && b.code === booking.code));
  list.unshift({
    centre: state.centre, code: booking.code, secret: booking.secret, service: booking.service,
    serviceName: booking.serviceName, slotStart: booking.slotStart, slotEnd: booking.slotEnd,
    checkInFrom: booking.checkInFrom, checkInUntil: booking.checkInUntil, qr: booking.qr, state: booking.state,
  });
  store(list);
}

function update(code, changes) {
  store(stored().map(b => (b.centre === state.centre && b.code === code ? { ...b, ...changes } : b)));
}

function forget(code) {
  store(stored().filter(b => !(b.centre === state.centre && b.code === code)));
  renderMine();
}

/** The state of the bookings kept here, read again: one may have been checked in or cancelled elsewhere. */
async function refreshStored() {
  const mine = stored().filter(b => b.centre === state.centre && b.state === 'BOOKED').slice(0, REFRESH_AT_MOST);
  for (const b of mine) {
    try {
      const now = await call('GET', api(`/bookings/${encodeURIComponent(b.code)}`), null, { 'X-Booking-Secret': b.secret });
      update(b.code, { state: now.state });
    } catch (e) {
      if (e.code === 'UNKNOWN_BOOKING') update(b.code, { state: 'CANCELLED' });
      if (e.code === 'TOO_MANY_REQUESTS' || e.code === 'NETWORK') break;
    }
  }
  renderMine();
}

async function cancel(booking) {
  const message = document.getElementById('mine-message');
  const errorEl = document.getElementById('mine-error');
  clearError(errorEl);
  try {
    const answer = await call('DELETE', api(`/bookings/${encodeURIComponent(booking.code)}`), null,
      { 'X-Booking-Secret': booking.secret });
    update(booking.code, { state: answer.state });
    message.textContent = t('booking.cancelled', { code: booking.code });
    message.hidden = false;
    if (state.result && state.result.code === booking.code) bookAnother();
    else loadSlots(); // its place is free again
  } catch (e) {
    if (e.code === 'BOOKING_USED') update(booking.code, { state: 'CHECKED_IN' });
    fail(errorEl, e);
  } finally {
    state.confirming = null;
    renderMine();
  }
}

/** A booking made on another device: cancelled with its code and secret, typed. */
async function cancelWithCode(event) {
  event.preventDefault();
  const code = document.getElementById('cancel-code').value.trim().toUpperCase();
  const secret = document.getElementById('cancel-secret').value.trim();
  const errorEl = document.getElementById('cancel-error');
  const done = document.getElementById('cancel-done');
  clearError(errorEl);
  done.hidden = true;
  if (!CODE.test(code) || !secret) {
    showError(errorEl, 'UNKNOWN_BOOKING', t('booking.error.UNKNOWN_BOOKING'));
    return;
  }
  const button = document.getElementById('cancel-submit');
  button.disabled = true;
  try {
    await call('DELETE', api(`/bookings/${encodeURIComponent(code)}`), null, { 'X-Booking-Secret': secret });
    update(code, { state: 'CANCELLED' });
    done.textContent = t('booking.cancelled', { code });
    done.hidden = false;
    document.getElementById('cancel-code').value = '';
    document.getElementById('cancel-secret').value = '';
    renderMine();
    loadSlots();
  } catch (e) {
    fail(errorEl, e);
  } finally {
    button.disabled = false;
  }
}

// --- drawing ---

/** A day (YYYY-MM-DD, the centre's) as "T3, 04/03"; the date has no zone, so it is drawn as UTC. */
function dayLabel(day, withWeekday = true) {
  const [y, m, d] = day.split('-').map(Number);
  const options = { day: '2-digit', month: '2-digit', timeZone: 'UTC' };
  if (withWeekday) options.weekday = 'short';
  return new Intl.DateTimeFormat(lang() === 'en' ? 'en-GB' : 'vi-VN', options).format(new Date(Date.UTC(y, m - 1, d)));
}

function weekdayLabel(day) {
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(lang() === 'en' ? 'en-GB' : 'vi-VN', { weekday: 'short', timeZone: 'UTC' })
    .format(new Date(Date.UTC(y, m - 1, d)));
}

function addDays(day, n) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

function slotText(slot) {
  return `${formatTime(state.config, slot.start)}–${formatTime(state.config, slot.end)}`;
}

function render() {
  if (!state.info) return;
  const services = state.info.services || [];
  document.getElementById('services').replaceChildren(...services.map(s => {
    const chosen = s.code === state.service;
    const button = el('button', {
      type: 'button', class: 'choice' + (chosen ? ' selected' : ''), 'aria-pressed': String(chosen),
      dataset: { service: s.code },
    }, el('span', { class: 'name', text: s.name }), el('small', { text: t('booking.slotMinutes', { n: s.slotMinutes }) }));
    button.addEventListener('click', () => chooseService(s.code));
    return button;
  }));
  const service = services.find(s => s.code === state.service);
  document.getElementById('day-step').hidden = !service;
  if (service) {
    const days = [];
    for (let i = 0; i <= service.horizonDays; i++) days.push(addDays(state.info.today, i));
    document.getElementById('days').replaceChildren(...days.map(day => {
      const chosen = day === state.day;
      const button = el('button', {
        type: 'button', class: 'day' + (chosen ? ' selected' : ''), 'aria-pressed': String(chosen), dataset: { day },
      }, el('span', { text: day === state.info.today ? t('booking.today') : weekdayLabel(day) }),
      el('strong', { text: dayLabel(day, false) }));
      button.addEventListener('click', () => chooseDay(day));
      return button;
    }));
  }
  renderSlots();
  const slot = state.slots && state.slots.slots.find(s => s.start === state.slot);
  document.getElementById('phone-step').hidden = !slot;
  document.getElementById('chosen').textContent = slot && service
    ? t('booking.chosen', { service: service.name, day: dayLabel(state.day), time: slotText(slot) }) : '';
  const submit = document.getElementById('submit');
  submit.disabled = state.submitting;
  submit.textContent = t(state.submitting ? 'booking.submitting' : 'booking.submit');
  renderResult();
  renderMine();
}

function renderSlots() {
  const step = document.getElementById('slot-step');
  step.hidden = !state.day;
  if (!state.day) return;
  const note = document.getElementById('slots-note');
  const holder = document.getElementById('slots');
  if (!state.slots) {
    holder.replaceChildren();
    return;
  }
  const slots = state.slots.slots || [];
  const reason = state.slots.reason ? t('booking.reason.' + state.slots.reason) : t('booking.noSlots');
  note.textContent = slots.length === 0 ? reason : '';
  note.hidden = slots.length > 0;
  holder.replaceChildren(...slots.map(s => {
    const chosen = s.start === state.slot;
    const full = s.available <= 0;
    const button = el('button', {
      type: 'button', class: 'slot' + (chosen ? ' selected' : '') + (full ? ' full' : ''), disabled: full,
      'aria-pressed': String(chosen), dataset: { start: s.start, available: String(s.available) },
    }, el('strong', { text: slotText(s) }),
    el('small', { text: full ? t('booking.full') : t('booking.places', { n: s.available }) }));
    button.addEventListener('click', () => chooseSlot(s.start));
    return button;
  }));
}

function renderResult() {
  const b = state.result;
  if (!b) return;
  document.getElementById('result-code').textContent = b.code;
  const qr = document.getElementById('result-qr');
  if (qr.getAttribute('src') !== b.qr) qr.src = b.qr;
  qr.alt = t('booking.qrAlt', { code: b.code });
  document.getElementById('result-service').textContent = b.serviceName || b.service;
  document.getElementById('result-slot').textContent = whenText(b);
  document.getElementById('result-window').textContent = t('booking.checkInWindow', {
    from: formatTime(state.config, b.checkInFrom), until: formatTime(state.config, b.checkInUntil),
  });
  document.getElementById('result-secret').textContent = b.secret;
}

function whenText(b) {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: state.config.timeZone || undefined }).format(new Date(b.slotStart));
  return `${dayLabel(day)} · ${formatTime(state.config, b.slotStart)}–${formatTime(state.config, b.slotEnd)}`;
}

function renderMine() {
  if (!state.config) return;
  const mine = stored().filter(b => b.centre === state.centre);
  document.getElementById('mine').hidden = mine.length === 0;
  document.getElementById('my-bookings').replaceChildren(...mine.map(b => {
    const item = el('li', { class: 'my-booking', dataset: { code: b.code, state: b.state || 'BOOKED' } },
      el('div', { class: 'my-head' },
        el('strong', { class: 'my-code', text: b.code }),
        el('span', { class: 'badge', text: t('booking.state.' + (b.state || 'BOOKED')) })),
      el('p', { class: 'my-what', text: `${b.serviceName || b.service} · ${whenText(b)}` }));
    const actions = el('div', { class: 'my-actions' });
    if ((b.state || 'BOOKED') === 'BOOKED') {
      if (state.confirming === b.code) {
        const yes = el('button', { type: 'button', class: 'danger confirm-cancel', text: t('booking.cancelYes') });
        const no = el('button', { type: 'button', text: t('booking.cancelNo') });
        yes.addEventListener('click', () => {
          yes.disabled = true;
          cancel(b);
        });
        no.addEventListener('click', () => {
          state.confirming = null;
          renderMine();
        });
        actions.append(el('span', { class: 'question', text: t('booking.cancelConfirm', { code: b.code }) }), yes, no);
      } else {
        const qr = el('img', { class: 'qr small', alt: t('booking.qrAlt', { code: b.code }), width: 120, height: 120, hidden: true });
        const show = el('button', { type: 'button', class: 'show-qr', text: t('booking.showQr') });
        show.addEventListener('click', () => {
          qr.src = b.qr || api(`/bookings/${encodeURIComponent(b.code)}/qr.svg`);
          qr.hidden = !qr.hidden;
        });
        const cancelButton = el('button', { type: 'button', class: 'cancel', text: t('booking.cancel') });
        cancelButton.addEventListener('click', () => {
          state.confirming = b.code;
          document.getElementById('mine-message').hidden = true;
          clearError(document.getElementById('mine-error'));
          renderMine();
          const confirm = document.querySelector(`#my-bookings li[data-code="${b.code}"] .confirm-cancel`);
          if (confirm) confirm.focus();
        });
        actions.append(show, cancelButton);
        item.append(qr);
      }
    } else {
      const remove = el('button', { type: 'button', class: 'forget', text: t('booking.forget') });
      remove.addEventListener('click', () => forget(b.code));
      actions.append(remove);
    }
    item.append(actions);
    return item;
  }));
}
