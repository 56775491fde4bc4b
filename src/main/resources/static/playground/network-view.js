// The network drawn in SVG: units as circles, weights as lines whose width and colour show magnitude
// and sign. Units and weights take focus; their numbers show in the inspector; a weight can be edited.

import { t } from './i18n.js';
import { full, short } from './naming.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 640;
const HEIGHT = 380;

function node(name, attributes = {}, parent) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  if (parent) parent.appendChild(element);
  return element;
}

export class NetworkView {
  /** @param onEditWeight (layer, unit, input) => void, called when the learner asks to edit a weight. */
  constructor(svg, inspector, onEditWeight) {
    this.svg = svg;
    this.inspector = inspector;
    this.onEditWeight = onEditWeight;
    this.model = null;
    this.values = null;
    this.reveal = { forward: Infinity, backward: 0 };
    this.selected = null;
  }

  /** A new network: sizes per layer (layer 0 = inputs), its parameters and names. */
  setModel(sizes, params, names, activations) {
    this.model = { sizes, params, names, activations };
    this.values = null;
    this.selected = null;
    this.inspector.textContent = '';
    this.draw();
  }

  setParams(params) {
    this.model.params = params;
    this.styleEdges();
    this.refreshInspector();
  }

  /**
   * Values of one sample from a backprop trace: x (inputs), and per layer l ≥ 1 z, a, delta,
   * weightGradients, biasGradients; `reveal` limits what is shown (for the step's animation).
   */
  setValues(values, reveal = { forward: Infinity, backward: 0 }) {
    this.values = values;
    this.reveal = reveal;
    this.writeValues();
    this.refreshInspector();
  }

  /** Marks a layer (and the weights into it) as the one being computed, or none. */
  highlight(layer, direction) {
    for (const element of this.svg.querySelectorAll('.active-forward, .active-backward')) {
      element.classList.remove('active-forward', 'active-backward');
    }
    if (layer === null) return;
    const className = `active-${direction}`;
    for (const element of this.svg.querySelectorAll(`[data-layer="${layer}"]`)) element.classList.add(className);
  }

  position(l, j) {
    const { sizes } = this.model;
    const columns = sizes.length - 1;
    const x = 60 + (l * (WIDTH - 160)) / columns;
    const n = sizes[l];
    const spacing = Math.min(130, (HEIGHT - 60) / n);
    const y = (HEIGHT - 20) / 2 + (j - (n - 1) / 2) * spacing;
    return { x, y, r: Math.max(6, Math.min(22, spacing * 0.36)) };
  }

  draw() {
    const { sizes, names, activations } = this.model;
    this.svg.replaceChildren();
    this.svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
    this.svg.setAttribute('aria-label', t('network.label', {
      layers: sizes.map((n, l) => (l === 0 ? `${n}` : `${n} ${activations[l - 1]}`)).join(' → ') }));
    const edges = node('g', { class: 'edges' }, this.svg);
    const units = node('g', { class: 'units' }, this.svg);
    this.edgeElements = [];
    const small = sizes.slice(1).reduce((sum, n, l) => sum + n * sizes[l], 0) <= 20;
    for (let l = 1; l < sizes.length; l++) {
      for (let j = 0; j < sizes[l]; j++) {
        for (let i = 0; i < sizes[l - 1]; i++) {
          const a = this.position(l - 1, i);
          const b = this.position(l, j);
          const group = node('g', { class: 'edge', tabindex: small ? '0' : '-1', role: 'button', 'data-layer': l,
            'data-testid': `edge-${l}-${j}-${i}` }, edges);
          const coordinates = { x1: a.x + a.r, y1: a.y, x2: b.x - b.r, y2: b.y };
          node('line', { ...coordinates, class: 'hit' }, group);
          node('line', { ...coordinates, class: 'visible' }, group);
          if (small) {
            const label = node('text', { class: 'edge-label', x: coordinates.x1 + 0.72 * (coordinates.x2 - coordinates.x1),
              y: coordinates.y1 + 0.72 * (coordinates.y2 - coordinates.y1) - 3 }, group);
            label.textContent = names.weights[l][j][i];
          }
          const select = () => this.select({ kind: 'edge', l, j, i });
          group.addEventListener('mouseenter', select);
          group.addEventListener('focus', select);
          group.addEventListener('click', () => this.onEditWeight(l, j, i));
          group.addEventListener('keydown', event => {
            if (event.key === 'Enter' || event.key === ' ') {
              event.preventDefault();
              this.onEditWeight(l, j, i);
            }
            this.move(event, { ArrowDown: `edge-${l}-${j + 1}-${i}`, ArrowUp: `edge-${l}-${j - 1}-${i}`,
              ArrowLeft: `node-${l - 1}-${i}`, ArrowRight: `node-${l}-${j}` });
          });
          this.edgeElements.push({ group, l, j, i });
        }
      }
    }
    this.unitElements = [];
    for (let l = 0; l < sizes.length; l++) {
      for (let j = 0; j < sizes[l]; j++) {
        const p = this.position(l, j);
        const group = node('g', { class: `unit${l === 0 ? ' input' : ''}`, tabindex: '0', role: 'button',
          'data-layer': l, 'data-testid': `node-${l}-${j}` }, units);
        node('circle', { cx: p.x, cy: p.y, r: p.r }, group);
        const label = node('text', { x: p.x, y: p.y, class: 'name', 'font-size': Math.max(7, p.r * 0.62) }, group);
        label.textContent = names.units[l][j];
        const size = Math.max(8, Math.min(13, p.r * 0.62));
        const below = sizes[l] <= 4;
        const at = row => (below
          ? { x: p.x, y: p.y + p.r + size * (row + 1), 'text-anchor': 'middle' }
          : { x: p.x + p.r + 4, y: p.y + (row ? size - 1 : 0) });
        const forward = node('text', { ...at(0), class: 'value forward', 'font-size': size }, group);
        const backward = node('text', { ...at(1), class: 'value backward', 'font-size': size }, group);
        const select = () => this.select({ kind: 'unit', l, j });
        group.addEventListener('mouseenter', select);
        group.addEventListener('focus', select);
        group.addEventListener('click', () => group.focus());
        group.addEventListener('keydown', event => this.move(event, { ArrowDown: `node-${l}-${j + 1}`,
          ArrowUp: `node-${l}-${j - 1}`, ArrowRight: `edge-${l + 1}-0-${j}`, ArrowLeft: `edge-${l}-${j}-0` }));
        this.unitElements.push({ group, l, j, forward, backward });
      }
    }
    this.styleEdges();
    this.writeValues();
  }

