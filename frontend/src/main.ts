// Every page: the design system, htmx for partial updates, times in the viewer's zone, copy buttons, the queue's
// keyboard. Pages work without any of it; this only makes them quicker to use.
import './styles/vigil.css';
import htmx from 'htmx.org';
import { enableCopyButtons } from './copy';
import { enhanceQueue } from './queue';
import { showLocalTimes } from './time';

// The Content-Security-Policy allows no inline style or script: htmx must not add its indicator <style> or eval.
htmx.config.includeIndicatorStyles = false;
htmx.config.allowEval = false;
htmx.config.allowScriptTags = false;

function enhance(root: ParentNode): void {
  showLocalTimes(root);
  // bar lengths come as data (the policy forbids style attributes); set through the CSSOM, which it allows
  root.querySelectorAll<HTMLElement>('[data-width]').forEach((bar) => {
    const percent = Number(bar.dataset.width);
    bar.style.width = Number.isFinite(percent) ? `${Math.min(100, Math.max(0, percent))}%` : '0';
  });
}

document.addEventListener('DOMContentLoaded', () => {
  enhance(document);
  enableCopyButtons(document, navigator.clipboard);
  enhanceQueue(document, window);
  document.querySelectorAll<HTMLButtonElement>('button[data-close-dialog]').forEach((button) => {
    button.addEventListener('click', () => (button.closest('dialog') as HTMLDialogElement | null)?.close());
  });
});
// content htmx swaps in gets the same treatment
document.addEventListener('htmx:afterSwap', (event) => enhance(event.target as ParentNode));
