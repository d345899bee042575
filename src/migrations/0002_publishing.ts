import type { Kysely } from 'kysely';
import type { GongkaiMigration } from '../platform/db/migrate.js';
import { withId } from './helpers.js';

/** The publishing pipeline (modules/publishing) and the policy library (modules/documents). */
export const m0002: GongkaiMigration = {
  name: '0002_publishing',
  async up(db: Kysely<unknown>, dialect) {
    // 栏目
    await withId(db.schema.createTable('columns'), dialect)
      .addColumn('parent_id', 'integer', (c) => c.references('columns.id'))
      .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('duty_kind', 'text', (c) => c.notNull().defaultTo('none'))
      .addColumn('duty_value', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await withId(db.schema.createTable('content_items'), dialect)
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('keywords', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('topic', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('body_html', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('chain_json', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('stage_index', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('review_round', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('needs_confidentiality', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('bundle_id', 'integer')
      .addColumn('index_no', 'text', (c) => c.unique())
      .addColumn('publish_at', 'text')
      .addColumn('published_at', 'text')
      .addColumn('withdrawn_at', 'text')
      .addColumn('withdraw_reason', 'text')
      .addColumn('created_by', 'integer', (c) => c.references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('content_items_status').on('content_items').columns(['status', 'published_at']).execute();
    await db.schema.createIndex('content_items_unit').on('content_items').columns(['unit_id', 'status']).execute();
    await db.schema.createIndex('content_items_bundle').on('content_items').column('bundle_id').execute();

    await db.schema
      .createTable('item_columns')
      .addColumn('item_id', 'integer', (c) => c.notNull().references('content_items.id').onDelete('cascade'))
      .addColumn('column_id', 'integer', (c) => c.notNull().references('columns.id'))
      .addPrimaryKeyConstraint('item_columns_pk', ['item_id', 'column_id'])
      .execute();
    await db.schema.createIndex('item_columns_column').on('item_columns').column('column_id').execute();

    await withId(db.schema.createTable('review_decisions'), dialect)
      .addColumn('item_id', 'integer', (c) => c.notNull().references('content_items.id').onDelete('cascade'))
      .addColumn('round', 'integer', (c) => c.notNull())
      .addColumn('stage', 'text', (c) => c.notNull())
      .addColumn('decision', 'text', (c) => c.notNull())
      .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('actor_id', 'integer')
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('review_decisions_item').on('review_decisions').column('item_id').execute();

    // Review chain per unit and content kind; null unit / kind = default.
    await withId(db.schema.createTable('review_chains'), dialect)
      .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
      .addColumn('kind', 'text')
      .addColumn('stages_json', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await withId(db.schema.createTable('attachments'), dialect)
      .addColumn('item_id', 'integer', (c) => c.notNull().references('content_items.id').onDelete('cascade'))
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('storage_path', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('role', 'text', (c) => c.notNull().defaultTo('attachment'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('attachments_item').on('attachments').column('item_id').execute();

    // Policy library (modules/documents): the fields a 政策文件 has beyond a published item.
    await db.schema
      .createTable('policy_documents')
      .addColumn('item_id', 'integer', (c) => c.primaryKey().references('content_items.id').onDelete('cascade'))
      .addColumn('doc_number', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('issuer_unit_ids', 'text', (c) => c.notNull())
      .addColumn('policy_kind', 'text', (c) => c.notNull())
      .addColumn('written_date', 'text')
      .addColumn('effective_date', 'text')
      .addColumn('valid_until', 'text')
      .addColumn('validity', 'text', (c) => c.notNull().defaultTo('有效'))
      .addColumn('requires_interpretation', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('interpretation_waiver', 'text')
      .addColumn('registration_no', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('comment_url', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('comment_start', 'text')
      .addColumn('comment_end', 'text')
      .addColumn('legality_reviewed_on', 'text')
      .addColumn('replaces_item_id', 'integer', (c) => c.references('content_items.id'))
      .execute();
    await db.schema.createIndex('policy_documents_validity').on('policy_documents').columns(['validity', 'valid_until']).execute();

    await db.schema
      .createTable('interpretations')
      .addColumn('item_id', 'integer', (c) => c.primaryKey().references('content_items.id').onDelete('cascade'))
      .addColumn('form', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('interpretation_policies')
      .addColumn('interpretation_id', 'integer', (c) => c.notNull().references('content_items.id').onDelete('cascade'))
      .addColumn('policy_id', 'integer', (c) => c.notNull().references('content_items.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('interpretation_policies_pk', ['interpretation_id', 'policy_id'])
      .execute();

    await withId(db.schema.createTable('policy_events'), dialect)
      .addColumn('policy_id', 'integer', (c) => c.notNull().references('content_items.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('on_date', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('related_item_id', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('policy_events_policy').on('policy_events').column('policy_id').execute();
  },
};
