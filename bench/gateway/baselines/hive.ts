/**
 * Baseline (c): Hive Gateway's runtime with its defaults (no response cache, no request
 * deduplication), on node:http, with only what our subgraphs need added: the gateway secret on
 * every subgraph request and the client's bearer token forwarded. Run compiled, with node.
 * Settings: PORT, SUPERGRAPH_PATH (subgraph URLs are the supergraph's), GATEWAY_SECRET.
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';

const secret = process.env.GATEWAY_SECRET ?? '';

const gateway = createGatewayRuntime({
  supergraph: readFileSync(process.env.SUPERGRAPH_PATH!, 'utf8'),
  logging: 'error',
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ 'x-skillgraph-gateway-secret': secret, authorization: request.headers.get('authorization') }),
  },
});

const server = createServer(gateway);
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`Hive Gateway ready on port ${process.env.PORT}`));
