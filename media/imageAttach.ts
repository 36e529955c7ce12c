// The prompt's attach button: opens the system file picker for images (PNG, JPEG, WebP, GIF), the
// same way as pasting or dropping them — the composer checks, downscales and shows them in the tray.
import { el } from './dom';

/** Adds the button beside Send; `add` receives the chosen files. Returns a setter for why images cannot be sent now. */
export function mountImageAttach(row: HTMLElement, add: (files: File[]) => void): (imagesOff: string | undefined) => void {
  const input = el('input', { type: 'file', accept: 'image/png,image/jpeg,image/webp,image/gif', multiple: '', hidden: '', 'data-testid': 'attach-image-input', tabindex: '-1', 'aria-hidden': 'true' }) as HTMLInputElement;
  const label = 'Attach images (PNG, JPEG, WebP or GIF)';
  const button = el('button', { class: 'icon', 'data-testid': 'attach-image', title: label, 'aria-label': label });
  button.append(el('i', { class: 'codicon codicon-file-media' }));
  button.addEventListener('click', () => (button.dataset.imagesOff ? add([]) : input.click()));
  input.addEventListener('change', () => {
    const files = Array.from(input.files ?? []);
    input.value = ''; // the same file can be chosen again after it was removed from the tray
    if (files.length) add(files);
  });
  row.querySelector('[data-testid=stop]')?.after(button, input);
  // While the model cannot take images the button stays (it says why when clicked), its title says so too.
  return (imagesOff) => {
    button.title = imagesOff ?? label;
    button.classList.toggle('off', !!imagesOff);
    if (imagesOff) button.dataset.imagesOff = 'true';
    else delete button.dataset.imagesOff;
  };
}
