// The incident queue from the keyboard (j/k move, o or Enter opens, a assigns to me, x selects, ? shows the keys),
// bulk selection, and a check for new incidents. Without JavaScript the queue works the same with links and forms.

export type QueueCommand = 'down' | 'up' | 'open' | 'assign' | 'select' | 'help' | null;

/** The command a key press means, unless the person is typing in a field or holds a modifier. */
export function commandFor(key: string, target: EventTarget | null, modifiers = false): QueueCommand {
  if (modifiers) {
    return null;
  }
  const element = target as HTMLElement | null;
  if (element && (element.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(element.tagName))) {
    return null;
  }
  switch (key) {
    case 'j': return 'down';
    case 'k': return 'up';
    case 'o': case 'Enter': return 'open';
    case 'a': return 'assign';
    case 'x': return 'select';
    case '?': return 'help';
    default: return null;
  }
}

/** The row to move to: stays within the rows; from none, down starts at the first and up at the last. */
export function move(current: number, delta: number, count: number): number {
  if (count === 0) {
    return -1;
  }
  if (current < 0) {
    return delta > 0 ? 0 : count - 1;
  }
  return Math.min(count - 1, Math.max(0, current + delta));
}

/**
 * Registers the queue's keys and the check for new incidents once per page load. Both look the queue up when they
 * run, so they keep working after htmx swaps in a new page of the queue.
 */
export function enhanceQueue(doc: Document, win: Window): void {
  const table = () => doc.getElementById('queue');
  const rows = () => Array.from(table()?.querySelectorAll<HTMLTableRowElement>('tbody tr') ?? []);
  let current = -1;
  const focus = (index: number) => {
    rows().forEach((row, i) => row.classList.toggle('current', i === index));
    const row = rows()[index];
    if (row) {
      row.scrollIntoView?.({ block: 'nearest' });
      row.querySelector<HTMLAnchorElement>('a.incident-link')?.focus({ preventScroll: true });
    }
    current = index;
  };
  doc.addEventListener('htmx:afterSwap', () => { current = -1; });
  doc.addEventListener('keydown', (event) => {
    if (!table()) {
      return;
    }
    const command = commandFor(event.key, event.target, event.ctrlKey || event.metaKey || event.altKey);
    if (command === null) {
      return;
    }
    const row = rows()[current];
    if (command === 'down' || command === 'up') {
      focus(move(current, command === 'down' ? 1 : -1, rows().length));
    } else if (command === 'open' && row) {
      const link = row.querySelector<HTMLAnchorElement>('a.incident-link');
      if (link) {
        win.location.assign(link.href);
      }
    } else if (command === 'assign' && row) {
      row.querySelector<HTMLButtonElement>('button.assign-me')?.click();
    } else if (command === 'select' && row) {
      row.querySelector<HTMLInputElement>('input.pick')?.click();
    } else if (command === 'help') {
      const help = doc.getElementById('shortcuts') as HTMLDialogElement | null;
      if (help && !help.open) {
        help.showModal();
      }
    } else {
      return;
    }
    event.preventDefault();
  });
  watchForNew(doc, win);
}

/** "Select all" and the bulk bar's count; the bulk form submits the picked rows' checkboxes (form attribute). */
export function enableBulk(doc: Document): void {
  const all = doc.getElementById('pick-all') as HTMLInputElement | null;
  const picks = () => Array.from(doc.querySelectorAll<HTMLInputElement>('input.pick'));
  const count = doc.getElementById('picked-count');
  if (all?.dataset.enhanced) {
    return;
  }
  if (all) {
    all.dataset.enhanced = 'true';
  }
  const update = () => {
    const picked = picks().filter((pick) => pick.checked).length;
    if (count) {
      count.textContent = picked === 0 ? 'none selected' : `${picked} selected`;
    }
    if (all) {
      all.checked = picked > 0 && picked === picks().length;
      all.indeterminate = picked > 0 && picked < picks().length;
    }
  };
  all?.addEventListener('change', () => {
    picks().forEach((pick) => { pick.checked = all.checked; });
    update();
  });
  picks().forEach((pick) => pick.addEventListener('change', update));
  update();
}

/** On the first page, looks for a newer incident every 15 s and shows a link to load it (never reloads by itself). */
function watchForNew(doc: Document, win: Window): void {
  win.setInterval(() => {
    const table = doc.getElementById('queue');
    const notice = doc.getElementById('new-incidents');
    if (!table || !notice || table.dataset.firstPage !== 'true') {
      return;
    }
    win.fetch('/queue/latest', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then((response) => (response.ok ? response.json() : null))
      .then((body: { latest?: string } | null) => {
        if (body?.latest && body.latest !== (table.dataset.latest ?? '')) {
          notice.hidden = false;
        }
      })
      .catch(() => { /* offline for a moment: try again next time */ });
  }, 15000);
}
