import type { Kysely } from 'kysely';
import type { GongkaiMigration } from '../platform/db/migrate.js';
import { withId } from './helpers.js';

/** 依申请公开 applications, their history, pauses, files, review/litigation cases; annual report texts. */
export const m0003: GongkaiMigration = {
  name: '0003_foi',
  async up(db: Kysely<unknown>, dialect) {
    const blob = dialect === 'postgresql' ? 'bytea' : 'blob';
    await withId(db.schema.createTable('foi_applications'), dialect)
      .addColumn('number', 'text', (c) => c.notNull().unique())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('serial', 'integer', (c) => c.notNull())
      .addColumn('tracking_hash', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('submitted_at', 'text', (c) => c.notNull())
      .addColumn('received_on', 'text')
      .addColumn('applicant_kind', 'text', (c) => c.notNull())
      .addColumn('legal_subtype', 'text')
      .addColumn('applicant_name', 'text', (c) => c.notNull())
      .addColumn('id_type', 'text', (c) => c.notNull())
      .addColumn('id_number', 'text', (c) => c.notNull())
      .addColumn('contact_phone', 'text', (c) => c.notNull())
      .addColumn('contact_email', 'text', (c) => c.notNull())
      .addColumn('contact_address', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('form', 'text', (c) => c.notNull())
      .addColumn('delivery', 'text', (c) => c.notNull())
      .addColumn('needs_help', 'text', (c) => c.notNull())
      .addColumn('supplement_notice_on', 'text')
      .addColumn('supplement_supply_by', 'text')
      .addColumn('supplement_items', 'text')
      .addColumn('supplied_on', 'text')
      .addColumn('extension_days', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('extension_approved_on', 'text')
      .addColumn('extension_approved_by', 'text')
      .addColumn('extension_reason', 'text')
      .addColumn('fee_scheme', 'text')
      .addColumn('fee_quantity', 'integer')
      .addColumn('fee_amount', 'integer')
      .addColumn('fee_notice_on', 'text')
      .addColumn('fee_pay_by', 'text')
      .addColumn('fee_paid_on', 'text')
      .addColumn('outcome', 'text')
      .addColumn('outcome_note', 'text')
      .addColumn('refer_to', 'text')
      .addColumn('decided_on', 'text')
      .addColumn('reply_text', 'text')
      .addColumn('replied_on', 'text')
      .addColumn('delivery_method', 'text')
      .addColumn('delivered_on', 'text')
      .addColumn('delivery_note', 'text')
      .addColumn('archived_at', 'text')
      .addColumn('created_by', 'integer')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('foi_applications_year_serial').on('foi_applications').columns(['year', 'serial']).unique().execute();
    await db.schema.createIndex('foi_applications_unit_status').on('foi_applications').columns(['unit_id', 'status']).execute();
    await db.schema.createIndex('foi_applications_received').on('foi_applications').column('received_on').execute();
    await db.schema.createIndex('foi_applications_replied').on('foi_applications').column('replied_on').execute();

    await withId(db.schema.createTable('foi_events'), dialect)
      .addColumn('application_id', 'integer', (c) => c.notNull().references('foi_applications.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('on_date', 'text')
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'integer', (c) => c.notNull())
      .addColumn('data_json', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('foi_events_app').on('foi_events').column('application_id').execute();

    await withId(db.schema.createTable('foi_pauses'), dialect)
      .addColumn('application_id', 'integer', (c) => c.notNull().references('foi_applications.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('party', 'text', (c) => c.notNull())
      .addColumn('sent_on', 'text', (c) => c.notNull())
      .addColumn('limit_on', 'text', (c) => c.notNull())
      .addColumn('answered_on', 'text')
      .addColumn('answer_note', 'text')
      .execute();
    await db.schema.createIndex('foi_pauses_app').on('foi_pauses').column('application_id').execute();

    await withId(db.schema.createTable('foi_files'), dialect)
      .addColumn('application_id', 'integer', (c) => c.notNull().references('foi_applications.id'))
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('content', blob, (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('foi_files_app').on('foi_files').column('application_id').execute();

    await db.schema
      .createTable('foi_receipts')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('application_id', 'integer', (c) => c.notNull().references('foi_applications.id'))
      .addColumn('tracking_code', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await withId(db.schema.createTable('foi_cases'), dialect)
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('application_id', 'integer', (c) => c.references('foi_applications.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('case_number', 'text', (c) => c.notNull())
      .addColumn('filed_on', 'text', (c) => c.notNull())
      .addColumn('result', 'text', (c) => c.notNull())
      .addColumn('closed_on', 'text')
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    // Staff-written sections 一、五、六 and the frozen published report (reports module).
    await withId(db.schema.createTable('foi_annual_reports'), dialect)
      .addColumn('year', 'integer', (c) => c.notNull())
      // 0 = the whole district
      .addColumn('unit_id', 'integer', (c) => c.notNull())
      .addColumn('overview', 'text', (c) => c.notNull())
      .addColumn('problems', 'text', (c) => c.notNull())
      .addColumn('other_matters', 'text', (c) => c.notNull())
      .addColumn('published_json', 'text')
      .addColumn('published_at', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('foi_annual_reports_uq').on('foi_annual_reports').columns(['year', 'unit_id']).unique().execute();
  },
};
