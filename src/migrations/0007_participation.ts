import type { Kysely } from 'kysely';
import type { GongkaiMigration } from '../platform/db/migrate.js';
import { withId } from './helpers.js';

/**
 * 政策咨询 (consult: questions, replies, events, Q&A knowledge base) and public participation
 * (participation: 重大行政决策事项目录, 意见征集 with comments and feedback, meetings open to
 * attendance, 政府开放日). Unit ids are plain integers (no foreign key), so that removing the demo
 * district never trips over citizens' questions.
 */
export const m0007: GongkaiMigration = {
  name: '0007_participation',
  async up(db: Kysely<unknown>, dialect) {
    const blob = dialect === 'postgresql' ? 'bytea' : 'blob';

    // ---------------------------------------------------------------- consult
    // unit_id 0 = the district-wide default
    await db.schema.createTable('consult_settings')
      .addColumn('unit_id', 'integer', (c) => c.primaryKey())
      .addColumn('reply_days', 'integer', (c) => c.notNull())
      .addColumn('review_required', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await withId(db.schema.createTable('consult_questions'), dialect)
      .addColumn('number', 'text', (c) => c.notNull().unique())
      .addColumn('tracking_hash', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'integer')
      .addColumn('handler_id', 'integer')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('policy_item_id', 'integer')
      .addColumn('policy_title', 'text', (c) => c.notNull())
      .addColumn('question', 'text', (c) => c.notNull())
      .addColumn('asker_name', 'text', (c) => c.notNull())
      .addColumn('contact_phone', 'text', (c) => c.notNull())
      .addColumn('contact_email', 'text', (c) => c.notNull())
      .addColumn('consent_publish', 'integer', (c) => c.notNull())
      .addColumn('submitted_at', 'text', (c) => c.notNull())
      .addColumn('received_on', 'text', (c) => c.notNull())
      .addColumn('due_on', 'text', (c) => c.notNull())
      .addColumn('round', 'integer', (c) => c.notNull())
      .addColumn('replied_on', 'text')
      .addColumn('first_replied_on', 'text')
      .addColumn('rating', 'text')
      .addColumn('rating_comment', 'text')
      .addColumn('rated_at', 'text')
      .addColumn('reopened', 'integer', (c) => c.notNull())
      .addColumn('closed_at', 'text')
      .addColumn('kb_item_id', 'integer')
      .addColumn('created_by', 'integer')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('consult_questions_unit_status').on('consult_questions').columns(['unit_id', 'status']).execute();
    await db.schema.createIndex('consult_questions_due').on('consult_questions').column('due_on').execute();
    await db.schema.createIndex('consult_questions_received').on('consult_questions').column('received_on').execute();

    // Each reply written (a second one after 不满意), with its review.
    await withId(db.schema.createTable('consult_replies'), dialect)
      .addColumn('question_id', 'integer', (c) => c.notNull().references('consult_questions.id'))
      .addColumn('round', 'integer', (c) => c.notNull())
      .addColumn('unit_id', 'integer', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      // pending_review | returned | released
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('written_by', 'integer')
      .addColumn('written_by_name', 'text', (c) => c.notNull())
      .addColumn('written_at', 'text', (c) => c.notNull())
      .addColumn('reviewed_by', 'integer')
      .addColumn('reviewed_by_name', 'text')
      .addColumn('reviewed_at', 'text')
      .addColumn('review_comment', 'text')
      .addColumn('released_on', 'text')
      // the round's deadline, kept for "answered in time"
      .addColumn('due_on', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('consult_replies_q').on('consult_replies').column('question_id').execute();

    await withId(db.schema.createTable('consult_events'), dialect)
      .addColumn('question_id', 'integer', (c) => c.notNull().references('consult_questions.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'integer')
      // internal (notes, transfers) are never shown to the citizen
      .addColumn('internal', 'integer', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('data_json', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('consult_events_q').on('consult_events').column('question_id').execute();

    await db.schema.createTable('consult_reminders')
      .addColumn('question_id', 'integer', (c) => c.notNull().references('consult_questions.id'))
      // due_soon | overdue, per round
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('round', 'integer', (c) => c.notNull())
      .addColumn('unit_id', 'integer')
      .addColumn('handler_id', 'integer')
      .addColumn('due_on', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('consult_reminders_pk', ['question_id', 'kind', 'round'])
      .execute();

    // Double-submission guard for every public form of both modules: first answer per key, kept a day.
    await db.schema.createTable('public_form_receipts')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('form', 'text', (c) => c.notNull())
      .addColumn('ref_id', 'integer', (c) => c.notNull())
      .addColumn('result_json', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    // The public Q&A knowledge base: imported official replies and published consultation answers.
    await withId(db.schema.createTable('consult_kb'), dialect)
      // import | case
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('external_id', 'text', (c) => c.notNull())
      .addColumn('question_id', 'integer')
      .addColumn('item_id', 'integer')
      .addColumn('unit_id', 'integer')
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('question', 'text', (c) => c.notNull())
      .addColumn('answer', 'text', (c) => c.notNull())
      .addColumn('asked_on', 'text', (c) => c.notNull())
      .addColumn('answered_on', 'text', (c) => c.notNull())
      // published | withdrawn
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('term_count', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('consult_kb_source_ext').on('consult_kb').columns(['source', 'external_id']).unique().execute();
    await db.schema.createIndex('consult_kb_item').on('consult_kb').column('item_id').execute();

    // Term weights of each knowledge-base entry, for similar-question ranking.
    await db.schema.createTable('consult_kb_terms')
      .addColumn('kb_id', 'integer', (c) => c.notNull().references('consult_kb.id'))
      .addColumn('term', 'text', (c) => c.notNull())
      // occurrences in subject (counted twice) and question
      .addColumn('tf', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('consult_kb_terms_pk', ['term', 'kb_id'])
      .execute();
    await db.schema.createIndex('consult_kb_terms_kb').on('consult_kb_terms').column('kb_id').execute();

    // ---------------------------------------------------------------- participation
    await withId(db.schema.createTable('decision_catalogs'), dialect)
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('unit_id', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('published_at', 'text')
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('decision_catalogs_year_unit').on('decision_catalogs').columns(['year', 'unit_id']).unique().execute();

    await withId(db.schema.createTable('decision_entries'), dialect)
      .addColumn('catalog_id', 'integer', (c) => c.notNull().references('decision_catalogs.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('lead_unit_id', 'integer', (c) => c.notNull())
      .addColumn('basis', 'text', (c) => c.notNull())
      .addColumn('planned_time', 'text', (c) => c.notNull())
      .addColumn('stage', 'text', (c) => c.notNull())
      .addColumn('result', 'text', (c) => c.notNull())
      .addColumn('draft_id', 'integer')
      // active | removed
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('decision_entries_catalog').on('decision_entries').column('catalog_id').execute();

    await withId(db.schema.createTable('decision_changes'), dialect)
      .addColumn('catalog_id', 'integer', (c) => c.notNull().references('decision_catalogs.id'))
      .addColumn('entry_id', 'integer')
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('before_json', 'text', (c) => c.notNull())
      .addColumn('after_json', 'text', (c) => c.notNull())
      .addColumn('actor_name', 'text', (c) => c.notNull())
      // 1 once the change is part of a published version of the catalog
      .addColumn('published', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('decision_changes_catalog').on('decision_changes').column('catalog_id').execute();

    await withId(db.schema.createTable('comment_drafts'), dialect)
      .addColumn('unit_id', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('explanation', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('major', 'integer', (c) => c.notNull())
      .addColumn('start_on', 'text', (c) => c.notNull())
      .addColumn('end_on', 'text', (c) => c.notNull())
      .addColumn('short_reason', 'text', (c) => c.notNull())
      .addColumn('how_to_comment', 'text', (c) => c.notNull())
      // draft | open | closed (then the feedback report goes through the pipeline)
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('opened_at', 'text')
      .addColumn('policy_item_id', 'integer')
      .addColumn('feedback_item_id', 'integer')
      .addColumn('created_by', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await withId(db.schema.createTable('draft_comments'), dialect)
      .addColumn('draft_id', 'integer', (c) => c.notNull().references('comment_drafts.id'))
      // null = the whole draft; otherwise the 1-based paragraph
      .addColumn('paragraph', 'integer')
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('author_name', 'text', (c) => c.notNull())
      .addColumn('contact', 'text', (c) => c.notNull())
      // online | village_board | community_station | paper_letter | symposium | other
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('source_note', 'text', (c) => c.notNull())
      .addColumn('entered_by', 'integer')
      // pending | approved | rejected
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('flags_json', 'text', (c) => c.notNull())
      .addColumn('moderation_reason', 'text')
      .addColumn('moderated_by_name', 'text')
      .addColumn('moderated_at', 'text')
      // adopted | partly | not_adopted
      .addColumn('adoption', 'text')
      .addColumn('adoption_reason', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('draft_comments_draft').on('draft_comments').columns(['draft_id', 'status']).execute();

    await withId(db.schema.createTable('open_meetings'), dialect)
      .addColumn('unit_id', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('meeting_at', 'text', (c) => c.notNull())
      .addColumn('location', 'text', (c) => c.notNull())
      .addColumn('topics', 'text', (c) => c.notNull())
      .addColumn('announcement', 'text', (c) => c.notNull())
      .addColumn('apply_end_on', 'text', (c) => c.notNull())
      .addColumn('seats', 'integer', (c) => c.notNull())
      // draft | announced | selected | held
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('record', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await withId(db.schema.createTable('meeting_applications'), dialect)
      .addColumn('meeting_id', 'integer', (c) => c.notNull().references('open_meetings.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('phone', 'text', (c) => c.notNull())
      .addColumn('identity', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      // applied | selected | not_selected
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attended', 'integer', (c) => c.notNull())
      .addColumn('opinion', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('meeting_applications_m').on('meeting_applications').column('meeting_id').execute();

    await withId(db.schema.createTable('open_days'), dialect)
      .addColumn('unit_id', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('theme', 'text', (c) => c.notNull())
      .addColumn('event_on', 'text', (c) => c.notNull())
      .addColumn('location', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('capacity', 'integer', (c) => c.notNull())
      .addColumn('register_end_on', 'text', (c) => c.notNull())
      // draft | open | held | summarized
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('summary_published_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await withId(db.schema.createTable('open_day_registrations'), dialect)
      .addColumn('open_day_id', 'integer', (c) => c.notNull().references('open_days.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('phone', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      // registered | waiting | cancelled
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('checked_in_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('open_day_registrations_d').on('open_day_registrations').columns(['open_day_id', 'status']).execute();

    await withId(db.schema.createTable('open_day_photos'), dialect)
      .addColumn('open_day_id', 'integer', (c) => c.notNull().references('open_days.id'))
      .addColumn('caption', 'text', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('content', blob, (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
};
