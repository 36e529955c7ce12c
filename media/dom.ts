// Small DOM helpers shared by the panel's feature modules (the webview builds elements, never HTML
// strings from model or server text).
export function el(tag: string, attrs: Record<string, string> = {}, text?: string): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

export function iconButton(label: string, icon: string, attrs: Record<string, string>, secondary = true): HTMLElement {
  const b = el('button', { ...attrs, ...(secondary ? { class: 'secondary' } : {}) });
  b.append(el('i', { class: `codicon codicon-${icon}` }), document.createTextNode(` ${label}`));
  return b;
}
