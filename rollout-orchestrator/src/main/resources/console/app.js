// The console's entry: who is calling, and a hash router between the releases list and a release page.
import {get, follow, el, progressBar} from './api.js';
import {openRelease} from './release.js';

const SETTLED = ['PASSED', 'FAILED', 'ROLLED_BACK', 'ISOLATED', 'CONTRACTING', 'CONTRACTED'];
let me = null;
let closeCurrent = () => {};

async function route() {
  closeCurrent();
  const main = document.getElementById('main');
  const match = location.hash.match(/^#\/releases\/([^/]+)(?:\/tenants\/([^/]+))?/);
  closeCurrent = match
    ? openRelease(main, decodeURIComponent(match[1]), match[2] ? decodeURIComponent(match[2]) : null, me)
    : openList(main);
}

function openList(main) {
  const body = el('tbody');
  main.replaceChildren(el('h1', {}, 'Releases'), el('table', {class: 'releases'},
    el('thead', {}, el('tr', {}, ['release', 'state', 'version', 'regions', 'progress', 'created'].map(h => el('th', {}, h)))),
    body));
  const rows = new Map();
  const render = releases => {
    body.replaceChildren();
    for (const r of releases) {
      const total = Object.values(r.tenants).reduce((a, b) => a + b, 0);
      const settled = SETTLED.reduce((a, s) => a + (r.tenants[s] ?? 0), 0);
      const state = el('td', {class: 'state ' + r.state}, r.state);
      const bar = progressBar(settled, total);
      rows.set(r.id, {state, bar});
      body.append(el('tr', {'data-release': r.id},
        el('td', {}, el('a', {href: '#/releases/' + encodeURIComponent(r.id)}, r.id)), state,
        el('td', {}, r.appVersion), el('td', {}, r.regions.join(', ')), el('td', {}, bar),
        el('td', {}, new Date(r.createdAt).toLocaleString())));
    }
  };
  const load = () => get('/api/v1/releases').then(render);
  const source = follow(null, {onOpen: load, onDeltas: deltas => {
    for (const d of deltas) {
      const row = rows.get(d.releaseId);
      if (!row) { load(); return; }
      row.state.textContent = d.release.state;
      row.state.className = 'state ' + d.release.state;
      const c = d.release.tenantCounts;
      const total = Object.values(c).reduce((a, b) => a + b, 0);
      row.bar.replaceWith(row.bar = progressBar((c.PASSED ?? 0) + (c.FAILED ?? 0) + (c.ROLLED_BACK ?? 0)
        + (c.ISOLATED ?? 0), total));
    }
  }});
  return () => source.close();
}

async function start() {
  me = await get('/console/api/me');
  document.getElementById('who').textContent = `${me.name} (${me.role})`;
  window.addEventListener('hashchange', route);
  route();
}

start();
