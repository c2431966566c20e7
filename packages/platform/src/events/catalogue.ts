import type { FromSchema } from 'json-schema-to-ts';
import { defineEvent, field } from './schema-builder';
import type { Topic } from './topics';

/**
 * The event catalogue: every event type with its topic, key, producer and payload. This file is
 * the single source: TypeScript types, the Ajv validators, `schema/events/*.schema.json` and the
 * table in docs/events.md are all derived from it (`npm run events -- schemas` rewrites the files;
 * a test fails when they are stale).
 */

export { TOPICS, type Topic, deadLetterTopic } from './topics';

const ROLES = ['STUDENT', 'INSTRUCTOR', 'ADMIN'] as const;
const role = (description: string) => ({ type: 'string', enum: ROLES, description }) as const;

const userId = field.id('The user the event is about.');
const courseId = field.id('The course.');
const assessmentId = field.id('The assessment.');
const courseTitle = field.text(300, 'Title of the course at the time of the event.');
/** Never the token itself: AES-256-GCM under MAIL_TOKEN_KEY, bound to the event type and user (packages/platform/src/mail/sealed-token.ts). */
const sealedToken = field.text(1000, 'The single-use token, sealed for the notifications service; useless without the shared key.');
/** The human-readable certificate id of reference doc 000, `CERT-<year>-<sequence>`. */
const certificateId = field.id('The certificate, as CERT-<year>-<sequence> (its public verification id).');

const users = { producer: 'users', topic: 'user.events' } as const;
const courses = { producer: 'courses', topic: 'course.events' } as const;
const assessments = { producer: 'assessments', topic: 'assessment.events' } as const;

/** Media events share one payload; the status names the lifecycle state the asset entered. */
function mediaEvent<const T extends string, const S extends string>(type: T, status: S, description: string) {
  return defineEvent({
    type,
    version: 1,
    topic: 'media.events',
    key: 'asset_id',
    producer: 'media',
    description,
    properties: {
      asset_id: field.id('The media asset.'),
      owner_id: field.id('The user who owns the asset.'),
      status: { const: status, description: 'The lifecycle state the asset entered.' },
      reason: field.text(1000, 'Why the asset was rejected or failed; present on MEDIA_INFECTED and MEDIA_FAILED.'),
      mime_type: field.text(255, 'Declared or detected media type, when known.'),
      size_bytes: field.count(0, 'Size of the original file in bytes, when known.'),
    },
    required: ['asset_id', 'owner_id', 'status'],
  });
}

