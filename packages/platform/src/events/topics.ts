/** The topics of the platform; each event type is published to exactly one (see catalogue.ts). */
export const TOPICS = ['user.events', 'course.events', 'assessment.events', 'certification.events', 'media.events'] as const;
export type Topic = (typeof TOPICS)[number];

/** Where a message that keeps failing ends up, with the reason in its headers. */
export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;
