import type { GongkaiMigration } from '../platform/db/migrate.js';
import { m0001 } from './0001_foundation.js';
import { m0002 } from './0002_publishing.js';
import { m0003 } from './0003_foi.js';
import { m0004 } from './0004_workplan.js';
import { m0005 } from './0005_search.js';
import { m0006 } from './0006_lists_enforcement.js';
import { m0007 } from './0007_participation.js';
import { m0008 } from './0008_patrol.js';
import { m0009 } from './0009_training.js';
import { m0010 } from './0010_search_storage.js';
import { m0011 } from './0011_search_index.js';
import { m0012 } from './0012_notifications_foi.js';
import { m0013 } from './0013_fee_collections.js';

/** In order. Append only; never edit one that has landed (see README.md). */
export const migrations: GongkaiMigration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010, m0011, m0012, m0013];
