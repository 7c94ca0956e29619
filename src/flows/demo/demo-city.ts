import fs from 'node:fs';
import path from 'node:path';
import { seedDemoSharing } from './sharing/seed-sharing.js';
import { seedDemoCatalogue } from './catalogue/seed-catalogue.js';
import { seedDemoData } from './catalogue/seed-data.js';
import {
  makeUscc,
  newId,
  orgCodeCheckChar,
  systemContext,
  anonymousContext,
  type RequestContext,
} from '../../kernel/index.js';
import { totpCode } from '../../modules/identity/index.js';
import type { Platform } from '../../server/platform.js';
import {
  DEMO_PASSWORD,
  DEMO_REGION,
  DEMO_TOTP,
  DEPARTMENT_ROLES,
  DEPARTMENTS,
  OPERATOR,
  type DemoOrg,
} from './demo-city.data.js';

// Builds the deterministic demo city through the real services — bootstrap, then logins as sysadmin and
// secadmin with their TOTP codes — so the demo exercises the same permission checks and evidence as real use.

/** One demo login, as written to demo-credentials.json. */
export interface DemoCredential {
  username: string;
  password: string;
  totpSecret?: string;
  roles: string[];
  org: string;
}

/** The USCC of a demo organisation (机关: authority 1, category 1). */
export function demoUscc(o: DemoOrg): string {
  const body = `MB${String(o.seq).padStart(6, '0')}`;
  return makeUscc('1', '1', DEMO_REGION, body + orgCodeCheckChar(body));
}

async function loginAs(p: Platform, username: string, secret: string, at: Date): Promise<RequestContext> {
  const anon = anonymousContext(newId(), '127.0.0.1');
  const t = await p.identity.auth.login(anon, {
    username,
    password: DEMO_PASSWORD,
    totpCode: totpCode(secret, at),
  });
  return {
    requestId: newId(),
    ip: '127.0.0.1',
    actor: await p.identity.authenticate(t.accessToken, '127.0.0.1'),
  };
}

/** Seeds the demo city on an empty platform and writes the credentials file; returns the logins. */
export async function seedDemoCity(p: Platform): Promise<DemoCredential[]> {
  const creds: DemoCredential[] = [];
  await p.identity.bootstrap.run(systemContext('demo-seed', newId()), {
    operator: {
      name: OPERATOR.name,
      shortName: OPERATOR.shortName,
      uscc: demoUscc(OPERATOR),
      regionCode: DEMO_REGION,
      level: 'municipal',
      contactName: '数据资源管理局办公室',
      contactPhone: '0571-85250000',
    },
    users: (['sysadmin', 'secadmin', 'auditor'] as const).map((role) => ({
      role,
      username: role,
      displayName: { sysadmin: '系统管理员', secadmin: '安全管理员', auditor: '安全审计员' }[role],
      password: DEMO_PASSWORD,
      totpSecret: DEMO_TOTP[role],
    })),
  });
  for (const role of ['sysadmin', 'secadmin', 'auditor'] as const) {
    creds.push({
      username: role,
      password: DEMO_PASSWORD,
      totpSecret: DEMO_TOTP[role],
      roles: [role],
      org: OPERATOR.shortName,
    });
  }
  const now = p.clock.now();
  const sys = await loginAs(p, 'sysadmin', DEMO_TOTP.sysadmin, now);
  const sec = await loginAs(p, 'secadmin', DEMO_TOTP.secadmin, now);
  const operatorId = sys.actor.orgId!;

  const reviewer = await p.identity.users.create(sys, {
    orgId: operatorId,
    username: 'dsj.reviewer',
    displayName: '目录审核员',
    password: DEMO_PASSWORD,
  });
  await p.identity.users.assignRole(sec, reviewer.id, { role: 'reviewer' });
  creds.push({
    username: reviewer.username,
    password: DEMO_PASSWORD,
    roles: ['reviewer'],
    org: OPERATOR.shortName,
  });

  for (const d of DEPARTMENTS) {
    const org = await p.identity.organisations.create(sys, {
      name: d.name,
      shortName: d.shortName,
      uscc: demoUscc(d),
      regionCode: d.district,
      level: 'municipal',
      parentId: operatorId,
      contactName: `${d.shortName}办公室`,
    });
    for (const role of DEPARTMENT_ROLES) {
      const u = await p.identity.users.create(sys, {
        orgId: org.id,
        username: `${d.key}.${role.replace('_', '')}`,
        displayName: `${d.shortName}${ROLE_LABEL[role]}`,
        password: DEMO_PASSWORD,
      });
      await p.identity.users.assignRole(sec, u.id, { role });
      creds.push({ username: u.username, password: DEMO_PASSWORD, roles: [role], org: d.shortName });
    }
  }
  const catalogue = await seedDemoCatalogue(p);
  await seedDemoData(p, catalogue.ids);
  await seedDemoSharing(p, catalogue.ids);
  const file = path.join(p.config.dataDir, 'demo-credentials.json');
  fs.writeFileSync(file, JSON.stringify(creds, null, 2) + '\n', { mode: 0o600 });
  return creds;
}

const ROLE_LABEL: Record<(typeof DEPARTMENT_ROLES)[number], string> = {
  org_admin: '管理员',
  steward: '数据管理员',
  approver: '审批人',
  consumer: '数据使用人',
  analyst: '分析员',
};
