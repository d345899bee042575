import type { PubDb, PubTrx } from './tables.js';
import type { Stage } from './chain.js';

/** What the pipeline knows of an item when it asks its kind. */
export interface ItemRef {
  id: number;
  kind: string;
  unitId: number;
  title: string;
  bundleId: number | null;
}

/** Text and facets the search index gets for a published item. */
export interface IndexEntry {
  body: string;
  url: string;
  facets?: Record<string, string | string[]>;
}

/**
 * A module takes part in publishing by registering a content kind (DESIGN.md "One publishing
 * pipeline"): the pipeline owns states, review, numbering, scheduling, withdrawal, audit and
 * search; the kind owns its fields and rules.
 */
export interface ContentKind {
  name: string;
  label: string;
  defaultChain: Stage[];
  /** 保密审查 cannot be skipped for this kind */
  requiresConfidentiality: boolean;
  /** portal URL of a published item */
  url(item: ItemRef): string;
  /** refuse submission (throw AppError) when the item is not ready for review */
  validateForReview?(trx: PubTrx | PubDb, item: ItemRef): Promise<void>;
  /** refuse publication (throw AppError) */
  validateForPublish?(trx: PubTrx, item: ItemRef): Promise<void>;
  /** called inside the publishing transaction after the item became published */
  afterPublish?(trx: PubTrx, item: ItemRef, publishedOn: string): Promise<void>;
  /** extra facets for search */
  indexFacets?(trx: PubTrx, item: ItemRef): Promise<Record<string, string | string[]>>;
}

const kinds = new Map<string, ContentKind>();

export function registerContentKind(kind: ContentKind): void {
  kinds.set(kind.name, kind);
}

export function contentKind(name: string): ContentKind | undefined {
  return kinds.get(name);
}

export function allContentKinds(): ContentKind[] {
  return [...kinds.values()];
}

// The plain kind every unit has: 通知公告 and other dated notices.
registerContentKind({
  name: 'notice',
  label: '通知公告',
  defaultChain: ['first', 'second', 'final'],
  requiresConfidentiality: true,
  url: (item) => `/items/${item.id}`,
});
