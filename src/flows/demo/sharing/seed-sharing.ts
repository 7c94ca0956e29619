import type { Platform } from '../../../server/platform.js';
import { sessionOf } from '../sessions.js';

// The demo's sharing story (SCENARIOS S2, 低保审核): 民政局 applies with one purpose and basis for persons,
// property and social-insurance data. 公安局 approves with narrowed items, its default masks and a row filter
// (living persons only); 自然资源和规划局 approves verification only (可用不可见); 人社局's part is still
// waiting, so its approver's queue shows the running working-day deadline. 卫健委 has posted a demand the
// bureau has not routed yet (SCENARIOS S5).

/** What the sharing seed made, for tests and the printout. */
export interface DemoSharing {
  applicationId: string;
  grantIds: string[];
  demandId: string;
  clientId: string;
}

/** Seeds the sharing story over the demo catalogue (`ids`: resource ids by name). */
export async function seedDemoSharing(p: Platform, ids: Map<string, string>): Promise<DemoSharing> {
  const id = (name: string) => {
    const v = ids.get(name);
    if (!v) throw new Error(`demo resource missing: ${name}`);
    return v;
  };
  const mzjAdmin = await sessionOf(p, 'mzj.orgadmin');
  const client = await p.identity.clients.create(mzjAdmin, {
    orgId: mzjAdmin.actor.orgId!,
    name: '民政局低保核对系统',
    authMethod: 'client_secret',
    scopes: ['exchange:read', 'exchange:verify'],
  });
  const consumer = await sessionOf(p, 'mzj.consumer');
  const app = await p.sharing.applications.create(consumer, {
    title: '最低生活保障资格审核数据共享申请',
    purpose: '最低生活保障资格审核：核对申请家庭成员身份、住房和参保缴费情况',
    basis: '《社会救助暂行办法》第十一条、第六十条；《浙江省最低生活保障办法》',
    scenario: '低保申请受理后，经办人员在低保系统中逐户核对家庭成员身份、名下不动产和社保缴费基数',
    durationDays: 365,
    expectedVolume: { callsPerDay: 3000, rowsPerDay: 5000 },
    clientIds: [client.id],
    parts: [
      { resourceId: id('人口基本信息'), items: ['sfzh', 'xm', 'xb', 'csrq', 'hjdz'], methods: ['api'] },
      { resourceId: id('不动产登记信息'), items: ['sfzh', 'mj', 'yt'], methods: ['verification'] },
      { resourceId: id('社保参保缴费信息'), items: ['sfzh', 'jfjs'], methods: ['verification'] },
    ],
    submit: true,
  });
  const partOf = (name: string) => app.parts.find((x) => x.resourceId === id(name))!.id;
  const gaj = await sessionOf(p, 'gaj.approver');
  await p.sharing.applications.reviews.decide(gaj, app.id, partOf('人口基本信息'), {
    decision: 'approve',
    scope: {
      // The address is not needed to check a household's members: narrowed away.
      items: [{ code: 'sfzh' }, { code: 'xm' }, { code: 'xb' }, { code: 'csrq' }],
      rowFilter: { eq: { item: 'swbz', value: '0' } },
      dailyRowQuota: 20000,
    },
  });
  const zrzy = await sessionOf(p, 'zrzy.approver');
  const decided = await p.sharing.applications.reviews.decide(zrzy, app.id, partOf('不动产登记信息'), {
    decision: 'approve',
    scope: { items: [{ code: 'sfzh' }, { code: 'mj' }, { code: 'yt' }], methods: ['verification'] },
  });
  const wjw = await sessionOf(p, 'wjw.consumer');
  const demand = await p.sharing.demands.create(wjw, {
    title: '分街道老年人口数量（按年龄段）',
    purpose: '高温天气应急预案：按街道测算需要上门探访的独居和高龄老人数量',
    description: '不需要个人明细，只需按街道、年龄段（60-69、70-79、80岁以上）汇总的人数，每日更新。',
    suggestedOrgId: gaj.actor.orgId!,
  });
  return {
    applicationId: app.id,
    grantIds: decided.parts.flatMap((x) => (x.grantId ? [x.grantId] : [])),
    demandId: demand.id,
    clientId: client.id,
  };
}
