// The trace table of one backprop step: z, a, δ, ∂L/∂W, ∂L/∂b and the updated parameters, at full
// precision, in the order the articles compute them; each part carries the phase that reveals it.

import { t } from './i18n.js';
import { full } from './naming.js';

function element(name, className, text) {
  const e = document.createElement(name);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function table(caption, headings) {
  const result = element('table', 'numbers');
  result.append(element('caption', '', caption));
  const row = element('tr');
  for (const heading of headings) {
    const th = element('th', '', heading);
    th.scope = 'col';
    row.append(th);
  }
  const head = element('thead');
  head.append(row);
  result.append(head, element('tbody'));
  return result;
}

function addRow(target, header, cells) {
  const row = element('tr');
  const th = element('th', '', header);
  th.scope = 'row';
  row.append(th);
  for (const cell of cells) {
    const td = element('td', cell.className || 'number', cell.text);
    if (cell.key) td.dataset.key = cell.key;
    if (cell.order !== undefined) td.dataset.order = cell.order;
    row.append(td);
  }
  target.tBodies[0].append(row);
}

/**
 * Phases of a step for a network of L layers, in order: forward 1…L, the loss, node errors L…1,
 * then the update. Returns [{ kind, layer }], index = order.
 */
export function phases(layerCount) {
  const list = [];
  for (let l = 1; l <= layerCount; l++) list.push({ kind: 'forward', layer: l });
  list.push({ kind: 'loss', layer: layerCount });
  for (let l = layerCount; l >= 1; l--) list.push({ kind: 'backward', layer: l });
  list.push({ kind: 'update', layer: null });
  return list;
}

/** Writes the trace of `step` (a backprop response) for sample `s` into `container`. */
export function renderTrace(container, { step, inputs, targets, names, activations, sample }) {
  const L = step.layers.length;
  const order = phases(L);
  const at = (kind, layer) => order.findIndex(p => p.kind === kind && (layer === undefined || p.layer === layer));
  const m = inputs.length;
  container.replaceChildren();

  const summary = element('p', 'trace-summary');
  summary.dataset.order = at('loss');
  const loss = element('span', 'number', full(step.loss));
  loss.dataset.key = 'loss';
  summary.append(...t('trace.summary', { loss: '\u0000', rate: full(step.learningRate),
    applied: t(step.applied ? 'trace.applied' : 'trace.dryRun') }).split('\u0000').flatMap((text, k) => (k ? [loss, text] : [text])));
  container.append(summary);
  if (m > 1) container.append(element('p', 'note', t('trace.sampleOf', { sample: sample + 1, count: m })));

  const inputTable = table(t('trace.inputs'), [t('trace.unit'), 'x']);
  inputs[sample].forEach((x, i) => addRow(inputTable, names.units[0][i], [{ text: full(x), key: `x-0-${i}` }]));
  container.append(inputTable);

  step.layers.forEach((layer, index) => {
    const l = index + 1;
    const section = element('section', 'trace-layer');
    section.append(element('h3', '', t('trace.layer', { layer: l, units: layer.weights.length, activation: activations[index] })));
    const isOutput = l === L;
    const forward = table(t('trace.forward'), [t('trace.unit'), 'z', 'a', ...(isOutput ? [t('trace.target')] : [])]);
    layer.preActivations[sample].forEach((z, j) => addRow(forward, names.units[l][j], [
      { text: full(z), key: `z-${l}-${j}`, order: at('forward', l) },
      { text: full(layer.activations[sample][j]), key: `a-${l}-${j}`, order: at('forward', l) },
      ...(isOutput ? [{ text: full(targets[sample][j]), key: `t-${l}-${j}` }] : []),
    ]));
    section.append(forward);

    const hasBias = Array.isArray(layer.biases);
    const backward = table(t('trace.backward'), [t('trace.unit'), 'δ',
      ...(hasBias ? ['b', '∂L/∂b', `b ${t('trace.after')}`] : [])]);
    layer.deltas[sample].forEach((delta, j) => addRow(backward, names.units[l][j], [
      { text: full(delta), key: `delta-${l}-${j}`, order: at('backward', l) },
      ...(hasBias ? [
        { text: full(layer.biases[j]), key: `b-${l}-${j}` },
        { text: full(layer.biasGradients[j]), key: `db-${l}-${j}`, order: at('backward', l) },
        { text: full(layer.updatedBiases[j]), key: `b1-${l}-${j}`, order: at('update') },
      ] : []),
    ]));
    section.append(backward);

    const weights = table(t('trace.update'), [t('trace.weight'), t('trace.from'), `w ${t('trace.before')}`, '∂L/∂w',
      `w ${t('trace.after')}`]);
    layer.weights.forEach((row, j) => row.forEach((w, i) => addRow(weights, names.weights[l][j][i], [
      { text: `${names.units[l - 1][i]} → ${names.units[l][j]}`, className: 'edge-name' },
      { text: full(w), key: `w-${l}-${j}-${i}` },
      { text: full(layer.weightGradients[j][i]), key: `dw-${l}-${j}-${i}`, order: at('backward', l) },
      { text: full(layer.updatedWeights[j][i]), key: `w1-${l}-${j}-${i}`, order: at('update') },
    ])));
    section.append(weights);
    container.append(section);
  });
  return order;
}

/** Shows the parts of the trace up to phase `upTo` (all of them for Infinity). */
export function revealTrace(container, upTo) {
  for (const e of container.querySelectorAll('[data-order]')) {
    e.classList.toggle('pending', Number(e.dataset.order) > upTo);
  }
}
