// The counter console's dossiers: the codes an officer records on COMPLETE or TRANSFER (a barcode scanner types a
// code and Enter, which adds it to the list; several may be added), whether the result goes by post (BCCI), and the
// earlier visits of the dossier the called citizen brought, read over HTTP with the officer's login
// (GET /api/v1/centres/{c}/tickets/{id}/dossiers). Kept apart from counter.js, which only asks for the fields to
// send, clears them after an accepted command, and says which ticket is at the counter.
import { t, el, formatTime } from './common.js';
import { MAX_DOSSIERS, normaliseCode, validCode, dayText } from './dossiers.js';

const entry = { codes: [], problem: null, enabled: true, present: false };
const history = { ticketId: null, answer: null, asked: 0 };
let changed = () => {};

/** Wires the entry; onChange is told when the list changes (to re-render the buttons). */
export function initDossierEntry(onChange) {
  changed = onChange || changed;
  const input = document.getElementById('dossier-code');
  input.addEventListener('keydown', event => {
    if (event.key !== 'Enter') return;
    event.preventDefault(); // the scanner's Enter adds the code; it never presses a command button
    addCode(input.value);
  });
  document.getElementById('dossier-add').addEventListener('click', () => addCode(input.value));
  document.getElementById('dossier-by-post').addEventListener('change', () => renderEntry());
  renderEntry();
}

function addCode(text) {
  const code = normaliseCode(text);
  const input = document.getElementById('dossier-code');
  if (!code) return;
  if (!validCode(code)) entry.problem = t('dossier.invalid');
  else if (entry.codes.includes(code)) entry.problem = t('dossier.duplicate', { code });
  else if (entry.codes.length >= MAX_DOSSIERS) entry.problem = t('dossier.tooMany', { n: MAX_DOSSIERS });
  else {
    entry.codes.push(code);
    entry.problem = null;
    input.value = '';
  }
  renderEntry();
  changed();
}

/** What COMPLETE and TRANSFER carry: the codes and returnByPost, or nothing when no code was added. */
export function dossierFields() {
  if (entry.codes.length === 0) return {};
  return { dossiers: entry.codes.slice(), returnByPost: document.getElementById('dossier-by-post').checked };
}

/** After an accepted COMPLETE or TRANSFER: the next citizen starts with an empty list. */
export function clearDossierEntry() {
  entry.codes = [];
  entry.problem = null;
  document.getElementById('dossier-code').value = '';
  document.getElementById('dossier-by-post').checked = false;
  renderEntry();
}

/**
 * Shows the entry while a ticket is at the counter (present); its controls follow the command buttons' state
 * (enabled). Without arguments, as the console last said.
 */
export function renderEntry(enabled = entry.enabled, present = entry.present) {
  entry.enabled = enabled;
  entry.present = present;
  const box = document.getElementById('dossier-entry');
  box.hidden = !present;
  box.querySelector('h3').textContent = t('dossier.entryTitle');
  box.querySelector('.hint').textContent = t('dossier.entryHint');
  box.querySelector('label.code span').textContent = t('dossier.code');
  box.querySelector('#dossier-add').textContent = t('dossier.add');
  box.querySelector('label.by-post span').textContent = t('dossier.byPost');
  const byPost = document.getElementById('dossier-by-post');
  byPost.disabled = !enabled || entry.codes.length === 0; // BCCI is about the dossiers' result: none, no post
  if (entry.codes.length === 0) byPost.checked = false;
  document.getElementById('dossier-code').disabled = !enabled;
  document.getElementById('dossier-add').disabled = !enabled;
  const problem = box.querySelector('.dossier-problem');
  problem.textContent = entry.problem || '';
  problem.hidden = !entry.problem;
  document.getElementById('dossier-list').replaceChildren(...entry.codes.map(code => {
    const remove = el('button', { type: 'button', class: 'remove', text: '×', title: t('dossier.remove'),
      'aria-label': `${t('dossier.remove')} ${code}` });
    remove.addEventListener('click', () => {
      entry.codes = entry.codes.filter(c => c !== code);
      renderEntry();
      changed();
    });
    return el('li', { dataset: { code } }, el('span', { class: 'code', text: code }), remove);
  }));
}

/**
 * The dossier history of the ticket at the counter: asked once per ticket, and only with an officer logged in at
 * this console (the gateway shows who handled a dossier to the centre's staff only). Without a ticket id (a page
 * reloaded while serving knows the number only) or a login, nothing is shown.
 */
export function showDossierHistory(config, ticketId, loggedIn) {
  const box = document.getElementById('dossier-history');
  if (!ticketId || !loggedIn) {
    history.ticketId = null;
    history.answer = null;
    box.hidden = true;
    return;
  }
  if (history.ticketId !== ticketId) {
    history.ticketId = ticketId;
    history.answer = null;
    const asked = ++history.asked;
    fetch(`/api/v1/centres/${encodeURIComponent(config.centre)}/tickets/${encodeURIComponent(ticketId)}/dossiers`,
      { credentials: 'same-origin', cache: 'no-store' })
      .then(response => (response.ok ? response.json() : null))
      .catch(() => null)
      .then(answer => {
        if (asked !== history.asked) return; // another ticket was called meanwhile
        history.answer = answer;
        renderHistory(config);
      });
  }
  renderHistory(config);
}

function renderHistory(config) {
  const box = document.getElementById('dossier-history');
  const answer = history.answer;
  if (!answer || !answer.dossiers || answer.dossiers.length === 0) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  box.dataset.ticketId = answer.ticket;
  box.querySelector('h3').textContent = t('dossier.historyTitle');
  box.querySelector('.codes').textContent = t('dossier.linked', { codes: answer.dossiers.join(', ') });
  const list = box.querySelector('ol');
  if (answer.earlierVisits.length === 0) {
    list.replaceChildren(el('li', { class: 'empty', text: t('dossier.noEarlier') }));
    return;
  }
  list.replaceChildren(...answer.earlierVisits.map(v => el('li', { class: 'visit', dataset: { dossier: v.dossier, kind: v.kind } },
    el('span', { class: 'kind', text: t('dossier.kind.' + v.kind) }),
    el('span', { class: 'service', text: v.serviceName || v.service }),
    el('span', { class: 'date', text: `${dayText(v.date)} ${formatTime(config, v.at)}` }),
    v.kind === 'RECEIVED' ? el('span', { class: 'officer', text: v.officer ? v.officer.name : t('dossier.noOfficer') }) : null,
    v.counterNumber ? el('span', { class: 'counter', text: t('dossier.counter', { n: v.counterNumber }) }) : null,
    v.kind === 'RECEIVED' ? el('span', { class: 'post', dataset: { byPost: String(!!v.returnByPost) },
      text: t(v.returnByPost ? 'dossier.returnByPost' : 'dossier.returnAtCounter') }) : null,
    answer.dossiers.length > 1 ? el('span', { class: 'code', text: v.dossier }) : null)));
}
