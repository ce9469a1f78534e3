// The page ships its own Japanese font: a machine without CJK fonts would show empty boxes. The
// font's unicode-range subsets load only for the characters a page actually shows.
import '@fontsource/noto-sans-jp/400.css';
import '@fontsource/noto-sans-jp/700.css';
import './styles.css';
import { adoptDemoKey, apiKey, setApiKey } from './api';
import { clear, h } from './dom';
import { currentLang, fmtNumber, onLangChange, setLang, t, translateStatic } from './i18n';
import { startLiveUpdates, type LiveStatus } from './live';
import { loadDisplayZones } from './policies-cache';
import type { MessageKey } from './messages';
import type { RouteParams, ViewHandle, ViewModule } from './view';

/** Views load on demand so the overview does not pay for the graph library. */
const ROUTES: { name: string; label: MessageKey; load: () => Promise<ViewModule> }[] = [
  { name: 'overview', label: 'navOverview', load: () => import('./views/overview') },
  { name: 'violations', label: 'navViolations', load: () => import('./views/violations') },
  { name: 'lineage', label: 'navLineage', load: () => import('./views/lineage') },
  { name: 'breaches', label: 'navBreaches', load: () => import('./views/breaches') },
  { name: 'policies', label: 'navPolicies', load: () => import('./views/policies') },
  { name: 'records', label: 'navRecords', load: () => import('./views/records') },
  { name: 'audit', label: 'navAudit', load: () => import('./views/audit') },
];

const main = document.getElementById('main')!;
const nav = document.getElementById('nav')!;
const tools = document.getElementById('tools')!;
const status = document.getElementById('status')!;
let active: ViewHandle = {};
let renderSeq = 0;

function parseHash(): { name: string; params: RouteParams } {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, qs = ''] = raw.split('?');
  const [name = 'overview', ...segments] = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { name: ROUTES.some((r) => r.name === name) ? name : 'overview', params: { segments, query: new URLSearchParams(qs) } };
}

function renderNav(current: string): void {
  nav.setAttribute('aria-label', t('navMain'));
  clear(
    nav,
    h(
      'ul',
      {},
      ROUTES.map((r) => h('li', {}, h('a', { href: `#/${r.name}`, 'aria-current': r.name === current ? 'page' : null }, t(r.label)))),
    ),
  );
}

function renderTools(): void {
  const input = h('input', { type: 'password', id: 'api-key', autocomplete: 'off', spellcheck: 'false', value: apiKey(), placeholder: 'ashiato_…' });
  const form = h(
    'form',
    {
      class: 'key-form',
      onsubmit: (e: Event) => {
        e.preventDefault();
        setApiKey(input.value.trim());
        void route();
      },
    },
    h('label', { for: 'api-key' }, t('apiKey')),
    input,
    h('button', { type: 'submit' }, t('save')),
  );
  const toggle = h(
    'button',
    {
      type: 'button',
      class: 'lang-toggle',
      lang: currentLang() === 'ja' ? 'en' : 'ja',
      'aria-label': `${t('langToggle')}: ${t('langToggleLabel')}`,
      onclick: () => setLang(currentLang() === 'ja' ? 'en' : 'ja'),
    },
    t('langToggle'),
  );
  clear(tools, form, toggle, h('span', { id: 'live', class: 'live', 'aria-live': 'off' }));
}

let firstRender = true;

async function route(): Promise<void> {
  const seq = ++renderSeq;
  const { name, params } = parseHash();
  active.dispose?.();
  active = {};
  renderNav(name);
  const [view] = await Promise.all([ROUTES.find((r) => r.name === name)!.load(), loadDisplayZones()]);
  if (seq !== renderSeq) return;
  // Each route renders into its own box: a slower, superseded render then fills a detached box, not the page.
  const box = h('div', { class: 'view' });
  main.replaceChildren(box);
  const handle = await view.render(box, params);
  if (seq !== renderSeq) {
    handle.dispose?.();
    return;
  }
  active = handle;
  document.title = `${t(ROUTES.find((r) => r.name === name)!.label)} · Ashiato`;
  // After a navigation, move focus to the new page's heading so keyboard and screen-reader users land
  // on the content. Not on the first load: there the first Tab must reach the skip link.
  const navigated = !firstRender;
  firstRender = false;
  if (navigated && (document.activeElement === document.body || nav.contains(document.activeElement)))
    main.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
}

export function announce(text: string): void {
  status.textContent = text;
}

let liveStatus: LiveStatus | undefined;

/** The live indicator in the current language; drawn again after a language switch re-renders the tools. */
function showLiveStatus(): void {
  const live = document.getElementById('live');
  if (!live || !liveStatus) return;
  live.textContent = liveStatus.ok ? `● ${t('live')} · ${t('livePosition', { n: fmtNumber(liveStatus.position) })}` : `○ ${t('offline')}`;
  live.className = liveStatus.ok ? 'live live-ok' : 'live live-bad';
}

async function start(): Promise<void> {
  document.documentElement.lang = currentLang();
  translateStatic();
  const demo = await adoptDemoKey();
  if (demo) announce(t('demoKey'));
  renderTools();
  window.addEventListener('hashchange', () => void route());
  onLangChange(() => {
    translateStatic();
    renderTools();
    showLiveStatus();
    if (demo && status.textContent) announce(t('demoKey'));
    void route();
  });
  await startLiveUpdates({
    onChange: async () => {
      if (!active.refresh) return false;
      await active.refresh();
      return true;
    },
    onStatus: (next) => {
      liveStatus = next;
      showLiveStatus();
    },
  });
  await route();
}

void start();
