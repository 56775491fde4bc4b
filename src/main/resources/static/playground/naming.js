// Names of units, weights and biases as the worked examples write them (i1, h1, o1, w1 … w8).

/** Names for a network of `sizes` units per layer (layer 0 = inputs); preset names win. */
export function namesFor(sizes, preset) {
  const last = sizes.length - 1;
  const units = sizes.map((n, l) => Array.from({ length: n }, (_, j) => {
    const given = preset?.units?.[l]?.[j];
    if (given) return given;
    if (l === 0) return `x${j + 1}`;
    if (l === last) return n === 1 ? 'ŷ' : `ŷ${j + 1}`;
    return last === 2 ? `h${j + 1}` : `h${l}.${j + 1}`;
  }));
  const weights = [];
  let k = 0;
  for (let l = 1; l <= last; l++) {
    weights[l] = Array.from({ length: sizes[l] }, () => Array.from({ length: sizes[l - 1] }, () => `w${++k}`));
  }
  const biases = sizes.map((n, l) => Array.from({ length: n }, (_, j) => (n === 1 ? `b${l}` : `b${l}.${j + 1}`)));
  return { units, weights, biases };
}

/** A number as the service sent it: every digit of the shortest round-trip form. */
export function full(x) {
  return x === undefined || x === null ? '–' : String(x);
}

/** A number shortened for the drawing. */
export function short(x) {
  if (x === undefined || x === null) return '';
  const magnitude = Math.abs(x);
  return magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e4) ? x.toExponential(2) : x.toFixed(4);
}
