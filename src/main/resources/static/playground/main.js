// The playground: wires the controls to the service's public API and to the views.

import { apiKey, call, setApiKey } from './api.js';
import { clearBoundary, refreshBoundary } from './boundary.js';
import { LossChart } from './charts.js';
import { compareRates, parseRates } from './compare.js';
import { LANGUAGES, setLanguage, t } from './i18n.js';
import { full, namesFor } from './naming.js';
import { NetworkView } from './network-view.js';
import { buildPreset, isProblem, PRESET_IDS } from './presets.js';
import { datasetFor, stopJob, trainByCalls, trainByJob } from './training.js';
import { phases, renderTrace, revealTrace } from './trace-view.js';

const $ = id => document.getElementById(id);
const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
const PHASE_MS = reducedMotion ? 0 : 450;

const state = {
  preset: null,
  network: null,
  params: null,
  sizes: [],
  activations: [],
  names: null,
  lastStep: null,
  epoch: 0,
  busy: false,
  training: null,
  status: null,
};

const view = new NetworkView($('network'), $('inspector'), editWeight);
const lossChart = new LossChart($('loss-chart'),
  chart => t('chart.label', { count: chart.count(), loss: $('loss').textContent }));
const compareChart = new LossChart($('compare-chart'),
  chart => t('compare.label', { rates: chart.labels.join(', ') }));

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

function say(key, values = {}) {
  state.status = { key, values };
  $('status').textContent = t(key, values);
  $('status').classList.toggle('error', key === 'status.error' || key.startsWith('status.bad'));
}

function fail(failure) {
  say('status.error', { message: failure.message });
}

function setBusy(busy, training = false) {
  state.busy = busy;
  document.body.dataset.busy = String(busy);
  for (const id of ['step', 'train', 'preset', 'reset', 'compare', 'seed', 'hidden', 'activation']) $(id).disabled = busy;
  $('stop').disabled = !training;
}

/** Runs an action with the controls locked, showing any failure in the status line. */
async function guarded(action, training = false) {
  if (state.busy) return;
  setBusy(true, training);
  try {
    await action();
  } catch (failure) {
    if (!failure.reported) fail(failure);
  } finally {
    setBusy(false);
  }
}

function positive(id, field) {
  const value = Number($(id).value);
  if (!Number.isFinite(value) || value <= 0) {
    say('status.badNumber', { field });
    throw Object.assign(new Error(t('status.badNumber', { field })), { reported: true });
  }
  return value;
}

function wholePositive(id, field) {
  const value = positive(id, field);
  return Math.max(1, Math.round(value));
}

function fillPresetOptions() {
  const select = $('preset');
  const chosen = select.value || '2-2-2';
  select.replaceChildren();
  for (const [group, ids] of [['group.examples', PRESET_IDS.filter(id => !isProblem(id))],
    ['group.problems', PRESET_IDS.filter(isProblem)]]) {
    const optgroup = document.createElement('optgroup');
    optgroup.label = t(group);
    for (const id of ids) {
      const option = document.createElement('option');
      option.value = id;
      option.textContent = t(`preset.${id}`);
      optgroup.append(option);
    }
    select.append(optgroup);
  }
  select.value = chosen;
}

function sampleValues(step, s) {
  return {
    x: state.preset.data.inputs[s],
    layers: step.layers.map(layer => ({
      z: layer.preActivations[s], a: layer.activations[s], delta: layer.deltas[s],
      weightGradients: layer.weightGradients, biasGradients: layer.biasGradients,
    })),
  };
}

function sample() {
  const m = state.preset.data.inputs.length;
  return Math.min(m, Math.max(1, Math.round(Number($('sample').value) || 1))) - 1;
}

function showLoss(loss) {
  $('loss').textContent = full(loss);
}

function showEpochs() {
  $('epochs-trained').textContent = String(state.epoch);
}

