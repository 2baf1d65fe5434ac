// The administration's building blocks: forms built from a list of fields (labels, hints, an error per field
// that the gateway's `field` points at), modal dialogs that hold them, tables, and how values are worded.
import { t, lang, el } from './common.js';

let sequence = 0;
const nextId = prefix => `${prefix}-${++sequence}`;

const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

/** "7:30" → "07:30"; anything else as typed (trimmed), for the check to refuse. */
function padTime(text) {
  const value = text.trim().replace(/[.h]/, ':');
  return /^[0-9]:[0-5][0-9]$/.test(value) ? `0${value}` : value;
}

/** A text that follows the language switch: an element whose text is the key's (applyStatic renews it). */
export function tx(tag, key, attrs = {}) {
  return el(tag, { ...attrs, dataset: { ...(attrs.dataset || {}), i18n: key } }, t(key));
}

// --- status and alerts ---

let statusTimer = null;

/** Says politely what just happened ("Đã lưu"), for a screen reader and at a glance. */
export function announce(text) {
  const status = document.getElementById('status');
  status.textContent = text;
  status.classList.add('shown');
  clearTimeout(statusTimer);
  statusTimer = setTimeout(() => {
    status.classList.remove('shown');
    status.textContent = '';
  }, 6000);
}

/** Takes what was announced off the screen at once (a logout leaves nothing of the session behind). */
export function clearStatus() {
  clearTimeout(statusTimer);
  const status = document.getElementById('status');
  status.classList.remove('shown');
  status.textContent = '';
}

/** An error that belongs to no form (a toggle that failed): in the alert bar until dismissed. */
export function alertError(error) {
  const bar = document.getElementById('alert');
  bar.replaceChildren(errorBox(error), el('button', { type: 'button', class: 'dismiss', text: t('admin.dismiss') }));
  bar.querySelector('.dismiss').addEventListener('click', () => clearAlert(), { once: true });
}

export function clearAlert() {
  document.getElementById('alert').replaceChildren();
}

/** An error as the page shows it: the gateway's message and, smaller, its code (for the support desk). */
export function errorBox(error, attrs = {}) {
  const box = el('div', { class: 'error', ...attrs, dataset: { code: error.code || '' } });
  box.append(el('span', { class: 'error-message', text: error.message || String(error) }), ' ',
    el('span', { class: 'error-code', text: `${t('error.code')}: ${error.code || '?'}` }));
  if (error.detail && error.status) box.append(errorDetail(error.detail));
  return box;
}

/** The gateway's English detail of an error (what exactly was wrong), small, for whoever supports the centre. */
function errorDetail(detail) {
  return el('span', { class: 'error-detail', lang: 'en', text: detail });
}

// --- forms ---

/**
 * A form from a list of fields. Each field: {name, label (text key), type: text|password|number|date|select|
 * checkbox|checkboxes|sessions, required, options: [{value, label} | {value, labelKey}], hint (text key),
 * readonly, list (suggestions), other (checkboxes: a text box for more values), showIf(values), attrs}.
 * Returns {form, values(), check(), showError(error), clearErrors(), focusFirst()}.
 */
