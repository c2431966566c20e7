/** The topics of the platform; each event type is published to exactly one (see catalogue.ts). */
export const TOPICS = ['user.events', 'course.events', 'assessment.events', 'certification.events', 'media.events'] as const;
export type Topic = (typeof TOPICS)[number];

/** Where a message that keeps failing ends up, with the reason in its headers. */
export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;

/**
 * Topics that projections rebuild from by replaying them from the beginning (course views in
 * assessments and media, assessment results in courses, the recipient directory in notifications):
 * kept forever. Compaction would not do: one key (the aggregate id) carries many events that all
 * matter, e.g. every enrolment of a course.
 */
export const REPLAYED_TOPICS: ReadonlySet<string> = new Set(['user.events', 'course.events', 'assessment.events']);

export interface TopicSettings {
  replicationFactor: number;
  minInsyncReplicas: number;
  /** Retention of the topics nobody replays, in milliseconds. */
  retentionMs: number;
}

/**
 * The broker settings a topic is created with and checked against at start. Dead-letter topics are
 * kept forever too: they are the record of what failed, until an operator has dealt with it.
 */
export function topicConfig(topic: string, settings: TopicSettings): Record<string, string> {
  const keptForever = REPLAYED_TOPICS.has(topic) || topic.endsWith('.dlq');
  return {
    'cleanup.policy': 'delete',
    'retention.ms': keptForever ? '-1' : String(settings.retentionMs),
    'min.insync.replicas': String(settings.minInsyncReplicas),
  };
}
