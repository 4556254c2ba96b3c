// Calls to the orchestrator, same origin: the browser adds the Basic credentials it was given at the login prompt.
// URLs are made absolute from location.origin: a page opened as http://user:password@host/ would otherwise resolve
// them with the credentials in, which fetch refuses.
const at = path => location.origin + path;

export async function get(path) {
  const response = await fetch(at(path), {headers: {Accept: 'application/json'}});
  if (!response.ok) throw await problem(response);
  return response.json();
}

export async function post(path, body) {
  const response = await fetch(at(path), {method: 'POST', body: JSON.stringify(body ?? {}),
    headers: {'Content-Type': 'application/json', Accept: 'application/json'}});
  if (!response.ok) throw await problem(response);
  return response.json();
}

async function problem(response) {
  let detail = response.statusText;
  try { detail = (await response.json()).detail ?? detail; } catch (ignored) { /* not a problem document */ }
  return new Error(`${response.status}: ${detail}`);
}

/**
 * Follows the server's deltas: of a release, or with a tenant only that tenant's gate windows (its open panel).
 * onOpen runs at every (re)connection: the page reloads its snapshot then, since deltas sent while it was away are
 * lost. The browser reconnects on its own after an error; after a resync this reconnects. Only the page's main
 * stream drives the live indicator. Returns a handle whose close() ends whichever connection is current.
 */
export function follow(release, {onOpen, onDeltas}, tenant) {
  const url = at('/console/api/events') + (release ? '?release=' + encodeURIComponent(release)
    + (tenant ? '&tenant=' + encodeURIComponent(tenant) : '') : '');
  const live = tenant ? {} : document.getElementById('live');
  let source;
  const connect = () => {
    source = new EventSource(url);
    source.addEventListener('open', () => { live.textContent = 'live'; live.className = 'live on'; onOpen?.(); });
    source.addEventListener('error', () => { live.textContent = 'reconnecting'; live.className = 'live off'; });
    source.addEventListener('deltas', e => onDeltas(JSON.parse(e.data)));
    source.addEventListener('resync', () => { source.close(); connect(); });
  };
  connect();
  return {close: () => source.close()};
}

export function toast(message) {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.hidden = false;
  clearTimeout(el.timer);
  el.timer = setTimeout(() => { el.hidden = true; }, 6000);
}

/** Asks before an action; resolves to the reason given, or null when cancelled. */
export function confirmAction(text, irreversible) {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-text').textContent = text;
  const warning = document.getElementById('confirm-irreversible');
  warning.hidden = !irreversible;
  warning.textContent = irreversible ?? '';
  document.getElementById('confirm-reason').value = '';
  dialog.showModal();
  return new Promise(resolve => dialog.addEventListener('close', () =>
    resolve(dialog.returnValue === 'ok' ? document.getElementById('confirm-reason').value : null), {once: true}));
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export function progressBar(done, total) {
  const percent = total === 0 ? 0 : Math.round(100 * done / total);
  return el('span', {class: 'bar', title: `${done} of ${total} settled`},
    el('span', {class: 'fill', style: `width:${percent}%`}), el('span', {class: 'label'}, `${done}/${total}`));
}
