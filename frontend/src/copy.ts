// Copy buttons: <button data-copy="element-id"> copies that element's text (a one-time password, say).
export function enableCopyButtons(doc: Document, clipboard: Pick<Clipboard, 'writeText'> | undefined): void {
  doc.querySelectorAll<HTMLButtonElement>('button[data-copy]:not([data-enhanced])').forEach((button) => {
    button.dataset.enhanced = 'true';
    const source = doc.getElementById(button.dataset.copy ?? '');
    if (!source || !clipboard) {
      button.hidden = true;
      return;
    }
    button.hidden = false;
    button.addEventListener('click', () => {
      clipboard.writeText(source.textContent?.trim() ?? '').then(
        () => { button.textContent = 'Copied'; },
        () => { button.textContent = 'Copy failed: select the text'; },
      );
    });
  });
}
