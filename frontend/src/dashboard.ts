// The dashboard's chart: incidents opened per day over the last 30 days, from the JSON the server renders into the
// chart element's data-series attribute (escaped like any attribute). The table beside it carries the same figures
// for anyone without JavaScript or a screen.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface DailySeries {
  days: string[];
  opened: number[];
  highOrCritical: number[];
}

/** uPlot's data: x in seconds since the epoch (UTC midnight of each day), then one array per series. */
export function toPlotData(series: DailySeries): [number[], number[], number[]] {
  const x = series.days.map((day) => Date.parse(`${day}T00:00:00Z`) / 1000);
  return [x, series.opened.slice(0, x.length), series.highOrCritical.slice(0, x.length)];
}

export function parseSeries(text: string | undefined): DailySeries | null {
  if (!text) {
    return null;
  }
  try {
    const value = JSON.parse(text) as Partial<DailySeries>;
    if (!Array.isArray(value.days) || !Array.isArray(value.opened) || !Array.isArray(value.highOrCritical)) {
      return null;
    }
    return value as DailySeries;
  } catch {
    return null;
  }
}

function draw(element: HTMLElement): void {
  const series = parseSeries(element.dataset.series);
  if (!series) {
    return;
  }
  const style = getComputedStyle(document.documentElement);
  const accent = style.getPropertyValue('--accent').trim() || '#2563eb';
  const danger = style.getPropertyValue('--danger').trim() || '#b91c1c';
  const text = style.getPropertyValue('--text').trim() || '#1b1f24';
  const width = Math.max(280, element.clientWidth);
  const axis = { stroke: text, grid: { stroke: 'rgba(128,128,128,.2)' }, ticks: { stroke: 'rgba(128,128,128,.2)' } };
  element.textContent = '';
  new uPlot({
    width,
    height: 220,
    scales: { x: { time: true } },
    axes: [axis, { ...axis, size: 40 }],
    series: [
      {},
      { label: 'Opened', stroke: accent, width: 2, fill: `${accent}22` },
      { label: 'High or critical', stroke: danger, width: 2 },
    ],
  }, toPlotData(series), element);
}

document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll<HTMLElement>('[data-series]').forEach(draw);
});
