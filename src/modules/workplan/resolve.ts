import type { Unit, UnitKind } from '../../platform/units/units.js';

/**
 * Responsible-unit phrase (责任单位) → units, lead unit (牵头单位) first.
 *
 * Named units match a unit's short name or full name. Collective phrases expand by unit kind:
 * 各区直部门 / 区直各部门 / 各相关区直部门 / 各相关行政执法部门 → departments; 各镇(办) → towns and
 * sub-districts; 各企事业单位 → public enterprises and institutions; 「A、B等相关区直部门」 → A, B,
 * then the other departments. Whatever matches nothing is returned as unresolved.
 */
export type AssignmentRole = 'lead' | 'named' | 'expanded';

export interface ResolvedUnit {
  unitId: number;
  role: AssignmentRole;
}

export interface Resolution {
  units: ResolvedUnit[];
  unresolved: string[];
}

const COLLECTIVES: Array<[RegExp, UnitKind]> = [
  [/^(各|全体)?(相关)?区直(各|相关)?(部门|单位)$/, 'department'],
  [/^各(相关)?区直(属)?(部门|单位)$/, 'department'],
  [/^(各)?(相关)?行政执法(部门|单位)$/, 'department'],
  [/^各(相关)?镇(\(办\)|办|\(街道\)|、?街道|\(街\))?$/, 'town'],
  [/^各(街道|街道办事处|镇街)$/, 'town'],
  [/^各?(公共)?企事业单位$/, 'enterprise'],
  [/^(各)?(开发区|园区)$/, 'zone'],
];

const normalise = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

function collectiveKind(token: string): UnitKind | undefined {
  for (const [re, kind] of COLLECTIVES) if (re.test(token)) return kind;
  return undefined;
}

export function resolveUnitPhrase(phrase: string, units: Unit[]): Resolution {
  const out: ResolvedUnit[] = [];
  const unresolved: string[] = [];
  const seen = new Set<number>();
  const byName = new Map<string, Unit>();
  for (const u of units) {
    byName.set(normalise(u.name), u);
    byName.set(normalise(u.shortName), u);
  }
  const add = (u: Unit, role: AssignmentRole) => {
    if (seen.has(u.id)) return;
    seen.add(u.id);
    out.push({ unitId: u.id, role: out.length === 0 && role !== 'expanded' ? 'lead' : role });
  };
  const expand = (kind: UnitKind) => {
    for (const u of units) if (u.kind === kind) add(u, 'expanded');
  };
  const named = (token: string): boolean => {
    const u = byName.get(token);
    if (u) add(u, 'named');
    return Boolean(u);
  };

  for (const raw of normalise(phrase).split(/[、，,；;]+/)) {
    const token = raw.trim();
    if (!token) continue;
    if (named(token)) continue;
    const kind = collectiveKind(token);
    if (kind) {
      expand(kind);
      continue;
    }
    // 「区发改委等相关区直部门」: a named unit, then the collective it belongs to.
    const etc = /^(.+?)等(相关|有关)?(.+)$/.exec(token);
    if (etc) {
      const head = etc[1]!;
      const tailKind = collectiveKind(`各相关${etc[3]!}`) ?? collectiveKind(etc[3]!);
      const headOk = named(head);
      if (tailKind) expand(tailKind);
      if (headOk && tailKind) continue;
      if (!headOk) unresolved.push(head);
      if (!tailKind) unresolved.push(`等${etc[2] ?? ''}${etc[3]!}`);
      continue;
    }
    unresolved.push(token);
  }
  return { units: out, unresolved };
}
