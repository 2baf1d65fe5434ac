// The index of screens: links, with one counter-display link per configured counter.
import { initPage, loadConfig, setConnection, el, counterLabel, onLanguageChange, requestedCentre } from './common.js';
import './rating-faces.js'; // the rating screen's texts

initPage();
main();

async function main() {
  const config = await loadConfig();
  setConnection('online');
  document.getElementById('centre-name').textContent = config.centreName;
  document.getElementById('demo-note').hidden = !config.demo;
  const query = requestedCentre() ? '?c=' + encodeURIComponent(config.centre) : '';
  for (const id of ['link-hall', 'link-kiosk', 'link-counter']) {
    const link = document.getElementById(id);
    link.href = link.getAttribute('href') + query;
  }
  const render = () => {
    document.getElementById('counter-links').replaceChildren(...config.counters.map(c =>
      el('a', { href: `/display/counter/${encodeURIComponent(c.id)}${query}`, title: c.id, dataset: { counter: c.id } }, counterLabel(c.number))));
    // Each counter's rating pad: /rating?counter=Q05 (and the centre, when the index was asked for one).
    const centre = requestedCentre() ? '&c=' + encodeURIComponent(config.centre) : '';
    document.getElementById('rating-links').replaceChildren(...config.counters.map(c =>
      el('a', { href: `/rating?counter=${encodeURIComponent(c.id)}${centre}`, title: c.id, dataset: { counter: c.id } }, counterLabel(c.number))));
  };
  render();
  onLanguageChange(render);
}
