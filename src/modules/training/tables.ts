import type { Generated, Kysely, Transaction } from 'kysely';
import type { PlatformTables } from '../../platform/db/tables.js';
import type { Db } from '../../platform/db/index.js';

export type TrainingTables = {
  training_sessions: {
    id: Generated<number>;
    title: string;
    held_on: string;
    mode: string;
    place: string;
    organiser_unit_id: number;
    topic: string;
    description: string;
    created_by: number | null;
    created_at: string;
    updated_at: string;
  };
  training_materials: {
    id: Generated<number>;
    session_id: number;
    filename: string;
    mime: string;
    size: number;
    sha256: string;
    storage_path: string;
    created_at: string;
  };
  training_attendance: {
    id: Generated<number>;
    session_id: number;
    user_id: number;
    unit_id: number;
    registered_at: string;
    signed_in_at: string | null;
  };
  training_cases: {
    item_id: number;
    category: string;
  };
};
export type TrainingDb = Kysely<PlatformTables & TrainingTables>;
export type TrainingTrx = Transaction<PlatformTables & TrainingTables>;
export const tdb = (db: Db): TrainingDb => db.kysely.withTables<TrainingTables>();
