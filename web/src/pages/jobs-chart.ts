import type { JobsOverview } from '../api/ops-types';
import type { ChartOption } from '../components/echart';

// The jobs-by-status bar chart: every status in a fixed order and colour, zero counts included.

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'dead', 'cancelled'] as const;
const COLORS: Record<string, string> = {
  queued: '#2e86c1',
  running: '#16a085',
  succeeded: '#1e7d45',
  dead: '#b8272c',
  cancelled: '#9aa5b1',
};
const AXIS = { axisLine: { lineStyle: { color: '#9aa5b1' } }, axisLabel: { color: '#3d4852' } };

export function jobStatusBarOption(
  rows: JobsOverview['byStatus'],
  statusLabel: (s: string) => string,
  seriesName: string,
): ChartOption {
  const counts = new Map(rows.map((r) => [r.status, r.n]));
  const statuses = [...JOB_STATUSES, ...rows.map((r) => r.status).filter((s) => !COLORS[s])];
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 40, right: 16, top: 24, bottom: 32 },
    xAxis: { type: 'category', data: statuses.map(statusLabel), ...AXIS },
    yAxis: { type: 'value', minInterval: 1, ...AXIS, splitLine: { lineStyle: { color: '#e6eaef' } } },
    series: [
      {
        name: seriesName,
        type: 'bar',
        barMaxWidth: 40,
        label: { show: true, position: 'top' },
        data: statuses.map((s) => ({
          value: counts.get(s) ?? 0,
          itemStyle: { color: COLORS[s] ?? '#5b8def', borderRadius: [3, 3, 0, 0] },
        })),
      },
    ],
  };
}
