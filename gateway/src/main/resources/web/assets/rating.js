// The counter's rating pad (/rating?counter=Q05), a tablet facing the citizen, logged in as that counter's
// RATING_PAD device (rating-Q05). It listens to the counter's retained rating/prompt: after the officer completes a
// ticket the five faces appear, the citizen presses one (and, for the two lowest, may pick reasons), the rating goes
// to rating/submit and the pad thanks them once the gateway replies "accepted" (which it does after storing it).
// An empty message on the prompt, or its expiresAt, ends it: the pad goes back to idle. The thanks and any error
// go back to idle by themselves after a few seconds.
import {
  initPage, loadConfig, connect, topicPrefix, storedCredentials, rememberCredentials, forgetCredentials,
  askCredentials, onLanguageChange, t, uuid, showError, errorMessage, counterLabel, lang,
} from './common.js';
import { renderFaces, renderReasons, MAX_SCORE_WITH_REASONS } from './rating-faces.js';

const SHOW_THANKS_MS = 5000;
const SHOW_ERROR_MS = 6000;
const ANSWER_TIMEOUT_MS = 15000;
const SCREENS = ['idle', 'ask', 'why', 'sending', 'thanks', 'problem'];

const state = {
  config: null,
  client: null,
  counter: null,
  prompt: null, // the retained prompt: {ticket, service, officer?, expiresAt}
  score: null,
  reasons: new Set(),
  request: null, // the rating in flight (a resend keeps its requestId)
  timers: {},
};

initPage();
onLanguageChange(render);
main().catch(e => problem(e.code || 'INTERNAL', e.message));

async function main() {
  const config = await loadConfig();
  state.config = config;
  document.getElementById('centre-name').textContent = config.centreName;
  show('idle');
  document.getElementById('send').addEventListener('click', () => send(state.score, [...state.reasons]));
  document.getElementById('back').addEventListener('click', () => show('ask'));
  const wanted = new URLSearchParams(location.search).get('counter');
  let credentials = padCredentials(config, wanted) || await askCredentials(wanted ? { device: 'rating-' + wanted } : {});
  const start = () => {
    // The pad rates its own counter's tickets: the one the page names, else the one its device id names.
    state.counter = wanted || credentials.counter || credentials.device.replace(/^rating-/, '');
    render();
    const prefix = `${topicPrefix(config)}counters/${state.counter}/rating/`;
    state.client = connect(config, 'rating', credentials, {
      onConnect: client => client.subscribe([prefix + 'prompt', prefix + 'replies']).then(codes => {
        if (codes[0] === 0x80) problem('NOT_AUTHORISED', errorMessage(config, 'NOT_AUTHORISED'), false);
        else if (!config.demo) rememberCredentials('rating', credentials);
      }).catch(() => {}),
      onEmpty: topic => {
        if (topic === prefix + 'prompt') onPrompt(null);
      },
      onMessage: (topic, json) => {
        if (topic === prefix + 'prompt') onPrompt(json);
        else if (topic === prefix + 'replies') onReply(json);
      },
      onRefused: async () => {
        forgetCredentials('rating');
        state.client = null;
        credentials = await askCredentials({ device: credentials.device }, true);
        start();
      },
    });
  };
  start();
}

/** The demo's pad for the counter (every demo pad has the demo password), else what this tablet remembered. */
function padCredentials(config, counter) {
  if (config.demo && config.credentials && config.credentials.rating && counter) {
    return { device: 'rating-' + counter, password: config.credentials.rating.password, counter };
  }
  return storedCredentials(config, 'rating');
}

function onPrompt(prompt) {
  clearTimeout(state.timers.expiry);
  state.prompt = prompt;
  if (!prompt) {
    // Rated (here or on the citizen's phone), expired or replaced: a thanks or an error on screen stays its time.
    if (current() === 'ask' || current() === 'why') idle();
    return;
  }
  const left = Date.parse(prompt.expiresAt) - Date.now();
  state.timers.expiry = setTimeout(() => {
    if (state.prompt === prompt) onPrompt(null);
  }, Math.max(0, left));
  if (current() === 'thanks' || current() === 'sending') return; // the new prompt shows once this screen ends
  ask();
}

function ask() {
  state.score = null;
  state.reasons = new Set();
  state.request = null;
  render();
  show('ask');
}

function choose(score) {
  if (!state.prompt) return;
  state.score = score;
  if (score <= MAX_SCORE_WITH_REASONS) {
    state.reasons = new Set();
    render();
    show('why');
  } else {
    send(score, []);
  }
}

function send(score, reasons) {
  if (!state.client || !state.prompt || score == null) return;
  const rating = { requestId: uuid(), ticket: state.prompt.ticket, score, language: lang() };
  if (reasons.length > 0) rating.reasons = reasons;
  state.request = rating;
  show('sending');
  clearTimeout(state.timers.answer);
  state.timers.answer = setTimeout(() => {
    if (state.request === rating) problem('TIMEOUT', t('error.NETWORK'));
  }, ANSWER_TIMEOUT_MS);
  const topic = `${topicPrefix(state.config)}counters/${state.counter}/rating/submit`;
  state.client.publish(topic, JSON.stringify(rating), { qos: 1 }).catch(() => {});
}

function onReply(reply) {
  if (!state.request || reply.requestId !== state.request.requestId) return;
  clearTimeout(state.timers.answer);
  state.request = null;
  if (reply.accepted) {
    thanks('rating.thanks');
  } else if (reply.error && reply.error.code === 'ALREADY_RATED') {
    thanks('rating.already'); // rated already, most likely on the citizen's own phone
  } else if (reply.error && reply.error.code === 'RATING_CLOSED') {
    problem('RATING_CLOSED', t('rating.closed'));
  } else {
    const code = reply.error ? reply.error.code : 'INTERNAL';
    problem(code, errorMessage(state.config, code, reply.error && reply.error.message));
  }
}

function thanks(key) {
  const text = document.getElementById('thanks-text');
  text.dataset.i18n = key;
  text.textContent = t(key);
  show('thanks');
  after(SHOW_THANKS_MS);
}

function problem(code, message) {
  showError(document.getElementById('error'), code, message);
  show('problem');
  after(SHOW_ERROR_MS);
}

/** Back to what there is to show after a thanks or an error: a (new) prompt, or idle. */
function after(ms) {
  clearTimeout(state.timers.reset);
  state.timers.reset = setTimeout(() => (state.prompt ? ask() : idle()), ms);
}

function idle() {
  state.score = null;
  state.reasons = new Set();
  show('idle');
}

function current() {
  return SCREENS.find(id => !document.getElementById(id).hidden);
}

function show(id) {
  for (const screen of SCREENS) document.getElementById(screen).hidden = screen !== id;
  document.body.dataset.screen = id;
}

function render() {
  if (!state.config) return;
  const counter = state.config.counters.find(c => c.id === state.counter);
  document.getElementById('counter-name').textContent = counter ? counterLabel(counter.number) : state.counter || '';
  renderFaces(document.getElementById('faces'), choose);
  renderReasons(document.getElementById('reasons'), state.reasons);
  const prompt = state.prompt;
  document.getElementById('ticket-number').textContent = prompt ? t('rating.ticket', { number: prompt.ticket }) : '';
  document.getElementById('officer-name').textContent = prompt && prompt.officer
    ? t('rating.officer', { name: prompt.officer }) : '';
  document.getElementById('chosen').textContent = state.score ? t('rating.' + state.score) : '';
}
