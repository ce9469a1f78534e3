import { UTC, commonZone, formatDay, formatInstant, zoneForRegime, type DisplayZone } from '../../../libs/domain/src/presentation/time-format';
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

/** Each controller's display zone (from its policy's regime), and the zone for times of no one controller. */
const zones = new Map<string, DisplayZone>();
let fallbackZone: DisplayZone = UTC;

export function setControllerRegimes(policies: { controller: string; regime: string }[]): void {
  zones.clear();
  for (const p of policies) zones.set(p.controller, zoneForRegime(p.regime));
  fallbackZone = commonZone(policies.map((p) => p.regime));
}

const zoneOf = (controller?: string): DisplayZone => (controller && zones.get(controller)) || fallbackZone;

/** `2026-08-09 22:37 JST`: every time on every view, in the controller's regime's zone, to the minute. */
export function fmtDateTime(iso: string | null | undefined, controller?: string): string {
  return formatInstant(iso, zoneOf(controller));
}

export function fmtDate(iso: string | null | undefined, controller?: string): string {
  return formatDay(iso, zoneOf(controller));
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
