import type { IdentityOverview } from '../api/types';
import type { ChartOption } from '../components/echart';

// ECharts options for the overview page, built from /api/v1/overview/identity. Labels arrive translated.

const LEVEL_ORDER = ['national', 'provincial', 'municipal', 'county'];
// One fixed colour per role, so a role looks the same in every chart; the three duties in reds.
const ROLE_COLORS: Record<string, string> = {
  sysadmin: '#b8272c',
  secadmin: '#d9603b',
  auditor: '#e39b5a',
  reviewer: '#c9a24a',
  org_admin: '#0f3a6e',
  steward: '#2e86c1',
  approver: '#16a085',
  consumer: '#5b8def',
  analyst: '#8e44ad',
};
const AXIS = { axisLine: { lineStyle: { color: '#9aa5b1' } }, axisLabel: { color: '#3d4852' } };
const SPLIT = { splitLine: { lineStyle: { color: '#e6eaef' } } };

export function levelBarOption(
  rows: IdentityOverview['organisationsByLevel'],
  levelLabel: (l: string) => string,
  seriesName: string,
): ChartOption {
  const sorted = [...rows].sort((a, b) => rank(a.level) - rank(b.level));
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 40, right: 16, top: 24, bottom: 32 },
    xAxis: { type: 'category', data: sorted.map((r) => levelLabel(r.level)), ...AXIS },
    yAxis: { type: 'value', minInterval: 1, ...AXIS, ...SPLIT },
    series: [
      {
        name: seriesName,
        type: 'bar',
        barMaxWidth: 48,
        data: sorted.map((r) => r.n),
        label: { show: true, position: 'top' },
        itemStyle: { borderRadius: [3, 3, 0, 0] },
      },
    ],
  };
}

export function rolePieOption(
  rows: IdentityOverview['usersByRole'],
  roleLabel: (r: string) => string,
  seriesName: string,
): ChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, itemGap: 12, textStyle: { color: '#3d4852' } },
    series: [
      {
        name: seriesName,
        type: 'pie',
        radius: ['34%', '58%'],
        center: ['50%', '42%'],
        avoidLabelOverlap: true,
        label: { formatter: '{c}' },
        data: rows
          .filter((r) => r.n > 0)
          .map((r) => ({
            name: roleLabel(r.role),
            value: r.n,
            ...(ROLE_COLORS[r.role] && { itemStyle: { color: ROLE_COLORS[r.role] } }),
          })),
      },
    ],
  };
}

export function regionBarOption(
  rows: IdentityOverview['organisationsByRegion'],
  unknown: string,
  seriesName: string,
): ChartOption {
  const top = [...rows]
    .sort((a, b) => b.n - a.n)
    .slice(0, 15)
    .reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 32, top: 8, bottom: 24, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, ...AXIS, ...SPLIT },
    yAxis: {
      type: 'category',
      data: top.map((r) => r.regionName ?? `${unknown} ${r.regionCode}`),
      ...AXIS,
    },
    series: [
      {
        name: seriesName,
        type: 'bar',
        barMaxWidth: 22,
        data: top.map((r) => r.n),
        label: { show: true, position: 'right' },
        itemStyle: { color: '#2e86c1', borderRadius: [0, 3, 3, 0] },
      },
    ],
  };
}

function rank(level: string): number {
  const i = LEVEL_ORDER.indexOf(level);
  return i < 0 ? LEVEL_ORDER.length : i;
}
