/**
 * Reads Prometheus histograms from a process's `/metrics` text, so a benchmark can say what a process
 * measured inside itself (the bus's delivery lag, the projector's write time) beside what its clients
 * saw. Percentiles of a histogram are known only to a bucket: the upper bound of the bucket where the
 * share is reached is reported, which over-states, never under-states.
 */
export interface HistogramSnapshot {
  /** Cumulative counts by bucket upper bound (seconds), summed over the series that matched. */
  readonly buckets: ReadonlyMap<number, number>;
  readonly count: number;
  readonly sum: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function labelsOf(text: string | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  if (!text) return labels;
  for (const [, name, value] of text.matchAll(LABEL)) if (name !== undefined && value !== undefined) labels[name] = value.replace(/\\(.)/g, '$1');
  return labels;
}

/** The histogram `name` summed over every series whose labels include `where`. */
export function readHistogram(metrics: string, name: string, where: (labels: Record<string, string>) => boolean = () => true): HistogramSnapshot {
  const buckets = new Map<number, number>();
  let count = 0;
  let sum = 0;
  for (const line of metrics.split('\n')) {
    const match = SAMPLE.exec(line);
    if (!match) continue;
    const [, metric, labelText, valueText] = match;
    const labels = labelsOf(labelText);
    if (!where(labels)) continue;
    const value = Number(valueText);
    if (metric === `${name}_bucket`) {
      const bound = labels.le === '+Inf' ? Infinity : Number(labels.le);
      buckets.set(bound, (buckets.get(bound) ?? 0) + value);
    } else if (metric === `${name}_count`) count += value;
    else if (metric === `${name}_sum`) sum += value;
  }
  return { buckets, count, sum };
}

/** What was observed between two snapshots of the same counters. */
export function histogramDelta(after: HistogramSnapshot, before: HistogramSnapshot): HistogramSnapshot {
  const buckets = new Map<number, number>();
  for (const [bound, total] of after.buckets) buckets.set(bound, total - (before.buckets.get(bound) ?? 0));
  return { buckets, count: after.count - before.count, sum: after.sum - before.sum };
}

/** Upper bound (seconds) of the bucket holding quantile `q`; NaN with no observation. */
export function histogramQuantile(histogram: HistogramSnapshot, q: number): number {
  if (histogram.count <= 0) return NaN;
  const wanted = q * histogram.count;
  for (const bound of [...histogram.buckets.keys()].sort((a, b) => a - b)) {
    if ((histogram.buckets.get(bound) ?? 0) >= wanted) return bound;
  }
  return Infinity;
}
