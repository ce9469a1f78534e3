import { getBlob, getJson, postJson } from '../api';
import { codeText } from '../codes';
import { card, field, filterForm, h, openBlob, select } from '../dom';
import { fmtDateTime, t } from '../i18n';
import { drawGraph, graphElements, loadFontsFor } from '../lineage-graph';
import { instantsOf, type LineageReport } from '../lineage-types';
import type { ViolationPage } from '../types';
import { errorNotice, load, pageHeader, type RouteParams, type ViewHandle } from '../view';
import { lineageTables } from './lineage-tables';
import { lineageTimeline } from './lineage-timeline';

type Kind = 'ref' | 'email' | 'phone';

/** One subject: search, graph of where the data went, as-of slider, printable report. */
export async function render(main: HTMLElement, params: RouteParams): Promise<ViewHandle> {
  const ref = params.segments[0];
  const kind = select(
    [
      { value: 'ref', label: t('byRef') },
      { value: 'email', label: t('byEmail') },
      { value: 'phone', label: t('byPhone') },
    ],
    'ref',
    { name: 'kind' },
  );
  const value = h('input', { type: 'search', name: 'value', required: true, autocomplete: 'off', spellcheck: 'false', value: ref ?? '' });
  const body = h('div', { class: 'lineage-body' });
  const form = filterForm([field(t('searchBy'), kind), field(t('searchValue'), value, t('identifierHint'))], t('search'), () => void submit());
  main.append(pageHeader(t('lineageTitle')), form, body);
  let current: Showing | undefined;

  async function submit(): Promise<void> {
    const v = value.value.trim();
    if (!v) return;
    if (kind.value === 'ref') {
      location.hash = `#/lineage/${encodeURIComponent(v)}`;
      return;
    }
    // The identifier goes only into this POST body; the page then continues by the HMAC'd ref.
    const identifier = { [kind.value as Exclude<Kind, 'ref'>]: v };
    value.value = '';
    await load(body, async () => {
      const report = await postJson<LineageReport>('/v1/subjects/lineage:lookup', identifier);
      if (!report.controllers.length) return h('p', { class: 'empty' }, t('subjectNotFound'));
      location.hash = `#/lineage/${encodeURIComponent(report.subjectRef)}`;
      return h('p', { class: 'loading' }, t('loading'));
    });
  }

  if (!ref) {
    await load(body, examples);
    return {};
  }
  try {
    const report = await getJson<LineageReport>(`/v1/subjects/${encodeURIComponent(ref)}/lineage`);
    if (!report.controllers.length) {
      body.replaceChildren(h('p', { class: 'empty' }, t('subjectNotFound')));
      return {};
    }
    current = new Showing(body, report);
  } catch (err) {
    body.replaceChildren(errorNotice(err));
    return {};
  }
  return {
    refresh: async () => {
      if (!current?.atNow()) return;
      const report = await getJson<LineageReport>(`/v1/subjects/${encodeURIComponent(ref)}/lineage`).catch(() => undefined);
      // The slider may have moved while the read was in flight: a stop the user chose wins.
      if (report && current?.atNow()) current.update(report, true);
    },
    dispose: () => current?.dispose(),
  };
}

/** The shown subject: the slider's stops come from the full (now) report; moving it re-reads as of a stop. */
class Showing {
  private instants: string[];
  private readonly slider: HTMLInputElement;
  private readonly sliderText = h('output', { class: 'asof-value' });
  private readonly graphBox = h('div', { class: 'graph', role: 'img', 'aria-label': t('graphLabel') });
  private readonly tables = h('div');
  private readonly timelineBox = h('div', { class: 'timeline-box' });
  private cy?: ReturnType<typeof drawGraph>;
  private debounce = 0;
  private drawSeq = 0;
  private seq = 0;

