import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { GongkaiMigration } from '../platform/db/migrate.js';
import { withId } from './helpers.js';

/**
 * Lists with versions (清单), enforcement decisions (行政执法公示·事后), service catalog and guides
 * (政务服务事项、办事指南、一件事) and case progress (办理进展). Each published thing is a content
 * item of the publishing pipeline; these tables hold the module's own fields keyed by item id.
 */
export const m0006: GongkaiMigration = {
  name: '0006_lists_enforcement',
  async up(db: Kysely<unknown>, dialect) {
    const itemPk = (c: ColumnDefinitionBuilder) => c.primaryKey().references('content_items.id').onDelete('cascade');

    await db.schema.createTable('list_versions')
      .addColumn('item_id', 'integer', itemPk)
      .addColumn('list_kind', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      /** 1, 2, 3 … given when the version is published */
      .addColumn('version_no', 'integer')
      .addColumn('based_on_item_id', 'integer')
      .addColumn('row_count', 'integer', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('source_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('change_note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('published_on', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('list_versions_kind_unit').on('list_versions').columns(['list_kind', 'unit_id']).execute();
    await db.schema.createIndex('list_versions_number').on('list_versions').columns(['list_kind', 'unit_id', 'version_no']).unique().execute();

    await withId(db.schema.createTable('list_rows'), dialect)
      .addColumn('item_id', 'integer', (c) => c.notNull().references('list_versions.item_id').onDelete('cascade'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('row_key', 'text', (c) => c.notNull())
      .addColumn('data_json', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('list_rows_item').on('list_rows').columns(['item_id', 'seq']).execute();

    await db.schema.createTable('enforcement_decisions')
      .addColumn('item_id', 'integer', itemPk)
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      /** licensing | penalty | coercion */
      .addColumn('decision_kind', 'text', (c) => c.notNull())
      /** legal (法人及非法人组织) | individual (个体工商户) | natural (自然人) */
      .addColumn('party_kind', 'text', (c) => c.notNull())
      .addColumn('party_name', 'text', (c) => c.notNull())
      .addColumn('party_credit_code', 'text', (c) => c.notNull().defaultTo(''))
      /** kept for the credit platform; never selected by any public query */
      .addColumn('party_id_number', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('legal_rep', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('doc_number', 'text', (c) => c.notNull())
      .addColumn('decision_date', 'text', (c) => c.notNull())
      /** penalties: minor | ordinary | serious (轻微 / 一般 / 严重失信) */
      .addColumn('severity', 'text')
      .addColumn('fine_wan', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('confiscated_wan', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('authority', 'text', (c) => c.notNull())
      .addColumn('authority_credit_code', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('details_json', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('publish_due', 'text', (c) => c.notNull())
      .addColumn('published_on', 'text')
      .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('credit_repaired_on', 'text')
      .addColumn('credit_repair_note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('publicity_ended_on', 'text')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('enforcement_decisions_unit').on('enforcement_decisions').columns(['unit_id', 'decision_kind', 'decision_date']).execute();
    await db.schema.createIndex('enforcement_decisions_doc').on('enforcement_decisions').columns(['unit_id', 'decision_kind', 'doc_number']).unique().execute();

    await db.schema.createTable('service_items')
      .addColumn('item_id', 'integer', itemPk)
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('item_type', 'text', (c) => c.notNull())
      .addColumn('basis', 'text', (c) => c.notNull())
      .addColumn('conditions', 'text', (c) => c.notNull())
      .addColumn('materials_json', 'text', (c) => c.notNull())
      .addColumn('steps_json', 'text', (c) => c.notNull())
      .addColumn('time_limit', 'text', (c) => c.notNull())
      .addColumn('fees', 'text', (c) => c.notNull())
      .addColumn('place', 'text', (c) => c.notNull())
      .addColumn('hours', 'text', (c) => c.notNull())
      .addColumn('phone', 'text', (c) => c.notNull())
      .addColumn('online_url', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('service_items_code').on('service_items').column('code').execute();

    await db.schema.createTable('service_bundles')
      .addColumn('item_id', 'integer', itemPk)
      .addColumn('life_event', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createTable('service_bundle_items')
      .addColumn('bundle_id', 'integer', (c) => c.notNull().references('service_bundles.item_id').onDelete('cascade'))
      .addColumn('service_item_id', 'integer', (c) => c.notNull().references('service_items.item_id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('service_bundle_items_pk', ['bundle_id', 'service_item_id'])
      .execute();

    await withId(db.schema.createTable('service_cases'), dialect)
      .addColumn('case_no', 'text', (c) => c.notNull().unique())
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('service_name', 'text', (c) => c.notNull())
      .addColumn('received_on', 'text', (c) => c.notNull())
      .addColumn('current_step', 'text', (c) => c.notNull())
      /** in_progress | done | returned */
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await withId(db.schema.createTable('service_case_events'), dialect)
      .addColumn('case_id', 'integer', (c) => c.notNull().references('service_cases.id').onDelete('cascade'))
      .addColumn('step', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      /** staff | import */
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('service_case_events_case').on('service_case_events').column('case_id').execute();
  },
};
