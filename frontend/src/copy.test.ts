import { describe, expect, it, vi } from 'vitest';
import { enableCopyButtons } from './copy';

describe('copy buttons', () => {
  it('copy the element\'s text', async () => {
    document.body.innerHTML = '<code id="otp"> Xy7-secret </code><button data-copy="otp" hidden>Copy</button>';
    const writeText = vi.fn().mockResolvedValue(undefined);
    enableCopyButtons(document, { writeText });
    const button = document.querySelector('button') as HTMLButtonElement;
    expect(button.hidden).toBe(false);
    button.click();
    await Promise.resolve();
    expect(writeText).toHaveBeenCalledWith('Xy7-secret');
  });

  it('stay hidden without a clipboard', () => {
    document.body.innerHTML = '<code id="otp">x</code><button data-copy="otp" hidden>Copy</button>';
    enableCopyButtons(document, undefined);
    expect((document.querySelector('button') as HTMLButtonElement).hidden).toBe(true);
  });
});
