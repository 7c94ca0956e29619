// The demo city: 杭州市 (region 330100), its data bureau as operator and nine departments. Fixed values so the
// demo is the same on every machine (SCENARIOS.md stories are played against it).

export const DEMO_REGION = '330100';
export const DEMO_PASSWORD = 'Orderly@2026';

/** Fixed TOTP secrets for the three duties (base32); printed with the demo logins. */
export const DEMO_TOTP = {
  sysadmin: 'JBSWY3DPEHPK3PXPJBSWY3DP',
  secadmin: 'KRSXG5CTMVRXEZLUKRSXG5CT',
  auditor: 'MFRGGZDFMZTWQ2LKMFRGGZDF',
} as const;

export interface DemoOrg {
  key: string;
  name: string;
  shortName: string;
  /** Nine characters of the embedded organisation code (GB 11714 body + check computed at seed time). */
  seq: number;
  district: string;
}

export const OPERATOR: DemoOrg = {
  key: 'dsj',
  name: '杭州市数据资源管理局',
  shortName: '大数据管理局',
  seq: 1,
  district: '330100',
};

export const DEPARTMENTS: DemoOrg[] = [
  { key: 'gaj', name: '杭州市公安局', shortName: '公安局', seq: 2, district: '330100' },
  { key: 'scjg', name: '杭州市市场监督管理局', shortName: '市场监督管理局', seq: 3, district: '330100' },
  {
    key: 'rsj',
    name: '杭州市人力资源和社会保障局',
    shortName: '人力资源和社会保障局',
    seq: 4,
    district: '330100',
  },
  { key: 'mzj', name: '杭州市民政局', shortName: '民政局', seq: 5, district: '330100' },
  { key: 'wjw', name: '杭州市卫生健康委员会', shortName: '卫生健康委员会', seq: 6, district: '330100' },
  { key: 'jyj', name: '杭州市教育局', shortName: '教育局', seq: 7, district: '330100' },
  { key: 'zrzy', name: '杭州市规划和自然资源局', shortName: '自然资源和规划局', seq: 8, district: '330100' },
  { key: 'swj', name: '国家税务总局杭州市税务局', shortName: '税务局', seq: 9, district: '330100' },
  { key: 'tjj', name: '杭州市统计局', shortName: '统计局', seq: 10, district: '330100' },
];

export const DEPARTMENT_ROLES = ['org_admin', 'steward', 'approver', 'consumer', 'analyst'] as const;