  /** Arrow keys move the focus between units and the weights that join them (targets by test id). */
  move(event, targets) {
    const target = targets[event.key] && this.svg.querySelector(`[data-testid="${targets[event.key]}"]`);
    if (!target) return;
    event.preventDefault();
    event.stopPropagation();
    target.focus();
  }

  styleEdges() {
    const { params, names } = this.model;
    let largest = 1e-12;
    for (const layer of params) for (const row of layer.weights) for (const w of row) largest = Math.max(largest, Math.abs(w));
    for (const { group, l, j, i } of this.edgeElements) {
      const w = params[l - 1].weights[j][i];
      const line = group.querySelector('.visible');
      line.setAttribute('stroke-width', (0.6 + 5.4 * Math.abs(w) / largest).toFixed(2));
      line.setAttribute('class', `visible ${w >= 0 ? 'positive' : 'negative'}`);
      group.setAttribute('aria-label', t('edge.label', {
        name: names.weights[l][j][i], from: names.units[l - 1][i], to: names.units[l][j], weight: full(w) }));
    }
  }

  writeValues() {
    const v = this.values;
    for (const { group, l, j, forward, backward } of this.unitElements) {
      let a;
      let delta;
      if (v) {
        a = l === 0 ? v.x[j] : v.layers[l - 1].a[j];
        delta = l === 0 ? undefined : v.layers[l - 1].delta[j];
      }
      const showForward = v && l <= this.reveal.forward;
      const showBackward = v && l > 0 && l >= this.reveal.backward && this.reveal.backward > 0;
      const legible = this.model.sizes[l] <= 6;
      forward.textContent = showForward && legible ? `${l === 0 ? 'x' : 'a'} ${short(a)}` : '';
      backward.textContent = showBackward && legible ? `δ ${short(delta)}` : '';
      group.setAttribute('aria-label', t('unit.label', { name: this.model.names.units[l][j], a: showForward ? full(a) : '–' }));
    }
  }

  select(item) {
    this.selected = item;
    this.refreshInspector();
  }

  refreshInspector() {
    const item = this.selected;
    if (!item || !this.model) return;
    const { names, params } = this.model;
    const v = this.values;
    const rows = [];
    let title;
    if (item.kind === 'unit' && item.l === 0) {
      title = t('inspect.input', { name: names.units[0][item.j], value: v ? full(v.x[item.j]) : '–' });
    } else if (item.kind === 'unit') {
      const layer = v?.layers[item.l - 1];
      title = t('inspect.unit', { name: names.units[item.l][item.j], layer: item.l, unit: item.j + 1 });
      rows.push(['z', layer ? full(layer.z[item.j]) : t('inspect.none')]);
      rows.push(['a', layer ? full(layer.a[item.j]) : t('inspect.none')]);
      rows.push(['δ', layer ? full(layer.delta[item.j]) : t('inspect.none')]);
      const biases = params[item.l - 1].biases;
      if (biases) {
        rows.push([names.biases[item.l][item.j], full(biases[item.j])]);
        rows.push([`∂L/∂${names.biases[item.l][item.j]}`, layer?.biasGradients ? full(layer.biasGradients[item.j]) : t('inspect.none')]);
      }
    } else {
      const gradient = v?.layers[item.l - 1].weightGradients[item.j][item.i];
      title = t('inspect.edge', { name: names.weights[item.l][item.j][item.i], from: names.units[item.l - 1][item.i],
        to: names.units[item.l][item.j] });
      rows.push([t('inspect.weight'), full(params[item.l - 1].weights[item.j][item.i])]);
      rows.push([t('inspect.gradient'), gradient === undefined ? t('inspect.none') : full(gradient)]);
    }
    const heading = document.createElement('p');
    heading.className = 'inspector-title';
    heading.textContent = title;
    const list = document.createElement('dl');
    for (const [term, value] of rows) {
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      dd.textContent = value;
      list.append(dt, dd);
    }
    this.inspector.replaceChildren(heading, list);
    if (item.kind === 'edge') {
      const hint = document.createElement('p');
      hint.className = 'note';
      hint.textContent = t('inspect.edit');
      this.inspector.append(hint);
    }
  }
}
