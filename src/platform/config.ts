import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration comes from the environment only, validated once at start.
 * A bad value stops the process with a message naming the variable.
 */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^postgres(ql)?:\/\//.test(v) || /^(sqlite|file):/.test(v), {
      message: 'must start with postgres:// (PostgreSQL) or sqlite: / file: (SQLite file path)',
    }),
  GONGKAI_ADMIN_PASSWORD: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || v.length >= 10, { message: 'must be at least 10 characters' }),
  GONGKAI_SECURE_COOKIES: z.enum(['0', '1', 'true', 'false']).optional(),
  GONGKAI_TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).optional(),
  GONGKAI_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgresql'; url: string };
  adminPassword: string | undefined;
  secureCookies: boolean;
  trustProxy: boolean;
  logLevel: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const url = e.DATABASE_URL ?? '';
  const database: Config['database'] = /^postgres(ql)?:\/\//.test(url)
    ? { kind: 'postgresql', url }
    : { kind: 'sqlite', file: url ? path.resolve(url.replace(/^(sqlite|file):(\/\/)?/, '')) : path.join(dataDir, 'gongkai.sqlite') };
  const flag = (v: string | undefined) => v === '1' || v === 'true';
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database,
    adminPassword: e.GONGKAI_ADMIN_PASSWORD || undefined,
    secureCookies: flag(e.GONGKAI_SECURE_COOKIES),
    trustProxy: flag(e.GONGKAI_TRUST_PROXY),
    logLevel: e.GONGKAI_LOG_LEVEL ?? 'info',
  };
}