export function buildForm(fields, values = {}) {
  const form = el('form', { class: 'admin-form', novalidate: true });
  const formError = el('div', { class: 'form-error', role: 'alert', hidden: true });
  form.append(formError);
  const parts = new Map();
  for (const field of fields) {
    const part = renderField(field, values[field.name]);
    parts.set(field.name, { field, ...part });
    form.append(part.wrapper);
  }
  const refreshVisibility = () => {
    const current = read();
    for (const { field, wrapper } of parts.values()) {
      if (field.showIf) wrapper.hidden = !field.showIf(current);
    }
  };
  function read() {
    const out = {};
    for (const { field, wrapper, read: readField } of parts.values()) {
      if (wrapper.hidden) continue;
      const value = readField();
      if (value !== undefined) out[field.name] = value;
    }
    return out;
  }
  form.addEventListener('input', refreshVisibility);
  form.addEventListener('change', refreshVisibility);
  refreshVisibility();

  const api = {
    form,
    values: read,
    clearErrors() {
      formError.hidden = true;
      formError.replaceChildren();
      for (const part of parts.values()) part.setError(null);
    },
    /** Required fields left empty, marked as the gateway's errors are; true when there is none. */
    check() {
      const current = read();
      let first = null;
      for (const { field, wrapper, setError } of parts.values()) {
        if (wrapper.hidden || !field.required) continue;
        const value = current[field.name];
        if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
          setError(t('admin.form.required'));
          first = first || parts.get(field.name);
        }
      }
      for (const { field, wrapper, setError } of parts.values()) {
        const problem = !wrapper.hidden && field.validate && current[field.name] !== undefined && field.validate(current[field.name]);
        if (problem) {
          setError(t(problem));
          first = first || parts.get(field.name);
        }
      }
      if (first) first.focus();
      return !first;
    },
    /** Shows an ApiError next to the field it names (sessions[1].to → sessions), else above the form. */
    showError(error) {
      const name = error.field ? String(error.field).split(/[.[]/)[0] : null;
      const part = name && parts.get(name);
      if (part && !part.wrapper.hidden) {
        part.setError(error.message, error.code, error.detail);
        part.focus();
      } else {
        formError.replaceChildren(errorBox(error));
        formError.hidden = false;
        formError.setAttribute('tabindex', '-1');
        formError.focus();
      }
    },
    focusFirst() {
      const first = form.querySelector('input:not([readonly]):not([type=hidden]), select, textarea');
      if (first) first.focus();
    },
  };
  return api;
}

