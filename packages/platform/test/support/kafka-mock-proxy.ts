import net from 'node:net';

/**
 * A Kafka-protocol-aware TCP proxy for TEST SET-UP ONLY, placed in front of librdkafka's mock
 * cluster (see kafka-mock.ts for why). One listener per mock broker; every response that names a
 * broker is rewritten to name the proxy instead, so clients never bypass it, which lets a test cut
 * the "network" and restore it on the same addresses.
 *
 * It also papers over the mock's gaps so production code runs unchanged against it:
 *  - Metadata reports controller id 0 while brokers are 1..N; kafkajs looks the controller up for
 *    admin calls and the idempotent producer's InitProducerId. We report the lowest broker id.
 *  - The mock has no CreateTopics. We advertise CreateTopics v0 and answer it here: "created" the
 *    first time, TOPIC_ALREADY_EXISTS afterwards (the mock auto-creates topics on first metadata
 *    request, with its own partition count).
 *
 * Only the non-flexible protocol versions kafkajs 2.x speaks are understood; other versions pass
 * through untouched.
 */

const API = { Produce: 0, Metadata: 3, FindCoordinator: 10, ApiVersions: 18, CreateTopics: 19 } as const;
const TOPIC_ALREADY_EXISTS = 36;

export interface ProxiedBroker {
  nodeId: number;
  upstreamHost: string;
  upstreamPort: number;
  /** The port clients use; fixed for the proxy's lifetime, across cut and restore. */
  port: number;
}

export interface CreateTopicRequest {
  topic: string;
  partitions: number;
  replicationFactor: number;
  /** The topic configs asked for (min.insync.replicas, retention.ms...). */
  configs: Record<string, string>;
}

/** What clients asked for, so tests can check the settings really sent on the wire. */
export interface ProxyObservations {
  /** Requests seen per API key (e.g. 22 = InitProducerId). */
  requests: Map<number, number>;
  /** The `acks` of every Produce request. */
  produceAcks: Set<number>;
  createTopics: CreateTopicRequest[];
}