/** Forward and backward at the current parameters without changing them, for the drawing's numbers. */
async function dryRun() {
  const { inputs, targets } = state.preset.data;
  const step = await call('POST', `/networks/${state.network.id}/backprop`, { inputs, targets, apply: false });
  view.setValues(sampleValues(step, sample()));
  return step;
}

async function refreshParameters() {
  state.params = (await call('GET', `/networks/${state.network.id}/parameters`)).layers;
  view.setParams(state.params);
}

async function refreshProblemView() {
  if (state.preset.problem) await refreshBoundary($('boundary'), state.network.id, state.preset.data);
}

function presetOptions() {
  const seed = Math.round(Number($('seed').value));
  return { seed: Number.isFinite(seed) && seed >= 0 ? seed : 1, hidden: $('hidden').value, activation: $('activation').value };
}

/** Makes the chosen preset's network (deleting the previous one); `fresh` also resets the controls to its defaults. */
async function loadPreset(fresh) {
  const id = $('preset').value;
  let preset;
  try {
    preset = buildPreset(id, presetOptions());
  } catch {
    say('status.badHidden');
    return;
  }
  say('status.creating');
  const previous = state.network;
  state.network = null;
  if (previous) await call('DELETE', `/networks/${previous.id}`).catch(() => {});
  state.preset = preset;
  if (fresh) {
    $('learning-rate').value = String(preset.learningRate);
    $('optimizer').value = preset.optimizer;
    $('epochs').value = String(preset.epochs);
    if (preset.problem) $('batch-size').value = String(preset.batchSize);
  }
  $('problem-options').hidden = !preset.problem;
  $('boundary-panel').hidden = !preset.problem;
  $('sample-picker').hidden = preset.data.inputs.length === 1;
  $('sample').max = String(preset.data.inputs.length);
  $('preset-note').textContent = t(preset.problem ? 'note.problem' : `note.${id}`);
  state.network = await call('POST', '/networks', preset.body);
  $('network').dataset.networkId = state.network.id;
  state.params = (await call('GET', `/networks/${state.network.id}/parameters`)).layers;
  state.sizes = [state.network.inputs, ...state.network.layers.map(l => l.units)];
  state.activations = state.network.layers.map(l => l.activation);
  state.names = namesFor(state.sizes, preset.names);
  state.lastStep = null;
  state.epoch = 0;
  view.setModel(state.sizes, state.params, state.names, state.activations);
  $('trace').textContent = t('trace.empty');
  $('trace').dataset.state = 'empty';
  lossChart.reset([t('chart.loss')]);
  compareChart.reset([]);
  $('compare-results').replaceChildren();
  showEpochs();
  const step = await dryRun();
  showLoss(step.loss);
  clearBoundary($('boundary'));
  await refreshProblemView();
  say('status.ready');
}

function drawTrace(step) {
  renderTrace($('trace'), { step, inputs: state.preset.data.inputs, targets: state.preset.data.targets,
    names: state.names, activations: state.activations, sample: sample() });
}

/** One backprop step, shown as the articles do: forward layer by layer, node errors backward, the update. */
async function step() {
  const learningRate = positive('learning-rate', t('learningRate'));
  say('status.stepping');
  const { inputs, targets } = state.preset.data;
  const answer = await call('POST', `/networks/${state.network.id}/backprop`, { inputs, targets, learningRate });
  state.lastStep = answer;
  state.epoch += 1;
  const trace = $('trace');
  trace.dataset.state = 'animating';
  drawTrace(answer);
  const values = sampleValues(answer, sample());
  const order = phases(answer.layers.length);
  const L = answer.layers.length;
  revealTrace(trace, -1);
  view.setValues(values, { forward: 0, backward: 0 });
  for (let p = 0; p < order.length; p++) {
    const phase = order[p];
    revealTrace(trace, p);
    if (phase.kind === 'forward') {
      view.highlight(phase.layer, 'forward');
      view.setValues(values, { forward: phase.layer, backward: 0 });
    } else if (phase.kind === 'loss') {
      showLoss(answer.loss);
    } else if (phase.kind === 'backward') {
      view.highlight(phase.layer, 'backward');
      view.setValues(values, { forward: L, backward: phase.layer });
    } else {
      view.highlight(null);
      state.params = answer.layers.map(layer => (layer.updatedBiases
        ? { weights: layer.updatedWeights, biases: layer.updatedBiases } : { weights: layer.updatedWeights }));
      view.setParams(state.params);
    }
    if (PHASE_MS) await sleep(PHASE_MS);
  }
  trace.dataset.state = 'done';
  lossChart.add(0, state.epoch, answer.loss);
  showEpochs();
  await refreshProblemView();
  say('status.stepped');
}

