/**
 * Baseline (b): a stock `@apollo/gateway` behind `@apollo/server`'s standalone server, as its
 * documentation shows it, with only what our subgraphs need added: the gateway secret on every
 * subgraph request and the client's bearer token forwarded. Run compiled, with node.
 * Settings: PORT, SUPERGRAPH_PATH (subgraph URLs are the supergraph's), GATEWAY_SECRET.
 */
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

interface Context {
  authorization?: string;
}

const secret = process.env.GATEWAY_SECRET ?? '';

class IdentityDataSource extends RemoteGraphQLDataSource<Context> {
  override willSendRequest({ request, context }: { request: { http?: { headers: { set(name: string, value: string): void } } }; context: Context }): void {
    request.http?.headers.set('x-skillgraph-gateway-secret', secret);
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
  }
}

async function main(): Promise<void> {
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(process.env.SUPERGRAPH_PATH!, 'utf8'),
    buildService: ({ url }) => new IdentityDataSource({ url }),
  });
  const server = new ApolloServer<Context>({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { port: Number(process.env.PORT), host: '127.0.0.1' },
    context: async ({ req }) => (req.headers.authorization ? { authorization: req.headers.authorization } : {}),
  });
  console.log(`stock Apollo Gateway ready at ${url}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
