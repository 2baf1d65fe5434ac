// Counter display: the counter's name, the number it calls or serves and the officer at it, from the retained
// counters/{id}/now. It logs in as a display device (read-only).
import {
  initPage, loadConfig, connect, topicPrefix, storedCredentials, rememberCredentials, forgetCredentials,
  askCredentials, onLanguageChange, t, showError, errorMessage, counterLabel,
} from './common.js';

const counterId = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() || '');
const state = { config: null, counter: null, now: null };

initPage();
onLanguageChange(render);
main().catch(e => showError(document.getElementById('error'), e.code || 'INTERNAL', e.message));

async function main() {
  const config = await loadConfig();
  state.config = config;
  document.getElementById('centre-name').textContent = config.centreName;
  state.counter = config.counters.find(c => c.id === counterId) || null;
  if (!state.counter) {
    document.getElementById('counter-name').textContent = t('counter.unknown', { id: counterId });
    showError(document.getElementById('error'), 'UNKNOWN_COUNTER', errorMessage(config, 'UNKNOWN_COUNTER'));
    document.getElementById('number').dataset.state = 'CLOSED';
    return;
  }
  document.title = `${counterLabel(state.counter.number)} – OneDesk`;
  render();
  let credentials = storedCredentials(config, 'hall') || await askCredentials();
  const topic = `${topicPrefix(config)}counters/${counterId}/now`;
  const start = () => connect(config, 'counter-display-' + counterId, credentials, {
    onConnect: client => client.subscribe([topic]).then(codes => {
      if (codes[0] === 0x80) {
        showError(document.getElementById('error'), 'NOT_AUTHORISED', errorMessage(config, 'NOT_AUTHORISED'));
      } else if (!config.demo) {
        rememberCredentials('hall', credentials);
      }
    }).catch(() => {}),
    onMessage: (name, json) => {
      if (name === topic) {
        state.now = json;
        render();
      }
    },
    onRefused: async () => {
      forgetCredentials('hall');
      credentials = await askCredentials({ device: credentials.device }, true);
      start();
    },
  });
  start();
}

function render() {
  if (!state.counter) return;
  document.getElementById('counter-name').textContent = counterLabel(state.counter.number);
  const now = state.now;
  const number = document.getElementById('number');
  let shown = 'IDLE';
  if (now && !now.open) shown = 'CLOSED';
  else if (now && now.ticket && (now.state === 'CALLED' || now.state === 'SERVING')) shown = now.state;
  number.dataset.state = shown;
  number.textContent = shown === 'CALLED' || shown === 'SERVING' ? now.ticket : '';
  document.getElementById('number-state').textContent = now ? t('state.' + shown) : '';
  // `now` names the officer only where the centre shows officers' names (showOfficerName).
  const officer = now && now.open && now.officer ? now.officer : null;
  document.getElementById('officer').textContent = officer ? t('counterDisplay.officer', { name: officer.name }) : '';
}