function renderField(field, value) {
  const id = nextId(`f-${field.name}`);
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const wrapper = el('div', { class: `field field-${field.type || 'text'}`, dataset: { field: field.name } });
  const error = el('p', { class: 'field-error', id: errorId, hidden: true });
  const hint = field.hint ? tx('p', field.hint, { class: 'hint', id: hintId }) : null;
  const describedBy = [hint && hintId, errorId].filter(Boolean).join(' ');
  let controls = [];
  let read;
  let focusTarget;
  const type = field.type || 'text';

  if (type === 'checkboxes') {
    const set = el('fieldset', { class: 'checks', 'aria-describedby': describedBy });
    set.append(tx('legend', field.label));
    const chosen = new Set(value || []);
    const box = el('div', { class: 'check-list' });
    const inputs = [];
    for (const option of field.options || []) {
      const input = el('input', { type: 'checkbox', name: field.name, value: option.value, checked: chosen.has(option.value) });
      inputs.push(input);
      const label = option.labelKey ? tx('span', option.labelKey) : el('span', { text: option.label ?? option.value });
      box.append(el('label', { class: 'check' }, input, label));
    }
    set.append(box);
    let other = null;
    if (field.other) {
      const known = new Set((field.options || []).map(o => o.value));
      const extra = (value || []).filter(v => !known.has(v));
      const otherId = nextId(`f-${field.name}-other`);
      other = el('input', { id: otherId, name: `${field.name}-other`, value: extra.join(', '), autocomplete: 'off', spellcheck: 'false' });
      set.append(el('div', { class: 'other' }, el('label', { for: otherId }, tx('span', field.other)), other));
    }
    wrapper.append(...[set, hint, error].filter(Boolean));
    controls = [...inputs, other].filter(Boolean);
    focusTarget = inputs[0] || other;
    read = () => {
      const out = inputs.filter(i => i.checked).map(i => i.value);
      if (other) {
        for (const v of other.value.split(/[\s,;]+/).map(s => s.trim().toUpperCase()).filter(Boolean)) {
          if (!out.includes(v)) out.push(v);
        }
      }
      return out;
    };
    if (field.exclusiveWith) {
      // A service is a counter's primary or secondary skill, not both: ticking one unticks the other.
      for (const input of inputs) {
        input.addEventListener('change', () => {
          if (!input.checked) return;
          const twin = input.form && input.form.querySelector(`input[name="${field.exclusiveWith}"][value="${CSS.escape(input.value)}"]`);
          if (twin) twin.checked = false;
        });
      }
    }
  } else if (type === 'checkbox') {
    const input = el('input', { type: 'checkbox', id, name: field.name, checked: value === undefined ? !!field.default : !!value, 'aria-describedby': describedBy });
    wrapper.append(...[el('label', { class: 'check', for: id }, input, tx('span', field.label)), hint, error].filter(Boolean));
    controls = [input];
    focusTarget = input;
    read = () => input.checked;
  } else if (type === 'sessions') {
    const set = el('fieldset', { class: 'sessions', 'aria-describedby': describedBy });
    set.append(tx('legend', field.label));
    const rows = el('ol', { class: 'session-rows' });
    const add = tx('button', 'admin.sessions.add', { type: 'button', class: 'secondary' });
    const addRow = (session = { from: '', to: '' }) => {
      // Text, not type=time: a time input shows 07:30 AM or 07:30 by the computer's locale, not the page's.
      const time = value => el('input', { type: 'text', value, inputmode: 'numeric', placeholder: '07:30', maxlength: 5, size: 5, autocomplete: 'off', class: 'time' });
      const from = time(session.from);
      const to = time(session.to);
      const row = el('li', { class: 'session-row' });
      const remove = tx('button', 'admin.sessions.remove', { type: 'button', class: 'secondary' });
      const label = () => {
        const n = [...rows.children].indexOf(row) + 1;
        from.setAttribute('aria-label', t('admin.sessions.from', { n }));
        to.setAttribute('aria-label', t('admin.sessions.to', { n }));
        remove.setAttribute('aria-label', t('admin.sessions.removeNumbered', { n }));
      };
      row.relabel = label;
      remove.addEventListener('click', () => {
        const next = row.nextElementSibling || row.previousElementSibling;
        row.remove();
        for (const r of rows.children) r.relabel();
        (next ? next.querySelector('input') : add).focus();
        set.dispatchEvent(new Event('change', { bubbles: true }));
      });
      row.append(tx('span', 'admin.sessions.fromLabel', { class: 'session-word', 'aria-hidden': 'true' }), from,
        tx('span', 'admin.sessions.toLabel', { class: 'session-word', 'aria-hidden': 'true' }), to, remove);
      rows.append(row);
      label();
      return row;
    };
    for (const session of value || []) addRow(session);
    add.addEventListener('click', () => addRow().querySelector('input').focus());
    set.append(rows, add);
    wrapper.append(...[set, hint, error].filter(Boolean));
    focusTarget = { focus: () => (rows.querySelector('input') || add).focus() };
    controls = [];
    read = () => [...rows.children].map(r => {
      const [from, to] = r.querySelectorAll('input');
      return { from: padTime(from.value), to: padTime(to.value) };
    }).filter(s => s.from || s.to);
    // Every time as HH:MM (7:30 is taken for 07:30); anything else is said here, before the gateway is asked.
    field.validate = sessions => (sessions.every(x => TIME.test(x.from) && TIME.test(x.to)) ? null : 'admin.sessions.format');
  } else {
    let input;
    if (type === 'select') {
      input = el('select', { id, name: field.name, 'aria-describedby': describedBy });
      for (const option of field.options || []) {
        const o = option.labelKey ? tx('option', option.labelKey, { value: option.value })
          : el('option', { value: option.value, text: option.label ?? option.value });
        input.append(o);
      }
      if (value !== undefined && value !== null) input.value = value;
    } else {
      input = el('input', {
        id, name: field.name, type, 'aria-describedby': describedBy, autocomplete: field.autocomplete || 'off',
        spellcheck: 'false', readonly: !!field.readonly, ...(field.attrs || {}),
      });
      if (value !== undefined && value !== null) input.value = value;
      if (field.list) {
        const listId = `${id}-list`;
        input.setAttribute('list', listId);
        wrapper.append(el('datalist', { id: listId }, ...field.list.map(v => el('option', { value: v }))));
      }
    }
    if (field.required) input.setAttribute('aria-required', 'true');
    wrapper.prepend(el('label', { for: id }, tx('span', field.label), field.required ? el('span', { class: 'required', 'aria-hidden': 'true', text: ' *' }) : null));
    wrapper.append(...[input, hint, error].filter(Boolean));
    controls = [input];
    focusTarget = input;
    read = () => {
      const raw = input.value.trim();
      if (raw === '') return undefined;
      if (type === 'number') {
        const n = Number(raw);
        return Number.isFinite(n) ? n : raw;
      }
      return field.upper ? raw.toUpperCase() : raw;
    };
  }

  const setError = (message, code, detail) => {
    if (!message) {
      error.hidden = true;
      error.replaceChildren();
      delete error.dataset.code;
      for (const c of controls) c.removeAttribute('aria-invalid');
      wrapper.classList.remove('invalid');
      return;
    }
    error.replaceChildren(el('span', { class: 'error-message', text: message }));
    if (detail) error.append(' ', errorDetail(detail));
    if (code) error.dataset.code = code;
    error.hidden = false;
    for (const c of controls) c.setAttribute('aria-invalid', 'true');
    wrapper.classList.add('invalid');
  };
  return { wrapper, read, setError, focus: () => focusTarget && focusTarget.focus() };
}

