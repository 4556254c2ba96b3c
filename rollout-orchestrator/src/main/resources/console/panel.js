// The tenant panel: its error rate and latency window by window against its own baseline and the gate's thresholds,
// with the verdicts as markers (uPlot), each verdict with its reason, its migration progress per phase, its catalog
// placement, and the operator's tenant actions.
import uPlot from './vendor/uPlot.esm.js';
import {get, post, follow, el, toast, confirmAction} from './api.js';

// measures: gates whose observed value is this chart's measure; marks: verdicts marked on this chart
const CHARTS = [
  {key: 'rate', title: 'Error rate (new version vs its baseline)', unit: '',
    measures: g => g !== 'bake' && !g.includes('latency'), marks: g => !g.includes('latency')},
  {key: 'latency', title: 'Latency p95/p99 in ms (new version vs its baseline)', unit: ' ms',
    measures: g => g.includes('latency'), marks: g => g.includes('latency') || g === 'bake'},
];
// Windows a panel keeps while it is open: an hour of 10 s windows, as the server keeps by default.
const MAX_WINDOWS = 360;

export function openPanel(box, releaseId, tenantId, me, gates) {
  const base = `/api/v1/releases/${encodeURIComponent(releaseId)}/tenants/${encodeURIComponent(tenantId)}`;
  let view = null;
  let keep = MAX_WINDOWS;
  const early = [];  // windows that arrived while the panel loaded
  const plots = [];
  const progressBody = el('tbody');
  const verdictBody = el('tbody');
  const charts = el('div', {class: 'charts'});
  box.hidden = false;
  box.dataset.tenant = tenantId;
  box.replaceChildren(el('p', {}, 'loading ' + tenantId + '…'));

  const panel = {
    tenantId,
    verdict(v) {
      if (!view) return;
      view.verdicts.push(v);
      drawVerdicts();
      drawCharts();
    },
    window(w) {
      if (!view) early.push(w);
      else if (addWindow(w)) drawCharts();
    },
    progress(p) {
      if (!view) return;
      view.progress = view.progress.filter(x => x.phase !== p.phase).concat([p]);
      drawProgress();
    },
    close() {
      windowStream.close();
      plots.forEach(p => p.destroy());
      box.hidden = true;
      box.replaceChildren();
    },
  };

  const viewUrl = `/console/api/releases/${encodeURIComponent(releaseId)}/tenants/${encodeURIComponent(tenantId)}`;
  // The tenant's gate windows come on a stream of their own, open while the panel is. At each (re)connection the
  // panel asks for the windows kept on the server again, for any that closed while it was not connected.
  const windowStream = follow(releaseId, {
    onOpen: () => view && get(viewUrl).then(v => {
      if (v.windows.reduce((added, w) => addWindow(w) || added, false)) drawCharts();
    }).catch(e => toast(e.message)),
    onDeltas: deltas => deltas.forEach(d => panel.window(d.window)),
  }, tenantId);

  get(viewUrl).then(v => {
    view = v;
    keep = Math.max(MAX_WINDOWS, v.windows.length);
    early.splice(0).forEach(addWindow);
    const t = v.tenant;
    const failure = t.failure ? el('p', {class: 'failure'},
      `${t.failure.kind} ${t.failure.gate ?? ''}: ${t.failure.reason}`) : null;
    box.replaceChildren(
      el('h2', {}, tenantId, ' ', el('span', {class: 'state'}, t.status),
        el('button', {class: 'close', title: 'close', onclick: () => panel.close()}, '×')),
      el('p', {}, `${t.region} · wave ${t.wave + 1} step ${t.step + 1} · ${t.tier} · ${t.tenancy} · `,
        t.onNewVersion ? `on ${v.appVersion}` : `on ${v.previousAppVersion}`),
      failure,
      tenantActions(),
      charts,
      el('h3', {}, 'Verdicts'),
      el('table', {class: 'verdicts'}, el('thead', {}, el('tr', {}, ['window end', 'gate', 'outcome', 'observed',
        'threshold', 'baseline', 'samples', 'reason'].map(h => el('th', {}, h)))), verdictBody),
      el('h3', {}, 'Migration'),
      el('table', {class: 'progress'}, el('thead', {}, el('tr', {}, ['phase', 'state', 'rows', 'rows/s', 'attempt',
        'error'].map(h => el('th', {}, h)))), progressBody),
      el('h3', {}, 'Placement'),
      placement(v.placement));
    drawVerdicts();
    drawProgress();
    drawCharts();
  }).catch(e => box.replaceChildren(el('p', {class: 'failure'}, e.message)));

  function tenantActions() {
    if (!me.operator) return null;
    const button = (action, label, text) => el('button', {'data-action': action, onclick: async () => {
      const reason = await confirmAction(text);
      if (reason === null) return;
      try {
        await post(`${base}/${action}`, {reason: reason || undefined});
        toast(`done: ${action} ${tenantId}`);
      } catch (e) {
        toast(e.message);
      }
    }}, label);
    return el('div', {class: 'actions'},
      button('isolate', 'Isolate', `Isolate tenant ${tenantId}: it stays on its current version and gets no further commands.`),
      button('rollback', 'Roll back', `Roll back tenant ${tenantId}: switch it back to ${view.previousAppVersion} and undo its migration.`),
      button('retry', 'Retry', `Retry tenant ${tenantId}'s failed step (attempt + 1).`));
  }

  function drawVerdicts() {
    verdictBody.replaceChildren(...view.verdicts.slice().reverse().map(v => el('tr', {class: 'outcome-' + v.outcome},
      el('td', {}, new Date(v.windowEnd).toLocaleTimeString()), el('td', {}, v.gate), el('td', {}, v.outcome),
      el('td', {}, fmt(v.observed)), el('td', {}, fmt(v.threshold)), el('td', {}, fmt(v.baseline)),
      el('td', {}, v.samples), el('td', {class: 'reason'}, v.reason))));
  }

  function drawProgress() {
    progressBody.replaceChildren(...view.progress.map(p => el('tr', {'data-phase': p.phase},
      el('td', {}, p.phase), el('td', {}, p.state),
      el('td', {}, p.rowsTotal != null ? `${p.rowsDone} / ${p.rowsTotal}` : String(p.rowsDone)),
      el('td', {}, p.rowsPerSecond != null ? p.rowsPerSecond.toFixed(0) : ''), el('td', {}, p.attempt),
      el('td', {}, p.error ?? ''))));
  }

  /** Adds a closed window unless it was seen already (the gate closes a tenant's windows in order). */
  function addWindow(w) {
    const windows = view.windows;
    if (windows.length && w.windowEnd <= windows[windows.length - 1].windowEnd) return false;
    windows.push(w);
    if (windows.length > keep) windows.shift();
    return true;
  }

  function drawCharts() {
    plots.forEach(p => p.destroy());
    plots.length = 0;
    charts.replaceChildren();
    for (const chart of CHARTS) {
      const holder = el('div', {class: 'chart', 'data-chart': chart.key, 'data-windows': 0}, el('h3', {}, chart.title));
      charts.append(holder);
      if (view.windows.length) {
        plots.push(plotWindows(holder, chart));
        continue;
      }
      const points = view.verdicts.filter(v => chart.measures(v.gate) && v.observed != null)
        .sort((a, b) => a.windowEnd - b.windowEnd);
      if (points.length === 0) {
        holder.append(el('p', {class: 'empty'}, 'no window yet'));
        continue;
      }
      holder.append(el('p', {class: 'empty'}, 'no window yet: one point per verdict'));
      plots.push(plot(holder, chart, points));
    }
  }

  /**
   * One point per closed gate window on the new version, its own baseline and the release's absolute gate. A FAIL or
   * PASS verdict is a marker at the end of the window it judged: on that window's value, else on its observed value
   * when it measured this chart's measure, else on the window before it.
   */
  function plotWindows(holder, chart) {
    const rate = chart.key === 'rate';
    const windows = view.windows;
    const value = w => (rate ? w.rate5xx : w.p95Millis) ?? null;
    const byEnd = new Map(windows.map(w => [w.windowEnd, w]));
    const from = windows[0].windowEnd - gates.windowSeconds * 1000;
    const marked = view.verdicts.filter(v => (v.outcome === 'FAIL' || v.outcome === 'PASS') && chart.marks(v.gate)
      && v.windowEnd >= from);
    const ends = [...new Set([...byEnd.keys(), ...marked.map(v => v.windowEnd)])].sort((a, b) => a - b);
    const markerAt = v => {
      if (byEnd.has(v.windowEnd)) return value(byEnd.get(v.windowEnd));
      if (chart.measures(v.gate) && v.observed != null) return v.observed;
      const before = windows.filter(w => w.windowEnd < v.windowEnd).pop();
      return before ? value(before) : null;
    };
    const markers = outcome => {
      const at = new Map(marked.filter(v => v.outcome === outcome).map(v => [v.windowEnd, markerAt(v)]));
      return ends.map(end => at.get(end) ?? null);
    };
    const limit = (rate ? gates.max5xxRate : gates.maxP95Millis) ?? null;
    const lines = rate
      ? [['5xx rate', '#2563eb', w => w.rate5xx], ['own baseline', '#16a34a', w => w.baselineRate5xx, [4, 4]]]
      : [['p95', '#2563eb', w => w.p95Millis], ['p99', '#7c3aed', w => w.p99Millis],
        ['own baseline p95', '#16a34a', w => w.baselineP95Millis, [4, 4]]];
    const fail = markers('FAIL');
    const pass = markers('PASS');
    holder.dataset.windows = windows.length;  // how many points of the series are windows (tests read it)
    holder.dataset.markers = [...fail, ...pass].filter(y => y !== null).length;
    const x = ends.map(end => end / 1000);
    const pad = Math.max(gates.windowSeconds / 2, (x[x.length - 1] - x[0]) * 0.05);
    const series = pick => ends.map(end => byEnd.has(end) ? pick(byEnd.get(end)) ?? null : null);
    const data = [x, ...lines.map(([, , pick]) => series(pick)), x.map(() => limit), fail, pass];
    const opts = {
      width: Math.max(320, holder.clientWidth || 480), height: 200,
      scales: {x: {time: true, range: () => [x[0] - pad, x[x.length - 1] + pad]},
        y: {range: (u, min, max) => [0, Math.max(max ?? 0, limit ?? 0) * 1.2 || 1]}},
      series: [{},
        ...lines.map(([label, stroke, , dash]) => ({label, stroke, width: 2, dash, spanGaps: true})),
        {label: rate ? 'gate max 5xx rate' : 'gate max p95', stroke: '#dc2626', width: 1, points: {show: false}},
        {label: 'FAIL', stroke: '#dc2626', width: 0, points: {show: true, size: 12, fill: '#dc2626'}},
        {label: 'PASS', stroke: '#16a34a', width: 0, points: {show: true, size: 10, fill: '#16a34a'}}],
      axes: [{}, {values: (u, ticks) => ticks.map(t => fmt(t) + chart.unit), size: 70}],
    };
    return new uPlot(opts, data, holder);
  }

  /**
   * Before any window arrived: each verdict is drawn over the window it judged (start to end); its outcome is a
   * marker at the window's end.
   */
  function plot(holder, chart, points) {
    const rows = points.flatMap(v => [[v.windowStart / 1000, v, false], [v.windowEnd / 1000, v, true]])
      .sort((a, b) => a[0] - b[0]);
    const x = rows.map(([t]) => t);
    const limit = chart.key === 'rate' ? gates.max5xxRate : gates.maxP95Millis;
    const value = pick => rows.map(([, v]) => pick(v) ?? null);
    const marker = outcome => rows.map(([, v, end]) => end && v.outcome === outcome ? v.observed : null);
    const data = [x, value(v => v.observed), value(v => v.baseline), value(v => v.threshold), x.map(() => limit ?? null),
      marker('FAIL'), marker('PASS')];
    const pad = Math.max(5, (x[x.length - 1] - x[0]) * 0.05);
    const opts = {
      width: Math.max(320, holder.clientWidth || 480), height: 200,
      scales: {x: {time: true, range: () => [x[0] - pad, x[x.length - 1] + pad]},
        y: {range: (u, min, max) => [0, Math.max(max ?? 0, limit ?? 0) * 1.2 || 1]}},
      series: [{},
        {label: 'observed', stroke: '#2563eb', width: 2},
        {label: 'own baseline', stroke: '#16a34a', width: 2, dash: [4, 4]},
        {label: 'verdict threshold', stroke: '#f97316', width: 2, dash: [8, 4]},
        {label: chart.key === 'rate' ? 'gate max 5xx rate' : 'gate max p95', stroke: '#dc2626', width: 1},
        {label: 'FAIL', stroke: '#dc2626', width: 0, points: {show: true, size: 12, fill: '#dc2626'}},
        {label: 'PASS', stroke: '#16a34a', width: 0, points: {show: true, size: 10, fill: '#16a34a'}}],
      axes: [{}, {values: (u, ticks) => ticks.map(t => fmt(t) + chart.unit), size: 70}],
    };
    return new uPlot(opts, data, holder);
  }

  return panel;
}

function placement(p) {
  if (!p) return el('p', {class: 'empty'}, 'not in the catalog view');
  const rows = [['region', p.region], ['jurisdiction', p.jurisdiction], ['cell', p.cell], ['cluster', p.cluster],
    ['database', p.database], ['schema', p.schema ?? '(pooled)'], ['tenancy', p.tenancy], ['tier', p.tier],
    ['track', p.track], ['status', p.status]];
  return el('table', {class: 'placement'}, el('tbody', {}, rows.map(([k, v]) => el('tr', {}, el('th', {}, k), el('td', {}, v)))));
}

function fmt(value) {
  if (value == null) return '';
  return Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 1 ? value.toFixed(2) : value.toPrecision(2);
}
