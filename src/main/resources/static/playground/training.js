// Training: repeated synchronous train calls for the worked examples, a training job followed over
// server-sent events for the 2-D problems. Either can be stopped.

import { call, followEvents, uploadDataset } from './api.js';

/**
 * Trains `epochs` epochs by train calls in chunks; onEpochs(lossHistory, response) after each call.
 * Stops between calls when `stopped()` says so. Resolves to the number of epochs trained.
 */
export async function trainByCalls(id, data, { epochs, optimizer }, onEpochs, stopped) {
  const chunk = Math.max(1, Math.ceil(epochs / 60));
  let done = 0;
  while (done < epochs && !stopped()) {
    const n = Math.min(chunk, epochs - done);
    const answer = await call('POST', `/networks/${id}/train`, { inputs: data.inputs, targets: data.targets, epochs: n, optimizer });
    done += answer.epochs;
    await onEpochs(answer.lossHistory, answer);
  }
  return done;
}

/** The data set of a 2-D problem, uploaded once per page and problem. */
const uploaded = new Map();

export async function datasetFor(key, data) {
  if (!uploaded.has(key)) uploaded.set(key, uploadDataset(`playground-${key}`, data.inputs, data.targets).then(d => d.id));
  try {
    return await uploaded.get(key);
  } catch (failure) {
    uploaded.delete(key);
    throw failure;
  }
}

/**
 * Runs a training job and follows its events: onEpoch(entry) once per epoch, live as the epochs end;
 * epochs that ended before the stream opened come last, from the final `done` event. Resolves to the finished job.
 */
export async function trainByJob(id, datasetId, { epochs, optimizer, batchSize, seed }, onStart, onEpoch) {
  const job = await call('POST', `/networks/${id}/training-jobs`,
    { datasetId, epochs, batchSize, shuffle: true, seed, optimizer });
  onStart(job);
  const seen = new Set();
  const entry = e => {
    if (seen.has(e.epoch)) return;
    seen.add(e.epoch);
    onEpoch(e);
  };
  let finished = null;
  await followEvents(`/jobs/${job.id}/events`, (name, payload) => {
    if (name === 'epoch') entry(payload);
    if (name === 'done') {
      payload.history.forEach(entry);
      finished = payload;
    }
  });
  return finished ?? call('GET', `/jobs/${job.id}`);
}

export function stopJob(jobId) {
  return call('DELETE', `/jobs/${jobId}`);
}