// --- dialogs ---

/**
 * A modal dialog holding a form (or only a question when fields is empty). submit(values) runs on the
 * gateway; its ApiError stays in the dialog, by the field it names. Resolves with submit's result, or null
 * when cancelled (Esc too). Focus goes into the dialog and back to what opened it.
 */
export function openDialog({ title, titleText, message, fields = [], values = {}, submitLabel = 'admin.save', danger = false, submit }) {
  const opener = document.activeElement;
  const titleId = nextId('dialog-title');
  const dialog = el('dialog', { class: 'admin-dialog', 'aria-labelledby': titleId });
  const heading = titleText ? el('h2', { id: titleId, text: titleText }) : tx('h2', title, { id: titleId });
  const built = buildForm(fields, values);
  const { form } = built;
  if (message) form.prepend(el('p', { class: 'dialog-message', text: message }));
  const ok = tx('button', submitLabel, { type: 'submit', class: danger ? 'danger' : 'primary' });
  const cancel = tx('button', 'admin.cancel', { type: 'button', class: 'secondary' });
  form.append(el('div', { class: 'dialog-buttons' }, ok, cancel));
  dialog.append(heading, form);
  document.body.append(dialog);
  return new Promise(resolve => {
    let result = null;
    const close = () => dialog.close();
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (opener && opener.isConnected) opener.focus();
      resolve(result);
    });
    cancel.addEventListener('click', close);
    form.addEventListener('submit', async event => {
      event.preventDefault();
      built.clearErrors();
      if (!built.check()) return;
      ok.disabled = true;
      form.setAttribute('aria-busy', 'true');
      try {
        result = (await submit(built.values())) ?? true;
        close();
      } catch (e) {
        built.showError(e);
      } finally {
        ok.disabled = false;
        form.removeAttribute('aria-busy');
      }
    });
    dialog.showModal();
    if (fields.length) built.focusFirst();
    else cancel.focus();
  });
}

/** Closes every open dialog (on logout: nothing of the last session stays on the screen). */
export function closeDialogs() {
  for (const d of document.querySelectorAll('dialog.admin-dialog')) d.close();
}

// --- tables ---

/**
 * A table: columns [{label (text key) | labelText, class}], rows of cells (strings or nodes), each row with
 * optional attributes ({dataset: {...}}). caption (a text key) names it for screen readers; captionText is shown.
 */
