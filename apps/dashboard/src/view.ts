import { ApiError } from './api';
import { h } from './dom';
import { t } from './i18n';

/** What the router needs from a view: re-render on live updates, clean up on leave. */
export interface ViewHandle {
  /** Called when new events were projected; views re-read what they show. */
  refresh?: () => Promise<void>;
  dispose?: () => void;
}

export interface RouteParams {
  /** Path segments after the view name, e.g. ['<breachId>']. */
  segments: string[];
  query: URLSearchParams;
}

export type ViewModule = { render(main: HTMLElement, params: RouteParams): Promise<ViewHandle> };

/** A clear explanation instead of data when a read fails; never placeholder numbers. */
export function errorNotice(err: unknown): HTMLElement {
  if (err instanceof ApiError) {
    if (err.missingRoute) return h('p', { class: 'notice notice-muted', role: 'note' }, t('notAvailable', { path: err.path }));
    if (err.status === 401) return h('p', { class: 'notice notice-warn', role: 'alert' }, t('unauthorized'));
    if (err.status === 403) return h('p', { class: 'notice notice-warn', role: 'alert' }, t('forbidden', { code: err.code }));
    return h('p', { class: 'notice notice-bad', role: 'alert' }, t('error', { msg: `${err.code}: ${err.message}` }));
  }
  return h('p', { class: 'notice notice-bad', role: 'alert' }, t('error', { msg: err instanceof Error ? err.message : String(err) }));
}

/** Runs a read into a slot: loading text, then the content or the error notice. */
export async function load(slot: HTMLElement, read: () => Promise<Node | Node[]>, quiet = false): Promise<boolean> {
  if (!quiet) slot.replaceChildren(h('p', { class: 'loading' }, t('loading')));
  try {
    const content = await read();
    slot.replaceChildren(...(Array.isArray(content) ? content : [content]));
    return true;
  } catch (err) {
    slot.replaceChildren(errorNotice(err));
    return false;
  }
}

export function pageHeader(title: string, ...extra: Node[]): HTMLElement {
  return h('div', { class: 'page-header' }, h('h1', { tabindex: '-1' }, title), ...extra);
}