export interface KafkaMockProxy {
  /** `127.0.0.1:<port>` for every proxied broker. */
  readonly brokers: string[];
  readonly observed: ProxyObservations;
  /** Closes every listener and connection: clients see refused connections until restore. */
  cut(): Promise<void>;
  /** Listens again on the same ports. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** Maps upstream `host:port` to node ids once the first Metadata response is seen. */
export async function startKafkaMockProxy(upstream: string[]): Promise<KafkaMockProxy> {
  const createdTopics = new Set<string>();
  const observed: ProxyObservations = { requests: new Map(), produceAcks: new Set(), createTopics: [] };
  const brokers: ProxiedBroker[] = upstream.map((address) => {
    const [host, port] = splitAddress(address);
    return { nodeId: -1, upstreamHost: host, upstreamPort: port, port: 0 };
  });
  const sockets = new Set<net.Socket>();
  let servers: net.Server[] = [];
  let closed = false;

  const rewrite: ResponseRewriter = {
    brokerFor: (nodeId, host, port) => {
      const byAddress = brokers.find((broker) => broker.upstreamPort === port && sameHost(broker.upstreamHost, host));
      if (byAddress && byAddress.nodeId === -1) byAddress.nodeId = nodeId;
      return byAddress ?? brokers.find((broker) => broker.nodeId === nodeId);
    },
    createdTopics,
    observed,
  };

  const listen = async (): Promise<void> => {
    servers = await Promise.all(
      brokers.map(
        (broker) =>
          new Promise<net.Server>((resolve, reject) => {
            const server = net.createServer((client) => pipeThrough(client, broker, rewrite, sockets));
            server.once('error', reject);
            server.listen(broker.port, '127.0.0.1', () => {
              broker.port = (server.address() as net.AddressInfo).port;
              resolve(server);
            });
          }),
      ),
    );
  };

  const shutDown = async (): Promise<void> => {
    sockets.forEach((socket) => socket.destroy());
    sockets.clear();
    await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    servers = [];
  };

  await listen();
  return {
    brokers: brokers.map((broker) => `127.0.0.1:${broker.port}`),
    observed,
    cut: shutDown,
    async restore() {
      if (!closed && servers.length === 0) await listen();
    },
    async close() {
      closed = true;
      await shutDown();
    },
  };
}

interface ResponseRewriter {
  brokerFor(nodeId: number, host: string, port: number): ProxiedBroker | undefined;
  createdTopics: Set<string>;
  observed: ProxyObservations;
}

function pipeThrough(client: net.Socket, broker: ProxiedBroker, rewriter: ResponseRewriter, sockets: Set<net.Socket>): void {
  const server = net.connect(broker.upstreamPort, broker.upstreamHost);
  sockets.add(client);
  sockets.add(server);
  const pending = new Map<number, { apiKey: number; version: number }>();
  const end = (): void => {
    client.destroy();
    server.destroy();
    sockets.delete(client);
    sockets.delete(server);
  };
  client.on('error', end).on('close', end);
  server.on('error', end).on('close', end);

  const fromClient = frameReader((frame) => {
    const apiKey = frame.readInt16BE(0);
    const version = frame.readInt16BE(2);
    const correlationId = frame.readInt32BE(4);
    observe(frame, apiKey, version, rewriter.observed);
    if (apiKey === API.CreateTopics && version === 0) {
      client.write(withLength(answerCreateTopics(frame, correlationId, rewriter.createdTopics, rewriter.observed)));
      return;
    }
    pending.set(correlationId, { apiKey, version });
    server.write(withLength(frame));
  });
  const fromServer = frameReader((frame) => {
    const correlationId = frame.readInt32BE(0);
    const request = pending.get(correlationId);
    pending.delete(correlationId);
    const rewritten = request ? rewriteResponse(frame, request.apiKey, request.version, rewriter) : frame;
    client.write(withLength(rewritten));
  });
  client.on('data', fromClient);
  server.on('data', fromServer);
}

function rewriteResponse(frame: Buffer, apiKey: number, version: number, rewriter: ResponseRewriter): Buffer {
  const body = new Reader(frame, 4);
  if (apiKey === API.Metadata && version <= 8) return rewriteMetadata(frame, body, version, rewriter);
  if (apiKey === API.FindCoordinator && version <= 2) return rewriteFindCoordinator(frame, body, version, rewriter);
  if (apiKey === API.ApiVersions && version <= 2) return advertiseCreateTopics(frame, body);
  return frame;
}

function rewriteMetadata(frame: Buffer, reader: Reader, version: number, rewriter: ResponseRewriter): Buffer {
  const out = new Writer();
  out.raw(frame.subarray(0, reader.position));
  if (version >= 3) out.int32(reader.int32());
  const count = reader.int32();
  out.int32(count);
  const nodeIds: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const nodeId = reader.int32();
    const host = reader.string() ?? '';
    const port = reader.int32();
    const proxied = rewriter.brokerFor(nodeId, host, port);
    nodeIds.push(nodeId);
    out.int32(nodeId).string(proxied ? '127.0.0.1' : host).int32(proxied ? proxied.port : port);
    if (version >= 1) out.string(reader.string());
  }
  if (version >= 2) out.string(reader.string());
  if (version >= 1) {
    const controller = reader.int32();
    out.int32(nodeIds.includes(controller) || nodeIds.length === 0 ? controller : Math.min(...nodeIds));
  }
  out.raw(frame.subarray(reader.position));
  return out.toBuffer();
}

function rewriteFindCoordinator(frame: Buffer, reader: Reader, version: number, rewriter: ResponseRewriter): Buffer {
  if (version >= 1) reader.int32();
  reader.int16();
  if (version >= 1) reader.string();
  const start = reader.position;
  const nodeId = reader.int32();
  const host = reader.string() ?? '';
  const port = reader.int32();
  const proxied = rewriter.brokerFor(nodeId, host, port);
  if (!proxied) return frame;
  return new Writer().raw(frame.subarray(0, start)).int32(nodeId).string('127.0.0.1').int32(proxied.port).raw(frame.subarray(reader.position)).toBuffer();
}