export function table({ caption, captionText, columns, rows, empty = 'admin.empty', className = '' }) {
  const head = el('tr', {}, ...columns.map(c => (c.labelText !== undefined
    ? el('th', { scope: 'col', class: c.class, text: c.labelText }) : tx('th', c.label, { scope: 'col', class: c.class }))));
  const body = el('tbody');
  for (const row of rows) {
    const cells = row.cells.map((cell, i) => el('td', { class: columns[i] && columns[i].class }, cell ?? ''));
    body.append(el('tr', row.attrs || {}, ...cells));
  }
  if (!rows.length) body.append(el('tr', { class: 'empty' }, el('td', { colspan: columns.length }, tx('span', empty))));
  // A report's table has a visible caption; the others are named for screen readers by what their section is.
  const cap = captionText ? el('caption', { text: captionText }) : null;
  const name = caption && !captionText ? t(caption) : null;
  return el('div', { class: 'table-wrap' }, el('table', { class: `admin-table ${className}`, 'aria-label': name }, cap, el('thead', {}, head), body));
}

/** A small button for a table row: its visible word, and an accessible name that says what it acts on. */
export function rowButton(key, named, onClick, className = 'secondary') {
  const button = el('button', { type: 'button', class: `row-action ${className}`, 'aria-label': t(`${key}Named`, { name: named }) }, t(key));
  button.addEventListener('click', onClick);
  return button;
}

// --- wording ---

const OPERATOR_KEYS = { POSTAL: 'admin.operator.POSTAL', BHXH: 'admin.operator.BHXH', CONG_AN: 'admin.operator.CONG_AN' };

/** An operator's name ("Bưu điện"), or its code for an agency the page does not know. */
export function operatorName(code) {
  if (!code) return '—';
  return OPERATOR_KEYS[code] ? t(OPERATOR_KEYS[code]) : code;
}

/** "Bưu điện (POSTAL)": for choices, where the code matters too. */
export function operatorChoice(code) {
  return OPERATOR_KEYS[code] ? `${t(OPERATOR_KEYS[code])} (${code})` : code;
}

/**
 * A gap of a centre, in the page's language. The gateway words gaps in English ("no counter can serve service
 * TP"); the known ones are translated, anything else is shown as it comes.
 */
export function gapText(gap) {
  const text = typeof gap === 'string' ? gap : (gap && (gap.message || gap.detail)) || String(gap);
  let m;
  if (/^it has no services$/i.test(text)) return t('admin.gap.noServices');
  if (/^it has no counters$/i.test(text)) return t('admin.gap.noCounters');
  if ((m = /^no counter can serve service (\S+)$/i.exec(text))) return t('admin.gap.unserved', { service: m[1] });
  return text;
}

/** A wait in seconds as a person reads it: "45 giây", "12 phút", "1 giờ 05 phút". */
export function waitText(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(Number(seconds))) return '—';
  const s = Math.max(0, Math.round(Number(seconds)));
  if (s === 0) return '0';
  if (s < 60) return t('admin.seconds', { n: s });
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return t('admin.minutes', { n: minutes });
  return t('admin.hoursMinutes', { h: Math.floor(minutes / 60), m: String(minutes % 60).padStart(2, '0') });
}

/** An instant as date and time in a time zone (the centre's; Vietnam's by default), with seconds if asked. */
export function dateTime(instant, zone = 'Asia/Ho_Chi_Minh', { seconds = false, date = true } = {}) {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return '';
  const options = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  if (seconds) options.second = '2-digit';
  if (date) Object.assign(options, { day: '2-digit', month: '2-digit', year: 'numeric' });
  const locale = lang() === 'en' ? 'en-GB' : 'vi-VN';
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: zone }).format(d);
  } catch (e) {
    return new Intl.DateTimeFormat(locale, options).format(d);
  }
}

/** Today's date (YYYY-MM-DD) in a time zone, by this computer's clock or at the instant given (ms, e.g. the gateway's). */
export function today(zone = 'Asia/Ho_Chi_Minh', now = Date.now()) {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(now));
  } catch (e) {
    return new Date(now).toISOString().slice(0, 10);
  }
}

export function sessionsText(sessions) {
  if (!sessions || !sessions.length) return t('admin.sessions.none');
  return sessions.map(s => `${s.from}–${s.to}`).join(', ');
}