export const eventCatalogue = {
  USER_REGISTERED: defineEvent({
    ...users,
    type: 'USER_REGISTERED',
    version: 1,
    key: 'user_id',
    description: 'A person created an account.',
    properties: {
      user_id: userId,
      email: field.email('The address the account signs in with.'),
      name: field.text(200, 'Display name.'),
      provider: field.text(64, 'How the account authenticates: "password" or an identity provider such as "google".'),
    },
    required: ['user_id', 'email', 'name', 'provider'],
  }),
  USER_UPDATED: defineEvent({
    ...users,
    type: 'USER_UPDATED',
    version: 1,
    key: 'user_id',
    description: 'A user changed their profile; only changed fields carry values.',
    properties: {
      user_id: userId,
      changed_fields: field.changedFields('Names of the fields that changed, e.g. ["name"].'),
      email: field.email('New address, when it changed.'),
      name: field.text(200, 'New display name, when it changed.'),
    },
    required: ['user_id', 'changed_fields'],
  }),
  USER_ROLE_CHANGED: defineEvent({
    ...users,
    type: 'USER_ROLE_CHANGED',
    version: 1,
    key: 'user_id',
    description: "An administrator changed a user's role.",
    properties: {
      user_id: userId,
      previous_role: role('Role before the change.'),
      new_role: role('Role after the change.'),
      changed_by: field.id('The administrator who made the change.'),
    },
    required: ['user_id', 'previous_role', 'new_role', 'changed_by'],
  }),
  PASSWORD_RESET_REQUESTED: defineEvent({
    ...users,
    type: 'PASSWORD_RESET_REQUESTED',
    version: 1,
    key: 'user_id',
    description: 'Someone asked for a password reset link for an existing account.',
    properties: {
      user_id: userId,
      email: field.email('Where the link goes.'),
      name: field.text(200, 'Display name, for the greeting.'),
      sealed_token: sealedToken,
      expires_at: field.time('When the link stops working.'),
    },
    required: ['user_id', 'email', 'name', 'sealed_token', 'expires_at'],
  }),
  EMAIL_VERIFICATION_REQUESTED: defineEvent({
    ...users,
    type: 'EMAIL_VERIFICATION_REQUESTED',
    version: 1,
    key: 'user_id',
    description: 'A user asked to prove they own their email address.',
    properties: {
      user_id: userId,
      email: field.email('The address to verify; the link goes there.'),
      name: field.text(200, 'Display name, for the greeting.'),
      sealed_token: sealedToken,
      expires_at: field.time('When the link stops working.'),
    },
    required: ['user_id', 'email', 'name', 'sealed_token', 'expires_at'],
  }),
  EMAIL_VERIFIED: defineEvent({
    ...users,
    type: 'EMAIL_VERIFIED',
    version: 1,
    key: 'user_id',
    description: 'A user proved they own their email address.',
    properties: { user_id: userId, email: field.email('The verified address.'), verified_at: field.time('When it was verified.') },
    required: ['user_id', 'email', 'verified_at'],
  }),
  PASSWORD_CHANGED: defineEvent({
    ...users,
    type: 'PASSWORD_CHANGED',
    version: 1,
    key: 'user_id',
    description: "A user's password changed; every session of the account was ended.",
    properties: {
      user_id: userId,
      email: field.email('The account address, told about the change.'),
      name: field.text(200, 'Display name, for the greeting.'),
      method: { type: 'string', enum: ['reset'], description: 'How it changed: "reset" (with an emailed link).' },
      changed_at: field.time('When it changed.'),
    },
    required: ['user_id', 'email', 'name', 'method', 'changed_at'],
  }),
  COURSE_CREATED: defineEvent({
    ...courses,
    type: 'COURSE_CREATED',
    version: 1,
    key: 'course_id',
    description: 'An instructor created a course (as a draft).',
    properties: { course_id: courseId, instructor_id: field.id('The instructor who owns the course.'), title: courseTitle },
    required: ['course_id', 'instructor_id', 'title'],
  }),
  COURSE_UPDATED: defineEvent({
    ...courses,
    type: 'COURSE_UPDATED',
    version: 1,
    key: 'course_id',
    description: "A course's details changed.",
    properties: {
      course_id: courseId,
      changed_fields: field.changedFields('Names of the fields that changed, e.g. ["title", "description"].'),
      title: courseTitle,
    },
    required: ['course_id', 'changed_fields', 'title'],
  }),
  COURSE_PUBLISHED: defineEvent({
    ...courses,
    type: 'COURSE_PUBLISHED',
    version: 1,
    key: 'course_id',
    description: 'A course became visible to students.',
    properties: {
      course_id: courseId,
      instructor_id: field.id('The instructor who owns the course.'),
      title: courseTitle,
      published_at: field.time('When it was published.'),
    },
    required: ['course_id', 'instructor_id', 'title', 'published_at'],
  }),
  LESSON_ADDED: defineEvent({
    ...courses,
    type: 'LESSON_ADDED',
    version: 1,
    key: 'course_id',
    description: 'A lesson was added to a course.',
    properties: {
      course_id: courseId,
      lesson_id: field.id('The new lesson.'),
      title: field.text(300, 'Title of the lesson.'),
      position: field.count(0, 'Zero-based position of the lesson in the course.'),
    },
    required: ['course_id', 'lesson_id', 'title', 'position'],
  }),
  COURSE_UNPUBLISHED: defineEvent({
    ...courses,
    type: 'COURSE_UNPUBLISHED',
    version: 1,
    key: 'course_id',
    description: 'A published course was taken out of the catalogue; enrolled students keep their enrollments.',
    properties: { course_id: courseId, title: courseTitle },
    required: ['course_id', 'title'],
  }),
  COURSE_ARCHIVED: defineEvent({
    ...courses,
    type: 'COURSE_ARCHIVED',
    version: 1,
    key: 'course_id',
    description: 'A course was archived: out of the catalogue for good, closed to new enrollments.',
    properties: { course_id: courseId, title: courseTitle },
    required: ['course_id', 'title'],
  }),
  LESSON_UPDATED: defineEvent({
    ...courses,
    type: 'LESSON_UPDATED',
    version: 1,
    key: 'course_id',
    description: "A lesson's details changed.",
    properties: {
      course_id: courseId,
      lesson_id: field.id('The lesson.'),
      changed_fields: field.changedFields('Names of the fields that changed, e.g. ["title"].'),
      title: field.text(300, 'Title of the lesson after the change.'),
    },
    required: ['course_id', 'lesson_id', 'changed_fields', 'title'],
  }),
  LESSON_REMOVED: defineEvent({
    ...courses,
    type: 'LESSON_REMOVED',
    version: 1,
    key: 'course_id',
    description: 'A lesson was removed from a course; the lessons after it moved up.',
    properties: { course_id: courseId, lesson_id: field.id('The removed lesson.') },
    required: ['course_id', 'lesson_id'],
  }),
  LESSONS_REORDERED: defineEvent({
    ...courses,
    type: 'LESSONS_REORDERED',
    version: 1,
    key: 'course_id',
    description: "A course's lessons were put in a new order.",
    properties: {
      course_id: courseId,
      lesson_ids: { type: 'array', minItems: 1, items: field.id('A lesson.'), description: 'Every lesson of the course, in the new order.' },
    },
    required: ['course_id', 'lesson_ids'],
  }),
  COURSE_ENROLLED: defineEvent({
    ...courses,
    type: 'COURSE_ENROLLED',
    version: 1,
    key: 'course_id',
    description: 'A student enrolled in a course.',
    properties: { user_id: userId, course_id: courseId, course_title: courseTitle },
    required: ['user_id', 'course_id', 'course_title'],
  }),
  COURSE_UNENROLLED: defineEvent({
    ...courses,
    type: 'COURSE_UNENROLLED',
    version: 1,
    key: 'course_id',
    description: 'A student left a course; the enrollment and its progress are kept (status CANCELLED).',
    properties: { user_id: userId, course_id: courseId, course_title: courseTitle },
    required: ['user_id', 'course_id', 'course_title'],
  }),
  LESSON_COMPLETED: defineEvent({
    ...courses,
    type: 'LESSON_COMPLETED',
    version: 1,
    key: 'course_id',
    description: 'A student completed a lesson (once per student and lesson).',
    properties: {
      user_id: userId,
      course_id: courseId,
      lesson_id: field.id('The lesson.'),
      enrollment_id: field.id('The enrollment the progress belongs to.'),
      completed_at: field.time('When the lesson was completed.'),
    },
    required: ['user_id', 'course_id', 'lesson_id', 'enrollment_id', 'completed_at'],
  }),
  COURSE_COMPLETED: defineEvent({
    ...courses,
    type: 'COURSE_COMPLETED',
    version: 1,
    key: 'course_id',
    description: 'A student completed every lesson of a course and passed every assessment it requires.',
    properties: { user_id: userId, course_id: courseId, course_title: courseTitle, completed_at: field.time('When the course was completed.') },
    required: ['user_id', 'course_id', 'course_title', 'completed_at'],
  }),
  ASSESSMENT_CREATED: defineEvent({
    ...assessments,
    type: 'ASSESSMENT_CREATED',
    version: 1,
    key: 'assessment_id',
    description: 'An instructor created an assessment for a course.',
    properties: {
      assessment_id: assessmentId,
      course_id: courseId,
      title: field.text(300, 'Title of the assessment.'),
      max_score: field.score('Highest possible score.'),
      passing_percentage: field.percentage('Percentage needed to pass.'),
      required: { type: 'boolean', description: 'Whether completing the course needs this assessment passed (absent: false).' },
      final: { type: 'boolean', description: "Whether passing it earns the course's certificate (absent: false)." },
    },
    required: ['assessment_id', 'course_id', 'title', 'max_score', 'passing_percentage'],
  }),
  ASSESSMENT_UPDATED: defineEvent({
    ...assessments,
    type: 'ASSESSMENT_UPDATED',
    version: 1,
    key: 'assessment_id',
    description: 'An assessment was edited; a change to its questions or passing mark makes a new version.',
    properties: {
      assessment_id: assessmentId,
      course_id: courseId,
      assessment_version: field.count(1, 'The version current after the edit.'),
      changed_fields: field.changedFields('Names of the fields that changed, e.g. ["questions"].'),
      title: field.text(300, 'Title of the assessment.'),
      max_score: field.score('Highest possible score.'),
      passing_percentage: field.percentage('Percentage needed to pass.'),
      required: { type: 'boolean', description: 'Whether completing the course needs this assessment passed.' },
      final: { type: 'boolean', description: "Whether passing it earns the course's certificate." },
    },
    required: ['assessment_id', 'course_id', 'assessment_version', 'changed_fields', 'title', 'max_score', 'passing_percentage', 'required', 'final'],
  }),
  ASSESSMENT_ARCHIVED: defineEvent({
    ...assessments,
    type: 'ASSESSMENT_ARCHIVED',
    version: 1,
    key: 'assessment_id',
    description: 'An assessment was retired: no new attempts; its attempts and certificates stay.',
    properties: { assessment_id: assessmentId, course_id: courseId },
    required: ['assessment_id', 'course_id'],
  }),
  ASSESSMENT_DELETED: defineEvent({
    ...assessments,
    type: 'ASSESSMENT_DELETED',
    version: 1,
    key: 'assessment_id',
    description: 'An assessment nobody had attempted was deleted.',
    properties: { assessment_id: assessmentId, course_id: courseId },
    required: ['assessment_id', 'course_id'],
  }),
  ASSESSMENT_SUBMITTED: defineEvent({
    ...assessments,
    type: 'ASSESSMENT_SUBMITTED',
    version: 1,
    key: 'assessment_id',
    description: 'A student submitted answers; grading follows.',
    properties: {
      user_id: userId,
      assessment_id: assessmentId,
      course_id: courseId,
      submission_id: field.id('The submission.'),
      attempt: field.count(1, 'Which attempt of this student this is, from 1.'),
    },
    required: ['user_id', 'assessment_id', 'course_id', 'submission_id', 'attempt'],
  }),
  ASSESSMENT_COMPLETED: defineEvent({
    ...assessments,
    type: 'ASSESSMENT_COMPLETED',
    version: 1,
    key: 'assessment_id',
    description: 'A submission was graded.',
    properties: {
      user_id: userId,
      assessment_id: assessmentId,
      course_id: courseId,
      score: field.score('Points scored.'),
      percentage: field.percentage('Score as a percentage of the maximum.'),
      passed: { type: 'boolean', description: 'Whether the percentage reached the passing percentage.' },
    },
    required: ['user_id', 'assessment_id', 'course_id', 'score', 'percentage', 'passed'],
  }),
  CERTIFICATION_ISSUED: defineEvent({
    producer: 'assessments',
    topic: 'certification.events',
    type: 'CERTIFICATION_ISSUED',
    version: 1,
    key: 'certificate_id',
    description: 'A certificate was issued after a passed assessment.',
    properties: {
      user_id: userId,
      course_id: courseId,
      assessment_id: assessmentId,
      certificate_id: certificateId,
      score: field.score('Points scored in the qualifying assessment.'),
      percentage: field.percentage('Score as a percentage of the maximum.'),
    },
    required: ['user_id', 'course_id', 'assessment_id', 'certificate_id', 'score', 'percentage'],
  }),
  CERTIFICATE_POLICY_CHANGED: defineEvent({
    producer: 'assessments',
    topic: 'certification.events',
    type: 'CERTIFICATE_POLICY_CHANGED',
    version: 1,
    key: 'course_id',
    description: "What earns a course's certificate changed: passing a final assessment, or completing the course.",
    properties: {
      course_id: courseId,
      policy: { type: 'string', enum: ['FINAL_ASSESSMENT', 'COURSE_COMPLETION'], description: 'The policy from now on.' },
      changed_by: field.id('The instructor or administrator who changed it.'),
    },
    required: ['course_id', 'policy', 'changed_by'],
  }),
  CERTIFICATE_REVOKED: defineEvent({
    producer: 'assessments',
    topic: 'certification.events',
    type: 'CERTIFICATE_REVOKED',
    version: 1,
    key: 'certificate_id',
    description: 'An administrator revoked a certificate; verification reports it as revoked from now on.',
    properties: {
      certificate_id: certificateId,
      user_id: userId,
      course_id: courseId,
      revoked_by: field.id('The administrator who revoked it.'),
      reason: field.text(500, 'Why it was revoked, when given.'),
    },
    required: ['certificate_id', 'user_id', 'course_id', 'revoked_by'],
  }),
  MEDIA_UPLOAD_REQUESTED: mediaEvent('MEDIA_UPLOAD_REQUESTED', 'PENDING_UPLOAD', 'An upload was announced; the asset waits for its bytes.'),
  MEDIA_UPLOADED: mediaEvent('MEDIA_UPLOADED', 'UPLOADED', "The asset's bytes are stored."),
  MEDIA_SCAN_STARTED: mediaEvent('MEDIA_SCAN_STARTED', 'SCANNING', 'A virus scan started.'),
  MEDIA_CLEAN: mediaEvent('MEDIA_CLEAN', 'CLEAN', 'The scan found nothing (or scanning is not configured: see reason).'),
  MEDIA_INFECTED: mediaEvent('MEDIA_INFECTED', 'INFECTED', 'The scan found malware; the asset is never served.'),
  MEDIA_PROCESSING_STARTED: mediaEvent('MEDIA_PROCESSING_STARTED', 'PROCESSING', 'Thumbnails, renditions or text extraction started.'),
  MEDIA_READY: mediaEvent('MEDIA_READY', 'READY', 'The asset and its renditions can be served.'),
  MEDIA_FAILED: mediaEvent('MEDIA_FAILED', 'FAILED', 'Processing failed for good.'),
  MEDIA_DELETED: mediaEvent('MEDIA_DELETED', 'DELETED', 'The owner or an admin deleted the asset; its bytes go once no other asset shares them.'),
} as const;