  constructor(
    body: HTMLElement,
    private report: LineageReport,
  ) {
    this.instants = instantsOf(report);
    this.slider = h('input', { type: 'range', id: 'asof', min: 0, max: this.instants.length, step: 1, value: this.instants.length }) as HTMLInputElement;
    this.slider.addEventListener('input', () => this.moved());
    this.sliderText.setAttribute('for', 'asof');
    const printable = h('button', { type: 'button', onclick: () => void this.openReport() }, t('printable'));
    const audit = h('a', { href: `#/audit?target=${encodeURIComponent(report.subjectRef)}` }, t('whoRead'));
    body.replaceChildren(
      h(
        'div',
        { class: 'subject-bar' },
        h('div', {}, h('span', { class: 'muted' }, `${t('subject')}: `), h('code', { class: 'subject-ref' }, report.subjectRef)),
        h('div', { class: 'subject-actions' }, audit, printable),
      ),
      h('div', { class: 'asof' }, h('label', { for: 'asof' }, t('asOf')), this.slider, this.sliderText, h('small', { class: 'hint' }, t('asOfHint'))),
      h(
        'div',
        { class: 'graph-and-timeline' },
        card(
          t('graph'),
          h(
            'ul',
            { class: 'legend', 'aria-hidden': 'true' },
            h('li', { class: 'lg-held' }, t('legendHeld')),
            h('li', { class: 'lg-erased' }, t('legendErased')),
            h('li', { class: 'lg-violation' }, t('legendViolation')),
          ),
          this.graphBox,
        ),
        card(t('timeline'), this.timelineBox),
      ),
      this.tables,
    );
    this.update(report, false);
  }

  atNow(): boolean {
    return Number(this.slider.value) >= this.instants.length;
  }

  update(report: LineageReport, fromNow: boolean): void {
    this.report = report;
    if (fromNow) {
      this.instants = instantsOf(report);
      this.slider.max = String(this.instants.length);
      this.slider.value = String(this.instants.length);
    }
    this.label();
    const labels = { subject: t('subject'), consent: t('consentGiven'), code: codeText };
    const seq = ++this.drawSeq;
    void loadFontsFor(graphElements(report, labels)).then(() => {
      if (seq !== this.drawSeq) return; // a later instant was asked for meanwhile
      this.cy?.destroy();
      this.cy = drawGraph(this.graphBox, graphElements(report, labels));
    });
    this.timelineBox.replaceChildren(lineageTimeline(report));
    this.tables.replaceChildren(...lineageTables(report));
  }

  private label(): void {
    const i = Number(this.slider.value);
    const text =
      i >= this.instants.length
        ? `${t('now')} (${fmtDateTime(new Date().toISOString(), this.report?.controllers[0]?.controller)})`
        : fmtDateTime(this.instants[i], this.report?.controllers[0]?.controller);
    this.sliderText.textContent = text;
    this.slider.setAttribute('aria-valuetext', text);
  }

  private asOf(): string | undefined {
    const i = Number(this.slider.value);
    return i >= this.instants.length ? undefined : this.instants[i];
  }

  private moved(): void {
    this.label();
    window.clearTimeout(this.debounce);
    this.debounce = window.setTimeout(() => void this.reread(), 250);
  }

  private async reread(): Promise<void> {
    const seq = ++this.seq;
    try {
      const report = await getJson<LineageReport>(`/v1/subjects/${encodeURIComponent(this.report.subjectRef)}/lineage`, { asOf: this.asOf() });
      if (seq === this.seq) this.update(report, false);
    } catch (err) {
      this.tables.replaceChildren(errorNotice(err));
    }
  }

  private async openReport(): Promise<void> {
    try {
      openBlob(await getBlob(`/v1/subjects/${encodeURIComponent(this.report.subjectRef)}/lineage`, { format: 'html', asOf: this.asOf() }));
    } catch (err) {
      this.tables.prepend(errorNotice(err));
    }
  }

  dispose(): void {
    window.clearTimeout(this.debounce);
    this.drawSeq += 1; // a draw still waiting for fonts is dropped
    this.cy?.destroy();
  }
}

/** With no subject chosen: a few subjects with recent violations, so a first visit has somewhere to go. */
async function examples(): Promise<Node> {
  const page = await getJson<ViolationPage>('/v1/violations', { limit: 40 });
  const refs = [...new Set(page.items.map((v) => v.subjectRef))].slice(0, 6);
  return h(
    'div',
    { class: 'card' },
    h('p', {}, t('enterSubject')),
    refs.length ? h('h2', {}, t('exampleSubjects')) : null,
    h(
      'ul',
      { class: 'examples' },
      refs.map((r) => h('li', {}, h('a', { href: `#/lineage/${encodeURIComponent(r)}`, class: 'mono' }, r))),
    ),
  );
}
