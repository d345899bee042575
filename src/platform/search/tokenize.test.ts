import { describe, expect, it } from 'vitest';
import { tsvectorLiteral } from './tokenize.mjs';

describe('tsvectorLiteral', () => {
  it('quotes each space-separated token', () => {
    expect(tsvectorLiteral('政府 信息 a1')).toBe("'政府' '信息' 'a1'");
    expect(tsvectorLiteral('法')).toBe("'法'");
    expect(tsvectorLiteral('')).toBe('');
  });
  it('escapes quotes and backslashes and ignores stray spaces', () => {
    expect(tsvectorLiteral("it's a\\b")).toBe("'it''s' 'a\\\\b'");
    expect(tsvectorLiteral(' a  b ')).toBe("'a' 'b'");
  });
});
