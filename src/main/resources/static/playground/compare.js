// Compare learning rates: one fresh network per rate from the same start, trained by plain SGD,
// the loss curves overlaid and the outcomes side by side.

import { ApiError, call } from './api.js';
import { refreshBoundary } from './boundary.js';
import { COLOURS } from './charts.js';
import { t } from './i18n.js';
import { full } from './naming.js';

/** "0.1, 0.5, 1.5" → [0.1, 0.5, 1.5], or null when any is not a positive number. */
export function parseRates(text) {
  const rates = String(text).split(/[\s,;]+/).filter(Boolean).map(Number);
  return rates.length >= 1 && rates.length <= 6 && rates.every(r => Number.isFinite(r) && r > 0) ? rates : null;
}

function card(rate, k, problem) {
  const box = document.createElement('figure');
  box.className = 'compare-card';
  box.style.borderColor = COLOURS[k % COLOURS.length];
  const caption = document.createElement('figcaption');
  caption.textContent = `${t('compare.rate')} = ${rate}`;
  const result = document.createElement('p');
  result.className = 'number';
  result.dataset.rate = String(rate);
  box.append(caption, result);
  let canvas = null;
  if (problem) {
    canvas = document.createElement('canvas');
    canvas.width = 150;
    canvas.height = 150;
    canvas.setAttribute('role', 'img');
    box.insertBefore(canvas, result);
  }
  return { box, result, canvas };
}

/** Trains one network per rate, `epochs` epochs each (mini-batches of `batchSize` for a 2-D problem), drawing into `chart` and `results`. */
export async function compareRates(preset, rates, { epochs, batchSize }, chart, results) {
  chart.reset(rates.map(r => `η = ${r}`));
  results.replaceChildren();
  const chunks = Math.min(epochs, 20);
  await Promise.all(rates.map(async (rate, k) => {
    const view = card(rate, k, preset.problem);
    results.append(view.box);
    const body = { ...structuredClone(preset.body), name: `${preset.body.name}-eta-${rate}`,
      optimizer: { type: 'sgd', learningRate: rate } };
    const network = await call('POST', '/networks', body);
    let done = 0;
    let last = null;
    try {
      for (let c = 0; c < chunks && done < epochs; c++) {
        const n = Math.round(((c + 1) * epochs) / chunks) - done;
        const request = { inputs: preset.data.inputs, targets: preset.data.targets, epochs: n };
        if (preset.problem) Object.assign(request, { batchSize, shuffle: true, seed: preset.seed + done });
        const answer = await call('POST', `/networks/${network.id}/train`, request);
        answer.lossHistory.forEach((loss, e) => chart.add(k, done + e + 1, loss));
        done += answer.epochs;
        last = answer.loss;
        view.result.textContent = `${t('compare.final')}: ${full(last)}`;
      }
      if (view.canvas) await refreshBoundary(view.canvas, network.id, preset.data, { n: 24 });
    } catch (failure) {
      if (!(failure instanceof ApiError) || failure.status !== 422) throw failure;
      view.result.textContent = `${t('compare.diverged')}: ${failure.message}`;
      view.result.dataset.diverged = 'true';
    } finally {
      await call('DELETE', `/networks/${network.id}`).catch(() => {});
    }
    view.result.dataset.loss = last === null ? '' : String(last);
  }));
}
