import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { DeliveredMessage, Subscription } from '@skillgraph/platform';
import { startSystem, type TestSystem } from '../../../gateway/test/support/system';

let system: TestSystem;
let subscription: Subscription;
const received: DeliveredMessage[] = [];

beforeAll(async () => {
  system = await startSystem();
  subscription = await system.stack.bus.subscribe({
    groupId: 'users-events-test',
    topics: ['user.events'],
    fromBeginning: true,
    handler: async (message) => void received.push(message),
  });
});
afterAll(async () => {
  await subscription.stop();
  await system.stop();
});

type Body = Record<string, unknown> & { event_type: string; user_id: string };
const bodies = () => received.map((message) => message.value as Body);

async function eventually(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out; received ${JSON.stringify(bodies())}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('user.events', () => {
  it('announces registration, profile and role changes, keyed by user id, and nothing for no-op changes', async () => {
    const admin = await system.account('ADMIN');
    const session = await system.register({ name: 'Before' });
    const id = session.user.id;
    const UPDATE = 'mutation ($name: String) { updateProfile(input: { name: $name }) { name } }';
    await system.gql(UPDATE, { name: 'After' }, { token: session.accessToken });
    await system.gql(UPDATE, { name: 'After' }, { token: session.accessToken });
    const CHANGE = 'mutation ($id: ID!, $role: Role!) { changeUserRole(userId: $id, role: $role) { role } }';
    await system.gql(CHANGE, { id, role: 'INSTRUCTOR' }, { token: admin.accessToken });
    await system.gql(CHANGE, { id, role: 'INSTRUCTOR' }, { token: admin.accessToken });
    // A refused change announces nothing either.
    await system.gql(CHANGE, { id, role: 'ADMIN' }, { token: session.accessToken });

    await eventually(() => bodies().some((body) => body.user_id === id && body.event_type === 'USER_ROLE_CHANGED'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const mine = received.filter((message) => (message.value as Body).user_id === id);
    expect(mine.every((message) => message.key === id)).toBe(true);
    expect(mine.map((message) => message.value)).toEqual([
      expect.objectContaining({ event_type: 'USER_REGISTERED', producer: 'users', email: session.user.email, name: 'Before', provider: 'password' }),
      expect.objectContaining({ event_type: 'USER_UPDATED', changed_fields: ['name'], name: 'After' }),
      expect.objectContaining({ event_type: 'USER_ROLE_CHANGED', previous_role: 'STUDENT', new_role: 'INSTRUCTOR', changed_by: admin.user.id }),
    ]);
    // The outbox was emptied and never shows in what the API returns.
    const raw = await (await system.stack.stores.users.collection<{ _id: string; _outbox?: unknown[] }>({ name: 'users' })).findOne({ _id: id });
    expect(raw?._outbox ?? []).toEqual([]);
    expect(JSON.stringify(await system.users.findById(id))).not.toContain('_outbox');
  });

  it('publishes USER_REGISTERED as JSON that the committed schema file accepts, in the documented shape', async () => {
    const session = await system.register({ name: 'Schema Check' });
    await eventually(() => bodies().some((body) => body.user_id === session.user.id && body.event_type === 'USER_REGISTERED'));
    const event = bodies().find((body) => body.user_id === session.user.id && body.event_type === 'USER_REGISTERED')!;

    // Validated by an independent Ajv against the file other teams consume, not the producer's copy.
    const schemaFile = path.resolve(__dirname, '../../../schema/events/USER_REGISTERED.schema.json');
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as object);
    const wire = JSON.parse(JSON.stringify(event)) as Record<string, unknown>;
    expect(validate(wire) ? [] : validate.errors).toEqual([]);

    expect(Object.keys(wire).sort()).toEqual(['email', 'event_id', 'event_type', 'name', 'producer', 'provider', 'timestamp', 'user_id', 'version']);
    expect(wire).toMatchObject({ event_type: 'USER_REGISTERED', user_id: session.user.id, email: session.user.email, name: 'Schema Check', provider: 'password', producer: 'users' });
    expect(wire.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  });
});
