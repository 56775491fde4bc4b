// Loss curves with uPlot: one curve while training, several overlaid when comparing learning rates.

import uPlot from '/webjars/uplot/dist/uPlot.esm.js';
import { t } from './i18n.js';

export const COLOURS = ['#d9480f', '#1971c2', '#2f9e44', '#9c36b5', '#e67700', '#0c8599'];

export class LossChart {
  /** @param describe (chart) => string, the chart's text for assistive tools. */
  constructor(container, describe) {
    this.container = container;
    this.describe = describe;
    this.labels = [];
    this.series = [];
    this.plot = null;
    this.pending = false;
    new ResizeObserver(() => this.plot?.setSize(this.size())).observe(container);
  }

  size() {
    return { width: Math.max(240, this.container.clientWidth), height: 220 };
  }

  /** Starts over with one empty curve per label. */
  reset(labels) {
    this.labels = labels;
    this.series = labels.map(() => new Map());
    this.build();
  }

  build() {
    this.plot?.destroy();
    this.plot = new uPlot({
      ...this.size(),
      scales: { x: { time: false } },
      legend: { show: this.labels.length > 1 },
      axes: [{ label: t('chart.epoch') }, { label: t('chart.loss'), size: 70 }],
      series: [{ label: t('chart.epoch') },
        ...this.labels.map((label, k) => ({ label, stroke: COLOURS[k % COLOURS.length], width: 2, spanGaps: true }))],
    }, this.data(), this.container);
    this.container.setAttribute('aria-label', this.describe(this));
  }

  /** Adds the loss of `epoch` to curve `k` and redraws at the next frame. */
  add(k, epoch, loss) {
    this.series[k].set(epoch, loss);
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.plot.setData(this.data());
      this.container.setAttribute('aria-label', this.describe(this));
    });
  }

  count() {
    return this.series.reduce((sum, s) => sum + s.size, 0);
  }

  data() {
    const epochs = [...new Set(this.series.flatMap(s => [...s.keys()]))].sort((a, b) => a - b);
    return [epochs, ...this.series.map(s => epochs.map(e => (s.has(e) ? s.get(e) : null)))];
  }
}
