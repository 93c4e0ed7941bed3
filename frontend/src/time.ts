// Times reach the page in UTC (<time datetime="...Z">, shown as UTC without JavaScript); here they are shown in the
// viewer's time zone, with the UTC time on hover.

const pad = (value: number): string => String(value).padStart(2, '0');

/** "2026-11-30 14:05" in the given time zone (the browser's by default). */
export function formatLocal(iso: string, timeZone?: string): string | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return null;
  }
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

export function formatUtc(iso: string): string | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return null;
  }
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} `
    + `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

/** Rewrites every <time data-local> under root; leaves a time it cannot read as the server wrote it. */
export function showLocalTimes(root: ParentNode, timeZone?: string): void {
  root.querySelectorAll<HTMLTimeElement>('time[data-local]').forEach((element) => {
    const iso = element.dateTime;
    const local = formatLocal(iso, timeZone);
    const utc = formatUtc(iso);
    if (local && utc) {
      element.textContent = local;
      element.title = utc;
    }
  });
}
