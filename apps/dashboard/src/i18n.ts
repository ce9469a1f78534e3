import { MESSAGES, type MessageKey } from './messages';

export type Lang = 'ja' | 'en';
const STORAGE = 'ashiato.lang';
const listeners: (() => void)[] = [];

function initialLang(): Lang {
  const saved = localStorage.getItem(STORAGE);
  if (saved === 'ja' || saved === 'en') return saved;
  return navigator.language.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

let lang: Lang = initialLang();

export function currentLang(): Lang {
  return lang;
}

export function setLang(next: Lang): void {
  lang = next;
  localStorage.setItem(STORAGE, next);
  document.documentElement.lang = next;
  for (const l of listeners) l();
}

export function onLangChange(fn: () => void): void {
  listeners.push(fn);
}

/** A label in the current language; `{name}` placeholders are filled from `vars`. */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const text: string = MESSAGES[key][lang === 'ja' ? 0 : 1];
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

const locale = () => (lang === 'ja' ? 'ja-JP' : 'en-GB');

export function fmtNumber(n: number): string {
  return n.toLocaleString(locale());
}

export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(locale(), { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleDateString(locale(), { year: 'numeric', month: 'short', day: 'numeric' });
}

/** "in 2 d 3 h" / "overdue by 5 h": a countdown to a legal deadline, from `now`. */
export function fmtCountdown(dueIso: string, now = Date.now()): { text: string; overdue: boolean } {
  const ms = new Date(dueIso).getTime() - now;
  const abs = Math.abs(ms);
  const d = Math.floor(abs / 86_400_000);
  const hrs = Math.floor((abs % 86_400_000) / 3_600_000);
  const min = Math.floor((abs % 3_600_000) / 60_000);
  const span = d > 0 ? t('spanDH', { d, h: hrs }) : t('spanHM', { h: hrs, m: min });
  return ms >= 0 ? { text: t('dueIn', { span }), overdue: false } : { text: t('overdueBy', { span }), overdue: true };
}

/** Replaces static labels in index.html marked with data-i18n. */
export function translateStatic(root: ParentNode = document): void {
  root.querySelectorAll<HTMLElement>('[data-i18n]').forEach((el) => {
    el.textContent = t(el.dataset.i18n as MessageKey);
  });
}
