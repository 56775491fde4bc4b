// 2-D classification problems in the square [-1, 1]², generated from a seed (label 1 or 0).

function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(random) {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

const clamp = v => Math.max(-0.98, Math.min(0.98, v));

const GENERATORS = {
  // Four clusters at the corners of a square; opposite corners share a class.
  xor(random, n) {
    const rows = [];
    for (let k = 0; k < n; k++) {
      const sx = k % 2 ? 1 : -1;
      const sy = (k >> 1) % 2 ? 1 : -1;
      const x = clamp(sx * 0.5 + 0.16 * gaussian(random));
      const y = clamp(sy * 0.5 + 0.16 * gaussian(random));
      rows.push([x, y, x * y < 0 ? 1 : 0]);
    }
    return rows;
  },
  // A disc inside a ring.
  circles(random, n) {
    const rows = [];
    for (let k = 0; k < n; k++) {
      const inner = k % 2 === 0;
      const r = inner ? 0.35 * Math.sqrt(random()) : 0.6 + 0.3 * random();
      const angle = 2 * Math.PI * random();
      rows.push([clamp(r * Math.cos(angle) + 0.03 * gaussian(random)), clamp(r * Math.sin(angle) + 0.03 * gaussian(random)),
        inner ? 1 : 0]);
    }
    return rows;
  },
  // Two interleaved half circles.
  moons(random, n) {
    const rows = [];
    for (let k = 0; k < n; k++) {
      const upper = k % 2 === 0;
      const t = Math.PI * random();
      const x = upper ? Math.cos(t) : 1 - Math.cos(t);
      const y = upper ? Math.sin(t) : 0.5 - Math.sin(t);
      rows.push([clamp((x - 0.5) / 1.6 + 0.05 * gaussian(random)), clamp((y - 0.25) / 1.6 + 0.05 * gaussian(random)),
        upper ? 1 : 0]);
    }
    return rows;
  },
  // Two arms winding around the centre.
  spirals(random, n) {
    const rows = [];
    for (let k = 0; k < n; k++) {
      const arm = k % 2;
      const t = random();
      const r = 0.08 + 0.85 * t;
      const angle = 3 * Math.PI * t + arm * Math.PI;
      rows.push([clamp(r * Math.cos(angle) + 0.02 * gaussian(random)), clamp(r * Math.sin(angle) + 0.02 * gaussian(random)),
        arm ? 0 : 1]);
    }
    return rows;
  },
};

/** `n` rows of the named problem: { inputs: [[x, y]], targets: [[label]] }, the same for the same seed. */
export function generate(name, seed, n = 200) {
  const rows = GENERATORS[name](mulberry32(seed * 2654435761 + 1), n);
  return { inputs: rows.map(([x, y]) => [x, y]), targets: rows.map(([, , label]) => [label]) };
}
