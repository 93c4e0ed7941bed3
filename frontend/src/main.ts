// Every page: the design system, htmx for partial updates, times in the viewer's zone, copy buttons, the queue's
// keyboard. Pages work without any of it; this only makes them quicker to use.
import './styles/vigil.css';
import htmx from 'htmx.org';
import { enableCopyButtons } from './copy';
import { enableBulk, enhanceQueue } from './queue';
import { showLocalTimes } from './time';

// The Content-Security-Policy allows no inline style or script: htmx must not add its indicator <style> or eval.
htmx.config.includeIndicatorStyles = false;
htmx.config.allowEval = false;
htmx.config.allowScriptTags = false;
// pages hold incident data and, once, a one-time password: none of it is kept in localStorage for "back"
htmx.config.historyCacheSize = 0;
htmx.config.refreshOnHistoryMiss = true;
// an error page (403, 404, 500) is shown like any other page, not swallowed
htmx.config.responseHandling = [
  { code: '204', swap: false },
  { code: '[2345]..', swap: true },
];

function enhance(root: ParentNode): void {
  showLocalTimes(root);
  enableBulk(document);
  enableCopyButtons(document, navigator.clipboard);
  // bar lengths come as data (the policy forbids style attributes); set through the CSSOM, which it allows
  root.querySelectorAll<HTMLElement>('[data-width]').forEach((bar) => {
    const percent = Number(bar.dataset.width);
    bar.style.width = Number.isFinite(percent) ? `${Math.min(100, Math.max(0, percent))}%` : '0';
  });
}

document.addEventListener('DOMContentLoaded', () => {
  enhance(document);
  enhanceQueue(document, window);
});
// content htmx swaps in gets the same treatment
document.addEventListener('htmx:afterSwap', (event) => enhance(event.target as ParentNode));
