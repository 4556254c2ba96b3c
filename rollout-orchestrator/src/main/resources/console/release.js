// A release page: its regions' waves and steps as progress bars, the failure budget, the tenant grid with its
// filters, the operator's actions, and the tenant panel; kept live by the server's deltas.
import {get, post, follow, el, toast, confirmAction} from './api.js';
import {TenantGrid} from './grid.js';
import {openPanel} from './panel.js';

const FORWARD = new Set(['EXPAND', 'MIGRATE']);
const DONE = new Set(['COMPLETED', 'ABORTED', 'ROLLED_BACK', 'FAILED']);

export function openRelease(main, releaseId, tenantId, me) {
  let data = null;          // the snapshot: release, policy, gates and tenant columns
  let grid = null;
  let panel = null;
  let queued = [];          // deltas that arrived while the snapshot loaded
  let summaryTimer = null;
  let filterTimer = null;
  const index = new Map();  // tenant id -> column index
  const seen = [];          // highest tenant-state version applied, per index

  const title = el('span', {class: 'state'});
  const actions = el('div', {class: 'actions'});
  const regions = el('section', {class: 'regions'});
  const filters = el('div', {class: 'filters'});
  const legend = el('div', {class: 'legend'});
  const gridBox = el('div', {class: 'grid', id: 'grid'});
  const panelBox = el('aside', {class: 'panel', id: 'panel', hidden: true});
  main.replaceChildren(el('h1', {}, el('a', {href: '#/'}, 'Releases'), ' / ', releaseId, ' ', title), actions,
    regions, filters, legend, el('div', {class: 'body'}, gridBox, panelBox));

  const load = async () => {
    queued = [];
    data = null;
    const snapshot = await get(`/console/api/releases/${encodeURIComponent(releaseId)}/grid`);
    index.clear();
    snapshot.tenants.id.forEach((id, i) => { index.set(id, i); seen[i] = 0; });
    data = snapshot;
    data.stateIndex = Object.fromEntries(data.states.map((s, i) => [s, i]));
    showRelease(data.release.state);
    showActions();
    buildFilters();
    grid = new TenantGrid(gridBox, data.tenants, data.states, i => pick(data.tenants.id[i]));
    renderGrid();
    summary();
    const pending = queued;
    queued = [];
    apply(pending);
    if (tenantId) pick(tenantId);
  };

  const source = follow(releaseId, {
    onOpen: () => load().catch(e => toast(e.message)),
    onDeltas: deltas => data ? apply(deltas) : queued.push(...deltas),
  });

  function apply(deltas) {
    const c = data.tenants;
    const s = data.stateIndex;
    let touched = false;
    for (const d of deltas) {
      if (d.kind === 'release') {
        showRelease(d.release.state, d.release.regions);
        continue;
      }
      const i = index.get(d.tenantId);
      if (i === undefined) continue;
      if (d.kind === 'tenant') {
        if (d.version < seen[i]) continue;
        seen[i] = d.version;
        c.state[i] = s[d.state];
        if (d.state === 'FAILED') c.failed[i] = true;
      } else if (d.kind === 'verdict') {
        if (d.verdict.outcome === 'FAIL') {
          c.failed[i] = true;
          if (c.state[i] === s.IN_PROGRESS) c.state[i] = s.FAILED;
        }
        if (panel?.tenantId === d.tenantId) panel.verdict(d.verdict);
      } else if (d.kind === 'progress') {
        if (c.state[i] === s.WAITING && FORWARD.has(d.progress.phase)) c.state[i] = s.IN_PROGRESS;
        if (panel?.tenantId === d.tenantId) panel.progress(d.progress);
      }
      grid.update(i);
      touched = true;
    }
    if (touched) {
      clearTimeout(summaryTimer);
      summaryTimer = setTimeout(summary, 250);
      if (filters.querySelector('[name=state]').value) scheduleFilter(500);
    }
  }

  function showRelease(state, regionChanges) {
    data.release.state = state;
    title.textContent = `${state} · ${data.release.previousAppVersion} → ${data.release.appVersion}`;
    title.className = 'state ' + state;
    for (const change of regionChanges ?? []) {
      const region = data.release.regions.find(r => r.region === change.region);
      if (region) region.state = change.state;
    }
    actions.querySelectorAll('button[data-action]').forEach(b => { b.disabled = !allowed(b.dataset.action, state); });
  }

  function allowed(action, state) {
    switch (action) {
      case 'pause': case 'promote': return state === 'RUNNING';
      case 'resume': return state === 'PAUSED' || (state === 'RUNNING' && data.release.regions.some(r => r.state === 'PAUSED'));
      case 'abort': return !DONE.has(state) && state !== 'CONTRACTING' && state !== 'ROLLING_BACK';
      case 'approve-contract': return state === 'AWAITING_CONTRACT_APPROVAL';
      default: return true;
    }
  }

  function showActions() {
    actions.replaceChildren();
    if (!me.operator) return;   // a viewer sees no actions (and the server would refuse them)
    const button = (action, label, text, irreversible) => el('button', {'data-action': action,
      onclick: () => act(`/api/v1/releases/${encodeURIComponent(releaseId)}/${action}`, text, irreversible)}, label);
    actions.append(
      button('pause', 'Pause', `Pause release ${releaseId}: no new step starts until it is resumed.`),
      button('resume', 'Resume', `Resume release ${releaseId} (accepts the failures that paused a region).`),
      button('promote', 'Promote', `Promote release ${releaseId}: tenants baking now pass without waiting for the gate.`),
      button('abort', 'Abort', `Abort release ${releaseId}: every tenant not contracted is rolled back.`));
    if (me.admin) {
      actions.append(button('approve-contract', 'Approve contract',
        `Approve CONTRACT for release ${releaseId}: every passed tenant runs contract.sql, which drops what version `
          + `${data.release.previousAppVersion} needed.`,
        'This is irreversible: contract is the point of no return. After it, no tenant of this release can be '
          + 'rolled back or switched to the previous version.'));
    }
    showRelease(data.release.state);
  }

  async function act(path, text, irreversible) {
    const reason = await confirmAction(text, irreversible);
    if (reason === null) return;
    try {
      const detail = await post(path, {reason: reason || undefined});
      showRelease(detail.state);
      toast('done: ' + path.split('/').slice(-1)[0]);
    } catch (e) {
      toast(e.message);
    }
  }

  function buildFilters() {
    const waves = new Map();
    for (const r of data.release.regions) for (const w of r.waves) waves.set(w.index, waves.has(w.index)
      && waves.get(w.index) !== w.name ? `${waves.get(w.index)} / ${w.name}` : w.name);
    const select = (name, label, options) => el('label', {}, label + ' ', el('select', {name, onchange: () => scheduleFilter(0)},
      el('option', {value: ''}, 'all'), options.map(([value, text]) => el('option', {value}, text))));
    filters.replaceChildren(
      select('region', 'region', data.regions.map((r, i) => [i, r])),
      select('wave', 'wave', [...waves].map(([i, name]) => [i, `${i + 1} ${name}`])),
      select('tier', 'tier', data.tiers.map((t, i) => [i, t])),
      select('state', 'state', data.states.map((s, i) => [i, s.toLowerCase().replace('_', ' ')])),
      el('label', {}, 'tenant ', el('input', {name: 'id', placeholder: 'id contains', oninput: () => scheduleFilter(150)})),
      el('span', {class: 'shown'}));
  }

  function scheduleFilter(delay) {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(renderGrid, delay);
  }

  function renderGrid() {
    const value = name => filters.querySelector(`[name=${name}]`).value;
    const c = data.tenants;
    const [region, wave, tier, state, id] = ['region', 'wave', 'tier', 'state', 'id'].map(value);
    const shown = grid.render(i => (region === '' || c.region[i] === +region) && (wave === '' || c.wave[i] === +wave)
      && (tier === '' || c.tier[i] === +tier) && (state === '' || c.state[i] === +state)
      && (id === '' || c.id[i].includes(id)));
    filters.querySelector('.shown').textContent = `${shown} of ${c.id.length} tenants`;
  }

  /** Per region, wave and step: tenants by state; per wave the failures against the policy's budget. */
  function summary() {
    const c = data.tenants;
    const states = data.states;
    const counts = new Map();
    const failed = new Map();
    const total = new Array(states.length).fill(0);
    for (let i = 0; i < c.id.length; i++) {
      const key = `${c.region[i]}|${c.wave[i]}|${c.step[i]}`;
      if (!counts.has(key)) counts.set(key, new Array(states.length).fill(0));
      counts.get(key)[c.state[i]]++;
      total[c.state[i]]++;
      if (c.failed[i]) failed.set(`${c.region[i]}|${c.wave[i]}`, (failed.get(`${c.region[i]}|${c.wave[i]}`) ?? 0) + 1);
    }
    legend.replaceChildren(...states.map((s, i) => el('span', {class: 'key'},
      el('i', {class: 's-' + s.toLowerCase().replace('_', '-')}), ` ${s.toLowerCase().replace('_', ' ')} ${total[i]}`)));
    const budget = data.policy.maxFailedTenantsPerWave;
    regions.replaceChildren(...data.release.regions.map(r => {
      const ri = data.regions.indexOf(r.region);
      return el('div', {class: 'region', 'data-region': r.region},
        el('h2', {}, r.region, ' ', el('span', {class: 'state ' + r.state}, r.state), r.pausedReason ? el('span', {class: 'paused'}, ' ' + r.pausedReason) : null),
        ...r.waves.map(w => {
          const used = failed.get(`${ri}|${w.index}`) ?? 0;
          return el('div', {class: 'wave'},
            el('span', {class: 'wave-name'}, `${w.index + 1}. ${w.name}`),
            el('span', {class: 'budget' + (used > budget ? ' over' : ''), title: 'failed tenants / failure budget of the wave'},
              `failures ${used}/${budget}`),
            ...w.steps.map(s => stepBar(s, counts.get(`${ri}|${w.index}|${s.index}`) ?? [], states)));
        }));
    }));
  }

  function pick(id) {
    if (!index.has(id)) return;
    history.replaceState(null, '', `#/releases/${encodeURIComponent(releaseId)}/tenants/${encodeURIComponent(id)}`);
    panel?.close();
    panel = openPanel(panelBox, releaseId, id, me, data.gates);
  }

  return () => { source.close(); panel?.close(); clearTimeout(summaryTimer); clearTimeout(filterTimer); };
}

function stepBar(step, counts, states) {
  const total = counts.reduce((a, b) => a + b, 0);
  return el('span', {class: 'step', title: `step ${step.index + 1}: ${step.percent} %, ${total} tenants`},
    el('span', {class: 'step-label'}, `${step.percent}%`),
    el('span', {class: 'bar segmented'}, ...states.map((s, i) => counts[i] ? el('span', {
      class: 's-' + s.toLowerCase().replace('_', '-'), style: `width:${100 * counts[i] / total}%`,
      title: `${counts[i]} ${s.toLowerCase()}`}) : null)),
    el('span', {class: 'count'}, String(total)));
}