function optimizerSpec() {
  return { type: $('optimizer').value, learningRate: positive('learning-rate', t('learningRate')) };
}

async function train() {
  const optimizer = optimizerSpec();
  const epochs = wholePositive('epochs', t('epochs'));
  const { preset, network } = state;
  const run = { stopped: false, jobId: null };
  state.training = run;
  say('status.training');
  const start = state.epoch;
  let last = null;
  try {
    if (preset.problem) {
      const batchSize = wholePositive('batch-size', t('batchSize'));
      say('status.uploading');
      const datasetId = await datasetFor(`${preset.id}-${preset.seed}`, preset.data);
      say('status.training');
      let drawing = true;
      const boundaryLoop = (async () => {
        while (drawing) {
          await refreshProblemView();
          await refreshParameters();
          await sleep(150);
        }
      })();
      try {
        const job = await trainByJob(network.id, datasetId, { epochs, optimizer, batchSize, seed: preset.seed + start },
          started => {
            run.jobId = started.id;
            if (run.stopped) stopJob(started.id).catch(() => {});
          },
          entry => {
            lossChart.add(0, start + entry.epoch, entry.loss);
            if (start + entry.epoch > state.epoch) {
              state.epoch = start + entry.epoch;
              last = entry.loss;
              showLoss(last);
              showEpochs();
            }
          });
        if (job.status === 'failed' && job.error) throw new Error(job.error.detail || job.error.title);
      } finally {
        drawing = false;
        await boundaryLoop;
      }
    } else {
      await trainByCalls(network.id, preset.data, { epochs, optimizer }, async history => {
        history.forEach(loss => lossChart.add(0, ++state.epoch, loss));
        last = history[history.length - 1];
        showLoss(last);
        showEpochs();
        await refreshParameters();
      }, () => run.stopped);
    }
  } finally {
    state.training = null;
    if (state.network === network) {
      await refreshParameters();
      await dryRun();
      if (last !== null) showLoss(last);
      await refreshProblemView();
    }
  }
  say(run.stopped ? 'status.stopped' : 'status.trained', { epochs: state.epoch - start });
}

async function stop() {
  const run = state.training;
  if (!run) return;
  run.stopped = true;
  $('stop').disabled = true;
  if (run.jobId) await stopJob(run.jobId).catch(fail);
}

function editWeight(l, j, i) {
  if (state.busy) return;
  const form = $('weight-editor');
  form.dataset.target = JSON.stringify([l, j, i]);
  $('weight-editor-label').textContent = `${state.names.weights[l][j][i]} (${state.names.units[l - 1][i]} → ${state.names.units[l][j]})`;
  $('weight-editor-value').value = String(state.params[l - 1].weights[j][i]);
  form.hidden = false;
  const edge = document.querySelector(`[data-testid="edge-${l}-${j}-${i}"] .visible`).getBoundingClientRect();
  const panel = form.offsetParent.getBoundingClientRect();
  const left = edge.left + edge.width / 2 - panel.left - form.offsetWidth / 2;
  form.style.left = `${Math.max(4, Math.min(panel.width - form.offsetWidth - 4, left))}px`;
  form.style.top = `${edge.top + edge.height / 2 - panel.top + 10}px`;
  $('weight-editor-value').focus();
  $('weight-editor-value').select();
}

