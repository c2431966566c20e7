import { ConfigError } from '@skillgraph/platform';
import { loadEdgeSettings } from '../src/config';

describe('edge settings', () => {
  it('has the documented defaults', () => {
    const settings = loadEdgeSettings({});
    expect(settings.limits).toEqual({
      maxDepth: 12,
      maxAliases: 30,
      maxRootFields: 20,
      maxDirectives: 50,
      maxTokens: 3000,
      maxCost: 20_000,
      defaultListSize: 10,
    });
    expect(settings).toMatchObject({
      hideSchemaDetails: false,
      bodyLimit: '1mb',
      maxInFlight: 200,
      eventLoopLagLimitMs: 1000,
      retryAfterSeconds: 1,
      rateLimits: { windowSeconds: 60, perClient: 3000, perUser: 1200 },
      trustedProxies: false,
      cors: { origins: [], credentials: false },
      breaker: { failures: 5, cooldownMs: 5000 },
      metricsPublic: true,
      drainDelayMs: 500,
    });
  });

  it('production hides schema details and /metrics unless asked; tests run without lag shedding', () => {
    expect(loadEdgeSettings({ NODE_ENV: 'production' })).toMatchObject({ hideSchemaDetails: true, metricsPublic: false });
    expect(loadEdgeSettings({ NODE_ENV: 'production', METRICS_PUBLIC: 'true' }).metricsPublic).toBe(true);
    expect(loadEdgeSettings({ NODE_ENV: 'test' }).eventLoopLagLimitMs).toBe(0);
  });

  it('reads lists: origins, trusted proxies, Redis', () => {
    const settings = loadEdgeSettings({
      CORS_ORIGINS: 'https://app.example.com, http://localhost:5173',
      TRUSTED_PROXIES: 'loopback, 10.0.0.0/8',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
    expect(settings.cors.origins).toEqual(['https://app.example.com', 'http://localhost:5173']);
    expect(settings.trustedProxies).toEqual(['loopback', '10.0.0.0/8']);
    expect(settings.rateLimits.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(loadEdgeSettings({ TRUSTED_PROXIES: '2' }).trustedProxies).toBe(2);
  });

  it('refuses bad values, naming every variable at fault at once', () => {
    let problems: string[] = [];
    try {
      loadEdgeSettings({
        MAX_DEPTH: '0',
        CORS_ORIGINS: 'https://a.example/path',
        TRUSTED_PROXIES: 'everyone',
        REDIS_URL: 'localhost:6379',
        BODY_LIMIT: 'huge',
      });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems = error.problems;
    }
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual(['BODY_LIMIT', 'CORS_ORIGINS', 'MAX_DEPTH', 'REDIS_URL', 'TRUSTED_PROXIES']);
  });
});
