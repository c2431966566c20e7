import { ANONYMOUS, newId, type Viewer } from '@skillgraph/platform';
import type { MediaAssetRecord, MediaAttachment, MediaStatus } from '../src/data/records';
import { onlyError, person, startMediaSubgraph, type MediaHarness } from './harness';

const ASSET_FIELDS = 'id kind filename contentType size status owner { id } createdAt';
const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on MediaAsset { ${ASSET_FIELDS} }
    ... on Course { id coverImage { id filename } }
    ... on Lesson { id media { id filename } }
  }
}`;

interface AssetView {
  id: string;
  filename: string;
}
type Entity = (Partial<AssetView> & { coverImage?: AssetView | null; media?: AssetView[] }) | null;

let h: MediaHarness;
beforeAll(async () => {
  h = await startMediaSubgraph();
});
afterAll(async () => h.stop());

const student = person('STUDENT');
const ownerId = newId();

function asset(filename: string, attachedTo?: MediaAttachment, status: MediaStatus = 'READY'): MediaAssetRecord {
  const record: MediaAssetRecord = {
    _id: newId(),
    kind: 'IMAGE',
    // Free public content: visible to anyone, so these tests are about reading, not access.
    purpose: 'PUBLIC',
    filename,
    contentType: 'image/png',
    size: 2048,
    status,
    ownerId,
    createdAt: new Date('2026-01-31T09:30:00.000Z'),
  };
  return attachedTo ? { ...record, attachedTo } : record;
}
const cover = (courseId: string, attachedAtMs: number): MediaAttachment => ({ kind: 'COURSE_COVER', courseId, attachedAt: new Date(attachedAtMs) });
const inLesson = (lessonId: string, attachedAtMs: number): MediaAttachment => ({ kind: 'LESSON', lessonId, attachedAt: new Date(attachedAtMs) });

async function entities(representations: Record<string, unknown>[], viewer: Viewer = ANONYMOUS): Promise<Entity[]> {
  const response = await h.gql<{ _entities: Entity[] }>(ENTITIES, { representations }, viewer);
  expect(response.errors).toBeUndefined();
  return response.data!._entities;
}

describe('mediaAsset(id)', () => {
  it('returns the asset with its owner as a reference', async () => {
    const [stored] = await h.assets.insertMany([asset('diagram.png')]);
    const response = await h.gql(`query ($id: ID!) { mediaAsset(id: $id) { ${ASSET_FIELDS} } }`, { id: stored!._id }, student);
    expect(response.data).toEqual({
      mediaAsset: {
        id: stored!._id,
        kind: 'IMAGE',
        filename: 'diagram.png',
        contentType: 'image/png',
        size: 2048,
        status: 'READY',
        owner: { id: ownerId },
        createdAt: '2026-01-31T09:30:00.000Z',
      },
    });
  });

  it('answers null for an unknown id and BAD_USER_INPUT for a malformed one', async () => {
    expect((await h.gql(`{ mediaAsset(id: "${newId()}") { id } }`)).data).toEqual({ mediaAsset: null });
    expect(onlyError(await h.gql(`{ mediaAsset(id: "1") { id } }`)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});

describe('_entities', () => {
  it('resolves asset references, null for unknown or malformed ids', async () => {
    const [stored] = await h.assets.insertMany([asset('notes.pdf')]);
    const resolved = await entities([stored!._id, newId(), 'x'].map((id) => ({ __typename: 'MediaAsset', id })));
    expect(resolved).toEqual([expect.objectContaining({ id: stored!._id, filename: 'notes.pdf', owner: { id: ownerId } }), null, null]);
  });

  it("gives a course its most recently attached usable cover, and null when it has none", async () => {
    const courseId = newId();
    // Created in this order, attached in another: attach time decides, not creation time.
    await h.assets.insertMany([
      asset('newest.png', cover(courseId, 3_000)),
      asset('oldest.png', cover(courseId, 1_000)),
      asset('infected.png', cover(courseId, 9_000), 'INFECTED'),
      asset('lesson.png', inLesson(courseId, 10_000)),
    ]);
    const resolved = await entities([courseId, newId()].map((id) => ({ __typename: 'Course', id })));
    expect(resolved[0]?.coverImage?.filename).toBe('newest.png');
    expect(resolved[1]?.coverImage).toBeNull();
  });

  it("lists a lesson's media in attach order", async () => {
    const lessonId = newId();
    await h.assets.insertMany([
      asset('second.mp4', inLesson(lessonId, 2_000)),
      asset('first.pdf', inLesson(lessonId, 1_000)),
      asset('cover.png', cover(lessonId, 500)),
      asset('third.mp3', inLesson(lessonId, 3_000)),
    ]);
    const [lesson, empty] = await entities([lessonId, newId()].map((id) => ({ __typename: 'Lesson', id })));
    expect(lesson?.media?.map((item) => item.filename)).toEqual(['first.pdf', 'second.mp4', 'third.mp3']);
    expect(empty?.media).toEqual([]);
  });
});

describe('batching', () => {
  async function countQueries(representations: Record<string, unknown>[]): Promise<{ resolved: Entity[]; queries: number }> {
    let resolved: Entity[] = [];
    const events = await h.queriesDuring(async () => {
      resolved = await entities(representations);
    });
    // Attached media also need their course's projection for the access rule: one batched query more at most.
    expect(events.every((event) => ['media_assets', 'courses_view'].includes(event.collection) && event.operation === 'find')).toBe(true);
    expect(events.filter((event) => event.collection === 'courses_view').length).toBeLessThanOrEqual(1);
    return { resolved, queries: events.filter((event) => event.collection === 'media_assets').length };
  }

  it("resolves 50 courses' covers in one query", async () => {
    const courseIds = Array.from({ length: 50 }, () => newId());
    await h.assets.insertMany(courseIds.map((courseId, index) => asset(`cover-${index}.png`, cover(courseId, index))));
    const { resolved, queries } = await countQueries(courseIds.map((id) => ({ __typename: 'Course', id })));
    expect(resolved.map((course) => course?.coverImage?.filename)).toEqual(courseIds.map((_, index) => `cover-${index}.png`));
    expect(queries).toBe(1);
  });

  it("resolves 50 lessons' media in one query", async () => {
    const lessonIds = Array.from({ length: 50 }, () => newId());
    await h.assets.insertMany(lessonIds.flatMap((lessonId) => [asset('a', inLesson(lessonId, 1)), asset('b', inLesson(lessonId, 2))]));
    const { resolved, queries } = await countQueries(lessonIds.map((id) => ({ __typename: 'Lesson', id })));
    expect(resolved.every((lesson) => lesson?.media?.map((item) => item.filename).join() === 'a,b')).toBe(true);
    expect(queries).toBe(1);
  });

  it('resolves 50 asset references with their owners in one query', async () => {
    const stored = await h.assets.insertMany(Array.from({ length: 50 }, (_, index) => asset(`file-${index}`)));
    const { resolved, queries } = await countQueries(stored.map((record) => ({ __typename: 'MediaAsset', id: record._id })));
    expect(resolved.map((item) => item?.id)).toEqual(stored.map((record) => record._id));
    expect(queries).toBe(1);
  });
});
