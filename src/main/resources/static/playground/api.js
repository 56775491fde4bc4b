// The service's public HTTP API, as any client calls it: JSON in and out, problem details on failure,
// an optional API key (kept for this browser tab only) sent as X-API-Key on every call.

const KEY_STORAGE = 'backprop.apiKey';

export function apiKey() {
  return sessionStorage.getItem(KEY_STORAGE) || '';
}

export function setApiKey(key) {
  if (key) sessionStorage.setItem(KEY_STORAGE, key);
  else sessionStorage.removeItem(KEY_STORAGE);
}

function headers(extra = {}) {
  const key = apiKey();
  return key ? { ...extra, 'X-API-Key': key } : extra;
}

/** A 4xx/5xx answer; `problem` is the RFC 9457 body when the service sent one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(describe(status, problem));
    this.status = status;
    this.problem = problem;
  }
}

function describe(status, problem) {
  if (!problem || typeof problem !== 'object') return `HTTP ${status}`;
  let text = problem.detail || problem.title || `HTTP ${status}`;
  if (Array.isArray(problem.errors) && problem.errors.length) {
    text += ' (' + problem.errors.map(e => `${e.field}: ${e.message}`).join('; ') + ')';
  }
  return text;
}

async function answer(response) {
  if (response.status === 204) return null;
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

export async function call(method, path, body, { signal, keepalive } = {}) {
  const init = { method, signal, keepalive, headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }) };
  if (body !== undefined) init.body = JSON.stringify(body);
  return answer(await fetch(path, init));
}

/** Uploads rows as a JSON data set (POST /datasets, multipart part `file`). */
export async function uploadDataset(name, inputs, targets) {
  const form = new FormData();
  form.append('name', name);
  form.append('dtype', 'float64');
  form.append('file', new Blob([JSON.stringify({ inputs, targets })], { type: 'application/json' }), `${name}.json`);
  return answer(await fetch('/datasets', { method: 'POST', headers: headers(), body: form }));
}

/**
 * Follows a server-sent event stream (read with fetch, so that the API key header goes along).
 * Calls onEvent(name, data) for each event, data parsed as JSON; resolves when the stream ends.
 */
export async function followEvents(path, onEvent, { signal } = {}) {
  const response = await fetch(path, { headers: headers({ Accept: 'text/event-stream' }), signal });
  if (!response.ok) await answer(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let name = 'message';
  let data = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let newline;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).replace(/\r$/, '');
      buffer = buffer.slice(newline + 1);
      if (line === '') {
        if (data.length) onEvent(name, JSON.parse(data.join('\n')));
        name = 'message';
        data = [];
      } else if (line.startsWith('event:')) {
        name = line.slice(6).trim();
      } else if (line.startsWith('data:')) {
        data.push(line.slice(5).replace(/^ /, ''));
      }
    }
  }
}
