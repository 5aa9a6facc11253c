import { histogramDelta, histogramQuantile, readHistogram } from './prometheus-histogram';

const scrape = (fast: number, slow: number): string =>
  [
    '# HELP pls_bus_delivery_lag_seconds From send to handler.',
    '# TYPE pls_bus_delivery_lag_seconds histogram',
    `pls_bus_delivery_lag_seconds_bucket{le="0.01",group="pls.projector",topic="pls.intake",process="projector"} ${fast}`,
    `pls_bus_delivery_lag_seconds_bucket{le="0.1",group="pls.projector",topic="pls.intake",process="projector"} ${fast + slow}`,
    `pls_bus_delivery_lag_seconds_bucket{le="+Inf",group="pls.projector",topic="pls.intake",process="projector"} ${fast + slow}`,
    `pls_bus_delivery_lag_seconds_sum{group="pls.projector",topic="pls.intake",process="projector"} 1.5`,
    `pls_bus_delivery_lag_seconds_count{group="pls.projector",topic="pls.intake",process="projector"} ${fast + slow}`,
    `pls_bus_delivery_lag_seconds_bucket{le="0.01",group="intake.reactor",topic="pls.legal-aid",process="projector"} 100`,
    `pls_bus_delivery_lag_seconds_bucket{le="0.1",group="intake.reactor",topic="pls.legal-aid",process="projector"} 100`,
    `pls_bus_delivery_lag_seconds_bucket{le="+Inf",group="intake.reactor",topic="pls.legal-aid",process="projector"} 100`,
    `pls_bus_delivery_lag_seconds_count{group="intake.reactor",topic="pls.legal-aid",process="projector"} 100`,
  ].join('\n');

describe('reading a Prometheus histogram from /metrics', () => {
  const projector = (labels: Record<string, string>): boolean => labels.group === 'pls.projector';

  it('given two scrapes, when the delta is taken, then only what was observed between them counts, for the series asked', () => {
    const delta = histogramDelta(readHistogram(scrape(95, 5), 'pls_bus_delivery_lag_seconds', projector), readHistogram(scrape(5, 0), 'pls_bus_delivery_lag_seconds', projector));

    expect(delta.count).toBe(95);
    expect(delta.buckets.get(0.01)).toBe(90);
    expect(delta.buckets.get(Infinity)).toBe(95);
  });

  it('given observations in two buckets, when quantiles are asked, then each is the upper bound of the bucket that reaches it', () => {
    const histogram = readHistogram(scrape(90, 10), 'pls_bus_delivery_lag_seconds', projector);

    expect(histogramQuantile(histogram, 0.5)).toBe(0.01);
    expect(histogramQuantile(histogram, 0.9)).toBe(0.01);
    expect(histogramQuantile(histogram, 0.99)).toBe(0.1);
  });

  it('given no observation, when a quantile is asked, then it is NaN rather than a made-up zero', () => {
    expect(histogramQuantile(readHistogram('', 'pls_bus_delivery_lag_seconds'), 0.99)).toBeNaN();
  });
});
