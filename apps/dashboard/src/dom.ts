/** Tiny DOM helpers: views build elements with `h` so text is always set as text, never parsed as HTML. */
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = String(value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' || typeof child === 'number' ? String(child) : child);
  }
}

export function clear(el: Element, ...children: (Child | Child[])[]): void {
  el.replaceChildren();
  append(el, children);
}

let seq = 0;
/** A unique id for label/control pairs. */
export function uid(prefix: string): string {
  seq += 1;
  return `${prefix}-${seq}`;
}

/** A labelled form control: the label is always tied to the control by id. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || uid('f');
  control.id = id;
  const hintEl = hint ? h('small', { class: 'hint', id: `${id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hintEl);
}

/**
 * A view's filter bar: its fields, then a submit button labelled `button`. Submitting runs `go`
 * (which usually moves location.hash) instead of reloading the page; a search form gets role=search.
 */
export function filterForm(fields: Child[], button: string, go: () => void, search = true): HTMLFormElement {
  const onsubmit = (e: Event) => {
    e.preventDefault();
    go();
  };
  return h('form', { class: 'filters', role: search ? 'search' : null, onsubmit }, ...fields, h('button', { type: 'submit' }, button));
}

export function select(options: { value: string; label: string }[], value = '', attrs: Attrs = {}): HTMLSelectElement {
  const el = h('select', attrs);
  for (const o of options) el.append(h('option', { value: o.value, selected: o.value === value }, o.label));
  return el;
}

export function table(headers: string[], rows: (Child | Child[])[][], caption?: string): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      caption ? h('caption', {}, caption) : null,
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          headers.map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((r) =>
          h(
            'tr',
            {},
            r.map((c) => h('td', {}, ...(Array.isArray(c) ? c : [c]))),
          ),
        ),
      ),
    ),
  );
}

export function card(title: string, ...body: (Child | Child[])[]): HTMLElement {
  const id = uid('card');
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...body);
}

export function badge(text: string, kind: 'ok' | 'bad' | 'warn' | 'info' | 'muted' = 'info'): HTMLElement {
  return h('span', { class: `badge badge-${kind}` }, text);
}

/** Opens a fetched document (report HTML) in a new tab, or saves it (CSV), without putting the key in a URL. */
export function openBlob(blob: Blob, filename?: string): void {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, target: '_blank', rel: 'noopener', ...(filename ? { download: filename } : {}) });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
