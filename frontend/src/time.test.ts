import { describe, expect, it } from 'vitest';
import { formatLocal, formatUtc, showLocalTimes } from './time';

describe('times in the viewer\'s zone', () => {
  it('formats an instant in a named zone, daylight saving included', () => {
    expect(formatLocal('2026-11-30T14:05:00Z', 'Europe/Amsterdam')).toBe('2026-11-30 15:05');
    expect(formatLocal('2026-07-01T14:05:00Z', 'Europe/Amsterdam')).toBe('2026-07-01 16:05');
    expect(formatLocal('2026-11-30T02:30:00Z', 'America/New_York')).toBe('2026-11-29 21:30');
  });

  it('gives UTC for the hover text', () => {
    expect(formatUtc('2026-11-30T04:07:09.123Z')).toBe('2026-11-30 04:07 UTC');
  });

  it('leaves a time it cannot read as the server wrote it', () => {
    document.body.innerHTML = '<time data-local datetime="not a time">2026-11-30 04:07 UTC</time>'
      + '<time data-local datetime="2026-11-30T04:07:00Z">2026-11-30 04:07 UTC</time>';
    showLocalTimes(document, 'Asia/Tokyo');
    const [bad, good] = Array.from(document.querySelectorAll('time'));
    expect(bad.textContent).toBe('2026-11-30 04:07 UTC');
    expect(good.textContent).toBe('2026-11-30 13:07');
    expect(good.getAttribute('title')).toBe('2026-11-30 04:07 UTC');
  });

  it('writes attacker-supplied text nowhere: only the parsed date is shown', () => {
    document.body.innerHTML = '<time data-local datetime="<img src=x onerror=alert(1)>">x</time>';
    showLocalTimes(document, 'UTC');
    expect(document.querySelector('img')).toBeNull();
  });
});
