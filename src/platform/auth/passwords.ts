import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { badRequest } from '../errors.js';

// Algorithm.Argon2id is a const enum (2): spelled out because ambient const enums cannot be imported here.
const OPTIONS = { algorithm: 2 as const };

export const hashPassword = (password: string) => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Minimum rule for every password set in gongkai (also the first admin's). */
export function checkPasswordStrength(password: string): void {
  if (password.length < 10) throw badRequest('weak_password', '密码至少需要 10 个字符');
  if (password.length > 200) throw badRequest('weak_password', '密码不能超过 200 个字符');
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) throw badRequest('weak_password', '密码需同时包含字母和数字');
}

/** A random password for the first administrator when none is configured. */
export function generatePassword(): string {
  return `${randomBytes(12).toString('base64url')}7a`;
}
