import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../support/engines.js';
import { send } from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { buildSharingWorld, loadRows, type SharingWorld } from './sharing-fixtures.js';

const engines = await testEngines();

// The sharing tests rely on these facts of their world; if the catalogue changes them, this says so first.
describe.each(engines)('the sharing world on %s', (engine) => {
  let t: TestPlatform;
  let w: SharingWorld;
  beforeAll(async () => {
    t = await startTestPlatform(engine);
    w = await buildSharingWorld(t);
  });
  afterAll(async () => t.close());

  const doc = async (id: string) =>
    (await send(t, 'GET', `/api/v1/catalogue/resources/${id}`, { token: w.consumerB })).json<{
      status: string;
      level: string;
      shareType: string;
      provider: { id: string };
      items: { code: string; nationalLevel: string; effectiveShareType: string }[];
    }>();

  it('publishes the five resources with the share types and levels the tests expect', async () => {
    const pop = await doc(w.resources.population);
    expect(pop).toMatchObject({ status: 'published', level: 'general3', provider: { id: w.orgA } });
    expect(pop.items.map((i) => i.code)).toEqual(['I001', 'I002', 'I003', 'I004']);
    const hh = await doc(w.resources.household);
    expect(hh.items.map((i) => i.nationalLevel)).toEqual(['general3', 'important']);
    const cr = await doc(w.resources.criminal);
    expect(cr.items.map((i) => i.effectiveShareType)).toEqual(['conditional', 'conditional', 'none']);
    const lib = await doc(w.resources.libraries);
    expect(lib.items.every((i) => i.effectiveShareType === 'unconditional')).toBe(true);
    expect((await doc(w.resources.property)).provider.id).toBe(w.orgC);
  });

  it('loads rows into a resource', async () => {
    await loadRows(t, w.resources.property, [
      { id_number: '110101199003070016', name: '张三', property_no: '330106001001GB00001F0001', area: 89.5 },
    ]);
    expect((await t.platform.datastore.profile(w.resources.property)).rows).toBe(1);
    expect((await t.platform.datastore.profile(w.resources.population)).rows).toBe(0);
  });
});
