// The worked examples with their exact weights, and the 2-D problems drawn from a seed.

import { generate } from './problems.js';

/** The worked examples: a network definition with explicit parameters and its one training sample. */
const EXAMPLES = [
  {
    id: 'one-weight',
    network: {
      inputs: 1,
      layers: [{ units: 1, activation: 'identity', bias: false, weights: [[0]] }],
    },
    data: { inputs: [[1]], targets: [[1]] },
    learningRate: 0.5,
    epochs: 20,
    names: { units: [['x'], ['ŷ']] },
  },
  {
    id: '1-1-1',
    network: {
      inputs: 1,
      layers: [
        { units: 1, activation: 'sigmoid', weights: [[0.5]], biases: [0.2] },
        { units: 1, activation: 'identity', weights: [[0.3]], biases: [0.1] },
      ],
    },
    data: { inputs: [[1]], targets: [[0.5]] },
    learningRate: 0.1,
    epochs: 200,
    names: { units: [['x'], ['h'], ['y']] },
  },
  {
    id: '2-2-2',
    network: {
      inputs: 2,
      layers: [
        { units: 2, activation: 'sigmoid', weights: [[0.15, 0.20], [0.25, 0.30]], biases: [0.35, 0.35] },
        { units: 2, activation: 'sigmoid', weights: [[0.40, 0.45], [0.50, 0.55]], biases: [0.60, 0.60] },
      ],
    },
    data: { inputs: [[0.05, 0.10]], targets: [[0.01, 0.99]] },
    learningRate: 0.5,
    epochs: 1000,
    names: { units: [['i1', 'i2'], ['h1', 'h2'], ['o1', 'o2']] },
  },
  {
    id: '3-4-2',
    network: {
      inputs: 3,
      layers: [
        { units: 4, activation: 'sigmoid',
          weights: [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6], [-0.1, -0.2, 0.3], [0.2, -0.3, 0.1]], biases: [0.1, 0.1, 0.1, 0.1] },
        { units: 2, activation: 'sigmoid', weights: [[0.3, -0.2, 0.5, 0.1], [-0.4, 0.6, 0.2, -0.3]], biases: [0.2, 0.2] },
      ],
    },
    data: { inputs: [[1.0, 0.5, -0.5]], targets: [[1.0, 0.0]] },
    learningRate: 0.5,
    epochs: 500,
    names: { units: [['x1', 'x2', 'x3'], ['a4', 'a5', 'a6', 'a7'], ['a8', 'a9']] },
  },
];

const PROBLEMS = ['xor', 'circles', 'moons', 'spirals'];

export const PRESET_IDS = [...EXAMPLES.map(e => e.id), ...PROBLEMS];

export function isProblem(id) {
  return PROBLEMS.includes(id);
}

function parseHidden(text) {
  const units = String(text).split(/[\s,]+/).filter(Boolean).map(Number);
  return units.every(u => Number.isInteger(u) && u >= 1 && u <= 64) && units.length <= 6 ? units : null;
}

/**
 * The preset as a request body for POST /networks plus its data and defaults.
 * For a 2-D problem `options` gives seed, hidden layer sizes (text such as "8, 8") and their activation.
 */
export function buildPreset(id, options = {}) {
  const example = EXAMPLES.find(e => e.id === id);
  if (example) {
    return {
      id,
      problem: false,
      body: { name: `playground-${id}`, dtype: 'float64', loss: 'mse', ...structuredClone(example.network),
        optimizer: { type: 'sgd', learningRate: example.learningRate } },
      data: structuredClone(example.data),
      learningRate: example.learningRate,
      optimizer: 'sgd',
      epochs: example.epochs,
      names: example.names,
    };
  }
  const seed = Number.isInteger(options.seed) ? options.seed : 1;
  const hidden = parseHidden(options.hidden ?? '8, 8');
  if (!hidden) throw new RangeError('hidden');
  const activation = options.activation || 'tanh';
  const layers = [...hidden.map(units => ({ units, activation })), { units: 1, activation: 'sigmoid' }];
  return {
    id,
    problem: true,
    body: { name: `playground-${id}-${seed}`, dtype: 'float64', loss: 'binary_cross_entropy', inputs: 2, layers,
      init: { scheme: 'xavier_uniform', seed }, optimizer: { type: 'adam', learningRate: 0.03 } },
    data: generate(id, seed),
    learningRate: 0.03,
    optimizer: 'adam',
    epochs: id === 'spirals' ? 600 : 200,
    batchSize: 20,
    seed,
  };
}
