// "Tôi bị lỡ lượt": a citizen who missed the call types the number on their slip, and the kiosk asks the gateway to
// put that ticket back in line (a ticket request with `requeue` instead of `service`). The answer is the same
// ticket, back in line, without a new token (the citizen keeps the slip with its QR code), or a refusal with its
// code: REQUEUE_EXPIRED, NOT_A_NO_SHOW, REQUEUE_LIMIT, shown as every other error on the kiosk.
import { t, lang, uuid, formatTime, centreNow } from './common.js';

const NUMBER = /^[A-Z]{1,2}[0-9]{1,6}$/;

export function setup({ show, reset, send }) {
  const input = document.getElementById('missed-number');
  const go = document.getElementById('missed-send');
  const update = () => {
    const upper = input.value.toUpperCase().replace(/\s+/g, '');
    if (upper !== input.value) input.value = upper;
    go.disabled = !NUMBER.test(upper);
  };
  document.getElementById('missed-call').addEventListener('click', () => {
    input.value = '';
    update();
    show('missed');
    input.focus();
  });
  document.getElementById('missed-back').addEventListener('click', reset);
  input.addEventListener('input', update);
  const submit = () => {
    if (go.disabled) return;
    send({ requestId: uuid(), requeue: input.value, language: lang() });
  };
  go.addEventListener('click', submit);
  input.addEventListener('keydown', event => {
    if (event.key === 'Enter') submit();
  });
  update();
}

/** The slip of a requeued ticket says so, and has no QR code of its own (the citizen's first slip has it). */
export function renderSlip(slip, ticket) {
  const requeued = !ticket.token;
  slip.querySelector('.slip-requeued').hidden = !requeued;
  slip.querySelector('img.qr').hidden = requeued;
  slip.querySelector('.slip-scan').hidden = requeued;
  slip.dataset.requeued = String(requeued);
}

export function renderTime(slip, config, ticket) {
  const at = formatTime(config, centreNow(config), { withDate: true });
  slip.querySelector('.slip-time').textContent = `${t('kiosk.printedAt')} ${at}`;
  return ticket;
}
