import { LineChart, RadarChart } from 'echarts/charts';
import { RadarComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { DIMENSIONS, type Dimension, type ItemScore, type ScorecardAnswer } from '../../api/quality';
import type { ChartOption } from '../../components/echart';

// ECharts options for the quality page, built from the scorecard: the six dimensions as a radar, the score
// history as a line, and the lowest-scoring items as bars. Labels arrive translated. The radar and the line
// are registered here, next to the bar and pie the shared chart component bundles (registration is global).

echarts.use([RadarChart, LineChart, RadarComponent]);

const AXIS = { axisLine: { lineStyle: { color: '#9aa5b1' } }, axisLabel: { color: '#3d4852' } };
const SPLIT = { splitLine: { lineStyle: { color: '#e6eaef' } } };
const pct = (x: number) => Math.round(x * 1000) / 10;

export function radarOption(
  dimensions: Record<Dimension, number>,
  dimLabel: (d: Dimension) => string,
  seriesName: string,
): ChartOption {
  return {
    tooltip: { trigger: 'item' },
    radar: {
      indicator: DIMENSIONS.map((d) => ({ name: dimLabel(d), max: 100, min: 0 })),
      radius: '66%',
      center: ['50%', '54%'],
      splitNumber: 4,
      axisName: { color: '#3d4852' },
      splitLine: { lineStyle: { color: '#dfe5ec' } },
      splitArea: { areaStyle: { color: ['#fafbfd', '#f2f5f9'] } },
    },
    series: [
      {
        name: seriesName,
        type: 'radar',
        symbolSize: 5,
        areaStyle: { opacity: 0.2 },
        lineStyle: { width: 2 },
        data: [{ name: seriesName, value: DIMENSIONS.map((d) => pct(dimensions[d])) }],
      },
    ],
  };
}

export function trendOption(
  history: ScorecardAnswer['history'],
  when: (iso: string) => string,
  seriesName: string,
): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 24, top: 32, bottom: 40 },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: history.map((h) => when(h.computedAt)),
      ...AXIS,
      axisLabel: { ...AXIS.axisLabel, hideOverlap: true },
    },
    yAxis: { type: 'value', min: 0, max: 100, ...AXIS, ...SPLIT },
    series: [
      {
        name: seriesName,
        type: 'line',
        smooth: false,
        symbolSize: 7,
        showAllSymbol: true,
        data: history.map((h) => h.score),
        areaStyle: { opacity: 0.08 },
        label: { show: history.length <= 12, position: 'top' },
      },
    ],
  };
}

/** The items whose lowest share (completeness, validity or consistency) is lowest, worst first (at most `n`). */
export function worstItems(items: readonly ItemScore[], n = 10): ItemScore[] {
  const low = (i: ItemScore) => Math.min(i.completeness, i.validity, i.consistency);
  return [...items].sort((a, b) => low(a) - low(b) || a.item.localeCompare(b.item)).slice(0, n);
}

export function worstItemsOption(
  items: readonly ItemScore[],
  itemLabel: (name: string) => string,
  names: { completeness: string; validity: string; consistency: string },
): ChartOption {
  // Worst at the top: a category y-axis draws its first value at the bottom.
  const rows = [...items].reverse();
  const series = (['completeness', 'validity', 'consistency'] as const).map((k) => ({
    name: names[k],
    type: 'bar',
    barMaxWidth: 12,
    data: rows.map((i) => pct(i[k])),
    itemStyle: { borderRadius: [0, 2, 2, 0] },
  }));
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => `${String(v)}%`,
    },
    legend: { top: 0, textStyle: { color: '#3d4852' } },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 100, ...AXIS, ...SPLIT },
    yAxis: { type: 'category', data: rows.map((i) => itemLabel(i.item)), ...AXIS },
    series,
  };
}
