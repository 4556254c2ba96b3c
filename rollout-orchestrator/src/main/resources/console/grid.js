// The tenant grid: one small cell per tenant, coloured by state, rendered in chunks so that 10,000 tenants never
// block the page; a delta restyles one cell. Cells are found by index (the snapshot's column position).
import {el} from './api.js';

const CHUNK = 1000;

export class TenantGrid {
  constructor(container, columns, states, onPick) {
    this.container = container;
    this.columns = columns;
    this.states = states;
    this.cells = new Map();
    this.generation = 0;
    container.addEventListener('click', e => {
      const cell = e.target.closest('[data-i]');
      if (cell) onPick(Number(cell.dataset.i));
    });
    container.addEventListener('mouseover', e => {
      const cell = e.target.closest('[data-i]');
      if (cell && !cell.title) {
        const i = Number(cell.dataset.i);
        cell.title = `${columns.id[i]} · ${states[columns.state[i]]}${columns.failed[i] ? ' · failed' : ''}`;
      }
    });
  }

  /** Shows the tenants whose index passes the filter, a chunk per animation frame. */
  render(filter) {
    const generation = ++this.generation;
    this.container.replaceChildren();
    this.cells.clear();
    const chosen = [];
    for (let i = 0; i < this.columns.id.length; i++) if (filter(i)) chosen.push(i);
    const step = from => {
      if (generation !== this.generation) return;
      const fragment = document.createDocumentFragment();
      for (const i of chosen.slice(from, from + CHUNK)) {
        const cell = el('i', {'data-i': i, 'data-t': this.columns.id[i]});
        this.style(cell, i);
        this.cells.set(i, cell);
        fragment.append(cell);
      }
      this.container.append(fragment);
      if (from + CHUNK < chosen.length) requestAnimationFrame(() => step(from + CHUNK));
      else this.container.dataset.rendered = String(chosen.length);
    };
    this.container.dataset.rendered = '';
    step(0);
    return chosen.length;
  }

  update(i) {
    const cell = this.cells.get(i);
    if (cell) {
      this.style(cell, i);
      cell.title = '';
    }
  }

  style(cell, i) {
    const state = this.states[this.columns.state[i]];
    cell.className = 's-' + state.toLowerCase().replace('_', '-') + (this.columns.failed[i] ? ' failed' : '');
  }
}
