import { describe, expect, it, vi } from 'vitest';
import { commandFor, enableBulk, enhanceQueue, move } from './queue';

describe('queue keys', () => {
  it('maps keys to commands', () => {
    expect(commandFor('j', document.body)).toBe('down');
    expect(commandFor('k', document.body)).toBe('up');
    expect(commandFor('o', document.body)).toBe('open');
    expect(commandFor('Enter', document.body)).toBe('open');
    expect(commandFor('a', document.body)).toBe('assign');
    expect(commandFor('?', document.body)).toBe('help');
    expect(commandFor('z', document.body)).toBeNull();
  });

  it('ignores keys typed into fields and with modifiers', () => {
    for (const tag of ['input', 'select', 'textarea']) {
      expect(commandFor('j', document.createElement(tag))).toBeNull();
    }
    expect(commandFor('j', document.body, true)).toBeNull();
  });

  it('moves within the rows', () => {
    expect(move(-1, 1, 3)).toBe(0);
    expect(move(-1, -1, 3)).toBe(2);
    expect(move(2, 1, 3)).toBe(2);
    expect(move(0, -1, 3)).toBe(0);
    expect(move(1, 1, 3)).toBe(2);
    expect(move(-1, 1, 0)).toBe(-1);
  });

  it('j marks rows and o opens the current one', () => {
    document.body.innerHTML = `<table id="queue" data-first-page="false"><tbody>
      <tr><td><a class="incident-link" href="/incidents/1">one</a></td></tr>
      <tr><td><a class="incident-link" href="/incidents/2">two</a></td></tr></tbody></table>`;
    const assign = vi.fn();
    const win = { location: { assign }, setInterval: vi.fn(), fetch: vi.fn() } as unknown as Window;
    enhanceQueue(document, win);
    const press = (key: string) => document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    press('j');
    press('j');
    expect(document.querySelectorAll('tr.current')).toHaveLength(1);
    expect(document.querySelector('tr.current a')?.getAttribute('href')).toBe('/incidents/2');
    press('k');
    press('o');
    expect(assign).toHaveBeenCalledWith(expect.stringContaining('/incidents/1'));
  });
});

describe('bulk selection', () => {
  it('selects all, and shows partly selected', () => {
    document.body.innerHTML = `<input type="checkbox" id="pick-all"><span id="picked-count"></span>
      <input type="checkbox" class="pick"><input type="checkbox" class="pick">`;
    enableBulk(document);
    const all = document.getElementById('pick-all') as HTMLInputElement;
    const picks = Array.from(document.querySelectorAll<HTMLInputElement>('input.pick'));
    expect(document.getElementById('picked-count')?.textContent).toBe('none selected');
    all.click();
    expect(picks.every((pick) => pick.checked)).toBe(true);
    expect(document.getElementById('picked-count')?.textContent).toBe('2 selected');
    picks[0].click();
    expect(all.checked).toBe(false);
    expect(all.indeterminate).toBe(true);
  });
});
