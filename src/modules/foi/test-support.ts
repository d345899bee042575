import { expect } from 'vitest';
import { creditCodeCheckChar, residentIdCheckChar } from '../../platform/checks.js';
import { ADMIN_PASSWORD, login, type Client, type TestApp } from '../../../test/helpers.js';

/** Test fixtures shared by the foi and reports tests (not used by the app). */
export const withCheck = (first17: string) => first17 + residentIdCheckChar(first17);
export const creditCode = (first17: string) => first17 + creditCodeCheckChar(first17);
export const PERSON_ID = withCheck('34060319800101001');
export const ORG_CODE = creditCode('91340603MA2N00001');

export async function userWith(t: TestApp, username: string, unitId: number, roles: Array<{ role: string; unitId: number | null }>): Promise<Client> {
  const admin = await login(t.server, 'admin', ADMIN_PASSWORD);
  const res = await admin.request('POST', '/api/v1/users', { username, displayName: username, unitId, password: 'foi-test-pass-1', roles });
  expect(res.statusCode, res.body).toBe(201);
  return login(t.server, username, 'foi-test-pass-1');
}

export function naturalPerson(unitId: number, extra: Record<string, unknown> = {}) {
  return {
    unitId, applicantKind: 'natural', name: '张三', idType: 'resident_id', idNumber: PERSON_ID, phone: '13800000000',
    email: 'zhang@example.com', address: '淮北市相山区', description: '申请公开2025年本局财政预算执行情况', form: 'electronic', delivery: 'electronic', ...extra,
  };
}

export function legalPerson(unitId: number, legalSubtype: string, extra: Record<string, unknown> = {}) {
  return {
    unitId, applicantKind: 'legal', legalSubtype, name: '某某有限公司', idType: 'credit_code', idNumber: ORG_CODE, phone: '0561-3000000',
    description: '申请公开某项目的环评批复文件', form: 'paper', delivery: 'post', ...extra,
  };
}
