import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, AriaComponent, DataZoomComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only the parts the dashboard draws, so the bundle stays small.
echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, DataZoomComponent, SVGRenderer]);

export const COLORS = { allowed: '#2f7d5b', violation: '#c4382b', accent: '#3454d1', muted: '#8a94a6' };
const FONT = '"Noto Sans JP", "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic UI", "Meiryo", system-ui, sans-serif';

export type Chart = echarts.ECharts;

/**
 * A chart in a box with an accessible name; ECharts' aria module adds a generated description.
 * Resizes with its box so it stays readable from 375 px to wide screens.
 */
export function mountChart(el: HTMLElement, label: string, option: echarts.EChartsCoreOption): { chart: Chart; dispose: () => void } {
  el.setAttribute('role', 'img');
  el.setAttribute('aria-label', label);
  const chart = echarts.init(el, undefined, { renderer: 'svg' });
  const observer = new ResizeObserver(() => chart.resize());
  observer.observe(el);
  // ECharts measures labels on a canvas (and caches the widths), and canvas text does not fetch the web
  // font's Japanese subsets: load the ones these labels need first, or labels are cut or overlap.
  const apply = () => {
    if (!chart.isDisposed()) chart.setOption({ aria: { enabled: true }, textStyle: { fontFamily: FONT }, animationDuration: 300, ...option });
  };
  const text = [...new Set(`国${JSON.stringify(option)}`.replace(/[ -~\s]/g, ''))].join('');
  if (document.fonts) void Promise.all(['12px', 'bold 12px'].map((size) => document.fonts.load(`${size} ${FONT}`, text))).then(apply, apply);
  else apply();
  return {
    chart,
    dispose: () => {
      observer.disconnect();
      chart.dispose();
    },
  };
}