function advertiseCreateTopics(frame: Buffer, reader: Reader): Buffer {
  const errorCode = reader.int16();
  const count = reader.int32();
  const entries: Array<[number, number, number]> = [];
  for (let i = 0; i < count; i += 1) entries.push([reader.int16(), reader.int16(), reader.int16()]);
  if (errorCode !== 0 || entries.some(([apiKey]) => apiKey === API.CreateTopics)) return frame;
  entries.push([API.CreateTopics, 0, 0]);
  const out = new Writer().raw(frame.subarray(0, 4)).int16(errorCode).int32(entries.length);
  entries.forEach(([apiKey, min, max]) => out.int16(apiKey).int16(min).int16(max));
  return out.raw(frame.subarray(reader.position)).toBuffer();
}

function observe(request: Buffer, apiKey: number, version: number, observed: ProxyObservations): void {
  observed.requests.set(apiKey, (observed.requests.get(apiKey) ?? 0) + 1);
  if (apiKey !== API.Produce || version > 8) return;
  const reader = new Reader(request, 8);
  reader.string(); // client id
  if (version >= 3) reader.string(); // transactional id
  observed.produceAcks.add(reader.int16());
}

function answerCreateTopics(request: Buffer, correlationId: number, created: Set<string>, observed: ProxyObservations): Buffer {
  const reader = new Reader(request, 8);
  reader.string(); // client id
  const topics: string[] = [];
  const count = reader.int32();
  for (let i = 0; i < count; i += 1) {
    const topic = reader.string() ?? '';
    topics.push(topic);
    // Recorded for tests; the mock itself decides partitions and replication on auto-creation.
    const request: CreateTopicRequest = { topic, partitions: reader.int32(), replicationFactor: reader.int16(), configs: {} };
    observed.createTopics.push(request);
    const assignments = reader.int32();
    for (let a = 0; a < assignments; a += 1) {
      reader.int32();
      const replicas = reader.int32();
      for (let r = 0; r < replicas; r += 1) reader.int32();
    }
    const configs = reader.int32();
    for (let c = 0; c < configs; c += 1) {
      const name = reader.string() ?? '';
      request.configs[name] = reader.string() ?? '';
    }
  }
  const out = new Writer().int32(correlationId).int32(topics.length);
  for (const topic of topics) {
    out.string(topic).int16(created.has(topic) ? TOPIC_ALREADY_EXISTS : 0);
    created.add(topic);
  }
  return out.toBuffer();
}

function frameReader(onFrame: (frame: Buffer) => void): (chunk: Buffer) => void {
  let buffered: Buffer = Buffer.alloc(0);
  return (chunk) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    while (buffered.length >= 4) {
      const size = buffered.readInt32BE(0);
      if (buffered.length < 4 + size) return;
      onFrame(buffered.subarray(4, 4 + size));
      buffered = buffered.subarray(4 + size);
    }
  };
}

function withLength(frame: Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeInt32BE(frame.length);
  return Buffer.concat([size, frame]);
}

class Reader {
  constructor(
    private readonly buffer: Buffer,
    public position: number,
  ) {}
  int16(): number {
    const value = this.buffer.readInt16BE(this.position);
    this.position += 2;
    return value;
  }
  int32(): number {
    const value = this.buffer.readInt32BE(this.position);
    this.position += 4;
    return value;
  }
  string(): string | null {
    const length = this.int16();
    if (length < 0) return null;
    const value = this.buffer.toString('utf8', this.position, this.position + length);
    this.position += length;
    return value;
  }
}

class Writer {
  private readonly parts: Buffer[] = [];
  raw(bytes: Buffer): this {
    this.parts.push(bytes);
    return this;
  }
  int16(value: number): this {
    const bytes = Buffer.alloc(2);
    bytes.writeInt16BE(value);
    return this.raw(bytes);
  }
  int32(value: number): this {
    const bytes = Buffer.alloc(4);
    bytes.writeInt32BE(value);
    return this.raw(bytes);
  }
  string(value: string | null): this {
    if (value === null) return this.int16(-1);
    const bytes = Buffer.from(value, 'utf8');
    return this.int16(bytes.length).raw(bytes);
  }
  toBuffer(): Buffer {
    return Buffer.concat(this.parts);
  }
}

function splitAddress(address: string): [string, number] {
  const colon = address.lastIndexOf(':');
  return [address.slice(0, colon), Number(address.slice(colon + 1))];
}

function sameHost(a: string, b: string): boolean {
  const local = (host: string): boolean => host === '127.0.0.1' || host === 'localhost';
  return a === b || (local(a) && local(b));
}
