// The decision boundary of a 2-D problem: the network's output on a grid over [-1, 1]² (from predict),
// as a heat map under the training points.

import { call } from './api.js';
import { t } from './i18n.js';

const ORANGE = [230, 119, 0];
const BLUE = [25, 113, 194];
const CORNERS = [[-1, 1], [1, 1], [-1, -1], [1, -1]];

function tint(p) {
  const [colour, strength] = p >= 0.5 ? [ORANGE, (p - 0.5) * 2] : [BLUE, (0.5 - p) * 2];
  return colour.map(c => Math.round(255 + (c - 255) * (0.15 + 0.7 * strength)));
}

/** Grid rows (cell centres, top row first), then the corners, then the data's inputs. */
function rows(n, data) {
  const grid = [];
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) grid.push([-1 + (2 * c + 1) / n, 1 - (2 * r + 1) / n]);
  }
  return [...grid, ...CORNERS, ...data.inputs];
}

/**
 * Predicts the grid and the training points with network `id` and draws them on `canvas`.
 * Resolves to the share of training points on the right side of the boundary.
 */
export async function refreshBoundary(canvas, id, data, { n = 40, signal } = {}) {
  const answer = await call('POST', `/networks/${id}/predict`, { inputs: rows(n, data) }, { signal });
  const p = answer.outputs.map(row => row[0]);
  draw(canvas, n, p, data);
  const corners = p.slice(n * n, n * n + CORNERS.length);
  canvas.dataset.corners = JSON.stringify(Object.fromEntries(CORNERS.map((xy, k) => [xy.join(','), corners[k]])));
  const predicted = p.slice(n * n + CORNERS.length);
  const right = predicted.filter((q, k) => (q >= 0.5 ? 1 : 0) === data.targets[k][0]).length;
  const accuracy = right / predicted.length;
  canvas.dataset.accuracy = String(accuracy);
  canvas.setAttribute('aria-label', t('boundary.label', { accuracy: (100 * accuracy).toFixed(1) }));
  return accuracy;
}

function draw(canvas, n, p, data) {
  const context = canvas.getContext('2d');
  const size = canvas.width;
  const image = context.createImageData(n, n);
  for (let k = 0; k < n * n; k++) {
    const [r, g, b] = tint(p[k]);
    image.data.set([r, g, b, 255], 4 * k);
  }
  const cells = document.createElement('canvas');
  cells.width = n;
  cells.height = n;
  cells.getContext('2d').putImageData(image, 0, 0);
  context.imageSmoothingEnabled = true;
  context.drawImage(cells, 0, 0, size, size);
  context.lineWidth = 1;
  context.strokeStyle = '#ffffff';
  data.inputs.forEach(([x, y], k) => {
    context.beginPath();
    context.arc(((x + 1) / 2) * size, ((1 - y) / 2) * size, Math.max(2, size / 90), 0, 2 * Math.PI);
    context.fillStyle = data.targets[k][0] >= 0.5 ? `rgb(${ORANGE})` : `rgb(${BLUE})`;
    context.fill();
    context.stroke();
  });
}

/** Clears the canvas to a neutral colour (no network yet). */
export function clearBoundary(canvas) {
  const context = canvas.getContext('2d');
  context.fillStyle = '#f1f3f5';
  context.fillRect(0, 0, canvas.width, canvas.height);
  delete canvas.dataset.corners;
  delete canvas.dataset.accuracy;
}
