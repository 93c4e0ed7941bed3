import { describe, expect, it } from 'vitest';
import { parseSeries, toPlotData } from './dashboard';

describe('dashboard series', () => {
  it('turns days into UTC seconds and keeps the counts aligned', () => {
    const data = toPlotData({ days: ['2026-11-29', '2026-11-30'], opened: [3, 5, 99], highOrCritical: [1, 2] });
    expect(data[0]).toEqual([Date.UTC(2026, 10, 29) / 1000, Date.UTC(2026, 10, 30) / 1000]);
    expect(data[1]).toEqual([3, 5]);
    expect(data[2]).toEqual([1, 2]);
  });

  it('refuses what is not a series', () => {
    expect(parseSeries(undefined)).toBeNull();
    expect(parseSeries('{"days": 1}')).toBeNull();
    expect(parseSeries('not json')).toBeNull();
  });
});
