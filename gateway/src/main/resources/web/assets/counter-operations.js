// The counter console's part of issue 14's counter operations, apart from counter.js: TRANSFER to a service, a
// counter or an officer with a note for the next officer; REQUEUE of a citizen's missed number; the recall limit
// (RECALL disabled, with the reason, once the centre's limit is reached: NO_SHOW is what is left); the transfer
// note of the ticket at the counter; and the tickets transferred to this counter, from its retained queue.
import { t, el, counterLabel } from './common.js';

const NUMBER = /^[A-Z]{1,2}[0-9]{1,6}$/;
// Recalls this console made of the ticket at the counter, by ticket id (a reload starts again from none: the
// gateway still refuses past the limit, with RECALL_LIMIT, which marks the limit reached here too).
const recalls = new Map();
const atLimit = new Set();

function kind() {
  return document.getElementById('transfer-kind').value;
}

/** Re-render when the transfer target or the requeued number is changed. */
export function listen(render) {
  for (const id of ['transfer-kind', 'transfer-counter', 'transfer-officer', 'transfer-note-input', 'requeue-number']) {
    const control = document.getElementById(id);
    control.addEventListener('input', render);
    control.addEventListener('change', render);
  }
  document.getElementById('requeue-number').addEventListener('input', event => {
    const upper = event.target.value.toUpperCase();
    if (upper !== event.target.value) event.target.value = upper;
  });
}

/** The TRANSFER command's target and note, as the protocol names them. */
export function transferFields() {
  const fields = {};
  if (kind() === 'counter') fields.toCounter = document.getElementById('transfer-counter').value;
  else if (kind() === 'officer') fields.toOfficer = document.getElementById('transfer-officer').value.trim();
  else fields.service = document.getElementById('transfer-service').value;
  const note = document.getElementById('transfer-note-input').value.trim();
  if (note) fields.note = note;
  return fields;
}

export function transferReady(current, transferTo) {
  if (kind() === 'counter') return !!document.getElementById('transfer-counter').value;
  if (kind() === 'officer') return /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/.test(document.getElementById('transfer-officer').value.trim());
  return !!transferTo && transferTo !== current.service;
}

export function requeueNumber() {
  return document.getElementById('requeue-number').value.trim().toUpperCase();
}

export function requeueReady() {
  return NUMBER.test(requeueNumber());
}

/** Shows only the chosen kind of target, and lists the other counters. */
export function renderTransfer(config, counter) {
  for (const label of document.querySelectorAll('.transfer label[data-kind]')) {
    label.hidden = label.dataset.kind !== kind();
  }
  const select = document.getElementById('transfer-counter');
  const selected = select.value;
  const others = config.counters.filter(c => !counter || c.id !== counter.id);
  select.replaceChildren(...others.map(c => el('option', { value: c.id, text: `${counterLabel(c.number)} (${c.id})` })));
  if (selected && others.some(c => c.id === selected)) select.value = selected;
  document.querySelector('button[data-command="TRANSFER"]').textContent =
    t(kind() === 'service' ? 'console.transfer' : 'console.transferHere');
}

/** Counts this console's recalls, and learns from a RECALL_LIMIT refusal; a new call starts again from none. */
export function replied(reply, current) {
  if (reply.command === 'CALL_NEXT' && reply.ticket) {
    recalls.set(reply.ticket.id, 0);
    atLimit.delete(reply.ticket.id);
  }
  const id = (reply.ticket && reply.ticket.id) || (current && current.id);
  if (!id) return;
  if (reply.command === 'RECALL' && !reply.error) recalls.set(id, (recalls.get(id) || 0) + 1);
  if (reply.error && reply.error.code === 'RECALL_LIMIT') atLimit.add(id);
  if (reply.command === 'REQUEUE' && !reply.error) document.getElementById('requeue-number').value = '';
  if (reply.command === 'TRANSFER' && !reply.error) document.getElementById('transfer-note-input').value = '';
}

export function recallLimitReached(config, current) {
  if (!current || !current.id) return false;
  const limit = config && Number.isInteger(config.recallLimit) ? config.recallLimit : Infinity;
  return atLimit.has(current.id) || (recalls.get(current.id) || 0) >= limit;
}

export function renderRecallLimit(config, current) {
  document.getElementById('recall-limit').hidden = !(current && current.state === 'CALLED' && recallLimitReached(config, current));
}

/** The note the transferring officer left with the ticket at the counter. */
export function renderCurrent(current) {
  const note = current && current.note;
  document.getElementById('note-line').hidden = !note;
  document.getElementById('current-note').textContent = note || '';
}

/** Tickets transferred to this counter or its officer: called before anyone else, each with its note. */
export function renderReserved(queue, serviceName) {
  const reserved = (queue && queue.reserved) || [];
  document.getElementById('reserved-title').hidden = reserved.length === 0;
  const list = document.getElementById('reserved');
  list.hidden = reserved.length === 0;
  list.replaceChildren(...reserved.map(ticket => el('li', { dataset: { ticketId: ticket.id } },
    el('span', { class: 'number', text: ticket.number }),
    el('span', { class: 'service', text: ticket.serviceName || serviceName(ticket.service) }),
    ticket.note ? el('span', { class: 'note', text: ticket.note }) : null)));
}
