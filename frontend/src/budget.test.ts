// Each page loads vigil.js and vigil.css, and the dashboard its own chart bundle too: together they must stay within
// 150 KB compressed (the budget), measured on what the build put into the jar. Maven builds before it tests.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const built = resolve(import.meta.dirname, '../../target/classes/static/app');
const gzipped = (name: string) => gzipSync(readFileSync(resolve(built, name)), { level: 9 }).length;
const BUDGET = 150 * 1024;

describe('what a page downloads', () => {
  it('was built (run npm run build, or ./mvnw, first)', () => {
    expect(existsSync(resolve(built, 'vigil.js')), built).toBe(true);
  });

  it('stays within 150 KB compressed on every page', () => {
    const everyPage = gzipped('vigil.js') + gzipped('vigil.css');
    const dashboard = everyPage + gzipped('dashboard.js') + gzipped('dashboard.css');
    expect(everyPage).toBeLessThan(BUDGET);
    expect(dashboard).toBeLessThan(BUDGET);
  });
});