type Catalogue = typeof eventCatalogue;
export type EventType = keyof Catalogue;
export const EVENT_TYPES = Object.keys(eventCatalogue) as EventType[];

type EnvelopeField = 'event_id' | 'event_type' | 'timestamp' | 'version' | 'producer';
type EventMap = { [T in EventType]: FromSchema<Catalogue[T]['schema']> };
type PayloadMap = { [T in EventType]: Omit<EventMap[T], EnvelopeField> };
// Interfaces, not the mapped types themselves: indexing an interface with a generic key stays an
// opaque lookup, so generic callers (createEvent<T>) never make the compiler re-derive a schema.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- see above: the interface is the point
interface Events extends EventMap {}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- see above: the interface is the point
interface Payloads extends PayloadMap {}

/** A whole event (envelope and payload) of one type, derived from its JSON Schema. */
export type EventOf<T extends EventType> = Events[T];
/** Any event of the catalogue; narrow it on `event_type`. */
export type AnyEvent = Events[EventType];
/** The fields a producer supplies; the envelope is added by `createEvent`. */
export type PayloadOf<T extends EventType> = Payloads[T];

export const isEventType = (value: unknown): value is EventType =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(eventCatalogue, value);

/** What the catalogue says about a type, without its schema's literal type (cheap to compute with). */
export interface CatalogueEntry {
  type: EventType;
  version: number;
  topic: Topic;
  key: string;
  producer: string;
  description: string;
  schema: Record<string, unknown>;
}

export const catalogueEntry = (type: EventType): CatalogueEntry => eventCatalogue[type] as CatalogueEntry;

export const topicOf = (type: EventType): Topic => catalogueEntry(type).topic;

/** The Kafka key of an event: its aggregate id. */
export function keyOf(event: AnyEvent): string {
  const keyField = catalogueEntry(event.event_type).key;
  return String((event as Record<string, unknown>)[keyField]);
}
