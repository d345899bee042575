import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, unitIdByShortName, type TestApp } from '../../../test/helpers.js';
import { systemActor } from '../../platform/actor.js';
import { runPatrol } from '../patrol/run.js';
import { listFindings } from '../patrol/queries.js';
import { naturalPerson, userWith } from './test-support.js';
import { overdueApplications } from './index.js';

let t: TestApp;
let unitId: number;

beforeAll(async () => {
  t = await createTestApp();
  unitId = await unitIdByShortName(t.db, '区教育局');
});
afterAll(async () => t.close());

describe('the patrol reports FOI applications past their reply limit', () => {
  it('an application received on 2025-03-03 is overdue after its 20 working days, not before', async () => {
    const officer = await userWith(t, 'foi_patrol', unitId, [{ role: 'foi_officer', unitId }]);
    const r = await officer.request('POST', '/api/v1/foi/applications', naturalPerson(unitId, { channel: 'in_person', receivedOn: '2025-03-03' }));
    expect(r.statusCode, r.body).toBe(201);
    const { id, number } = r.json();

    // Before the limit: no finding for it.
    const early = await runPatrol(t.db, t.config.dataDir, 'schedule', null, new Date('2025-03-10T02:00:00Z'));
    const none = await listFindings(t.db, systemActor(), { runId: early.runId, kind: 'overdue' });
    expect(none.items.filter((f) => f.title.includes(number))).toEqual([]);

    // After the limit (20 working days from 2025-03-03 end on 2025-03-31).
    const overdue = await overdueApplications(t.db, '2025-04-15');
    const mine = overdue.find((a) => a.id === id)!;
    expect(mine.dueDate).toBe('2025-03-31');
    const late = await runPatrol(t.db, t.config.dataDir, 'schedule', null, new Date('2025-04-15T02:00:00Z'));
    const found = (await listFindings(t.db, systemActor(), { runId: late.runId, kind: 'overdue' })).items.filter((f) => f.title.includes(number));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'overdue', kindLabel: '办理超期', unitId, severity: 'high' });
    expect(found[0]!.title).toContain('2025-03-31');
    expect(found[0]!.detail).toMatch(/逾期 \d+ 个工作日/);
  }, 60_000);
});
