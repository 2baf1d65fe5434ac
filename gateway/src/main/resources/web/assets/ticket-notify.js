// "Your turn is near" and "you are called to counter 5" on the citizen's ticket page (README "Remote tickets and
// 'your turn is near'"). The page learns both from the ticket's own stream: `turnNear` (at most the centre's
// turnNearAhead tickets ahead) and `counterNumber` once CALLED. Browsers show notifications, vibrate and play sound
// only after the citizen allowed it with a tap, so the page offers *Bật thông báo*; the notice is written on the page
// whatever the browser allows. Each notice is given once per state: a page reloaded while called does not ring again
// for the same call, but a recall to another counter, or a return to the line, does.
import { t } from './common.js';
import { playChime } from './announcer.js';

const state = { enabled: false, tapped: false, audio: null, last: null };

/** Sets up the button; `container` holds it and the notice. */
export function setUpNotifications(container) {
  const button = container.querySelector('#notify-enable');
  const permission = 'Notification' in window ? Notification.permission : 'unsupported';
  state.enabled = permission === 'granted';
  renderButton(button, permission);
  button.addEventListener('click', async () => {
    unlockAudio(); // the tap is the gesture that lets the page play the chime later
    let result = 'unsupported';
    if ('Notification' in window) {
      try {
        result = await Notification.requestPermission();
      } catch (e) {
        result = Notification.permission;
      }
    }
    state.enabled = true; // sound and vibration work without the notification permission
    state.tapped = true;
    renderButton(button, result);
  });
}

function renderButton(button, permission) {
  // shown until tapped in this visit, even with the permission granted before: the tap also unlocks the sound
  button.hidden = state.tapped && permission === 'granted';
  button.textContent = t('ticketPage.notifyEnable');
  const note = document.getElementById('notify-state');
  note.textContent = state.tapped
    ? t(permission === 'granted' ? 'ticketPage.notifyOn' : 'ticketPage.notifySoundOnly')
    : (permission === 'denied' ? t('ticketPage.notifyDenied') : '');
}

/** Called with every state of the ticket; gives a notice when the turn becomes near or the ticket is called. */
export function noticeFor(ticket) {
  let key = null;
  let text = null;
  if (ticket.state === 'CALLED' && ticket.counterNumber != null) {
    key = `called:${ticket.counterNumber}`;
    text = t('ticketPage.calledTo', { counter: ticket.counterNumber });
  } else if (ticket.state === 'WAITING' && ticket.turnNear) {
    key = 'near';
    text = t('ticketPage.turnNear', { ahead: ticket.ahead });
  }
  const banner = document.getElementById('notice');
  banner.hidden = !text;
  banner.textContent = text || '';
  banner.dataset.kind = key ? key.split(':')[0] : '';
  if (!key || key === state.last) {
    if (!key) state.last = null;
    return;
  }
  state.last = key;
  notify(ticket, text);
}

function notify(ticket, text) {
  if (!state.enabled) return;
  if ('Notification' in window && Notification.permission === 'granted') {
    try {
      // tag: a later notice of the same ticket replaces the earlier one instead of piling up
      new Notification(`${ticket.number} – OneDesk`, { body: text, tag: `onedesk-${ticket.number}` });
    } catch (e) {
      // Chrome on Android allows notifications only from a service worker: the page's notice and sound remain
    }
  }
  if (navigator.vibrate) {
    try {
      navigator.vibrate(ticket.state === 'CALLED' ? [400, 200, 400, 200, 400] : [300, 150, 300]);
    } catch (e) {
      // not permitted here: nothing else to do
    }
  }
  chime();
  document.body.dataset.lastNotice = ticket.state === 'CALLED' ? 'called' : 'near';
}

function unlockAudio() {
  try {
    const Ctx = window.AudioContext || window.webkitAudioContext;
    state.audio = state.audio || new Ctx();
    state.audio.resume().catch(() => {});
  } catch (e) {
    state.audio = null;
  }
}

/** The hall display's two soft tones. */
function chime() {
  const ctx = state.audio;
  if (!ctx || ctx.state !== 'running') return;
  playChime(ctx);
}