function closeEditor() {
  const form = $('weight-editor');
  if (form.hidden) return;
  form.hidden = true;
  const [l, j, i] = JSON.parse(form.dataset.target);
  document.querySelector(`[data-testid="edge-${l}-${j}-${i}"]`)?.focus();
}

async function saveWeight(event) {
  event.preventDefault();
  const [l, j, i] = JSON.parse($('weight-editor').dataset.target);
  const value = Number($('weight-editor-value').value);
  if (!Number.isFinite(value) || $('weight-editor-value').value.trim() === '') {
    say('status.badNumber', { field: state.names.weights[l][j][i] });
    return;
  }
  await guarded(async () => {
    const layers = structuredClone(state.params);
    layers[l - 1].weights[j][i] = value;
    state.params = (await call('PUT', `/networks/${state.network.id}/parameters`, { layers })).layers;
    view.setParams(state.params);
    const dry = await dryRun();
    showLoss(dry.loss);
    await refreshProblemView();
    closeEditor();
    say('status.weightSet', { name: state.names.weights[l][j][i], value: full(value) });
  });
}

async function compare() {
  const rates = parseRates($('compare-rates').value);
  if (!rates) {
    say('status.badRates');
    return;
  }
  const epochs = wholePositive('epochs', t('epochs'));
  const batchSize = state.preset.problem ? wholePositive('batch-size', t('batchSize')) : undefined;
  say('status.comparing');
  await compareRates(state.preset, rates, { epochs, batchSize }, compareChart, $('compare-results'));
  say('status.compared', { count: rates.length });
}

function switchLanguage(language) {
  localStorage.setItem('backprop.language', language);
  setLanguage(language);
  fillPresetOptions();
  if (state.preset) $('preset-note').textContent = t(state.preset.problem ? 'note.problem' : `note.${state.preset.id}`);
  if (state.status) say(state.status.key, state.status.values);
  if (state.network) {
    view.draw();
    view.refreshInspector();
  }
  if (state.lastStep && $('trace').dataset.state === 'done') drawTrace(state.lastStep);
  else if (!state.lastStep) $('trace').textContent = t('trace.empty');
  lossChart.labels = lossChart.labels.map(() => t('chart.loss'));
  lossChart.build();
  if (compareChart.labels.length) compareChart.build();
}

function wire() {
  $('preset').addEventListener('change', () => guarded(() => loadPreset(true)));
  for (const id of ['seed', 'hidden', 'activation']) $(id).addEventListener('change', () => guarded(() => loadPreset(false)));
  $('reset').addEventListener('click', () => guarded(() => loadPreset(false)));
  $('step').addEventListener('click', () => guarded(step));
  $('train').addEventListener('click', () => guarded(train, true));
  $('stop').addEventListener('click', stop);
  $('compare').addEventListener('click', () => guarded(compare));
  $('weight-editor').addEventListener('submit', saveWeight);
  $('weight-editor-cancel').addEventListener('click', closeEditor);
  $('weight-editor').addEventListener('keydown', event => {
    if (event.key === 'Escape') closeEditor();
  });
  $('sample').addEventListener('change', async () => {
    if (state.lastStep && $('trace').dataset.state === 'done') drawTrace(state.lastStep);
    await guarded(dryRun);
  });
  $('language').addEventListener('change', event => switchLanguage(event.target.value));
  window.addEventListener('pagehide', () => {
    if (state.network) call('DELETE', `/networks/${state.network.id}`, undefined, { keepalive: true }).catch(() => {});
  });
  $('api-key').value = apiKey();
  $('api-key').addEventListener('change', event => setApiKey(event.target.value.trim()));
}

function start() {
  const saved = localStorage.getItem('backprop.language');
  const preferred = saved || (navigator.language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en');
  const language = LANGUAGES.includes(preferred) ? preferred : 'en';
  $('language').value = language;
  setLanguage(language);
  fillPresetOptions();
  lossChart.reset([t('chart.loss')]);
  wire();
  guarded(() => loadPreset(true));
}

start();
