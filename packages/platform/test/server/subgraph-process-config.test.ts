import { ConfigError } from '../../src/errors';
import { loadSubgraphProcessConfig } from '../../src/server/config';

const SECRET = 'a'.repeat(64);
const load = (env: Record<string, string>) => loadSubgraphProcessConfig({ name: 'courses', defaultPort: 4002, issuer: false }, env);

describe('a subgraph process configuration', () => {
  it('starts in development with a gateway secret and the embedded bus', () => {
    const config = load({ GATEWAY_SECRET: SECRET });
    expect(config.port).toBe(4002);
    expect(config.events.mode).toBe('embedded');
  });

  it('lists every problem of a production setup in one error, including the missing Kafka brokers', () => {
    let caught: unknown;
    try {
      load({ NODE_ENV: 'production', PORT: 'x' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.join('\n');
    expect(problems).toMatch(/PORT/);
    expect(problems).toMatch(/GATEWAY_SECRET/);
    expect(problems).toMatch(/KAFKA_BROKERS: is required when NODE_ENV=production/);
  });

  it('accepts production with brokers, a secret and a JWKS URL', () => {
    const config = load({ NODE_ENV: 'production', GATEWAY_SECRET: SECRET, KAFKA_BROKERS: 'kafka:9092', JWKS_URL: 'http://users:4001/.well-known/jwks.json' });
    expect(config.events.mode).toBe('kafka');
  });
});
