/**
 * Identity and access for SkillGraph (design §4). Who calls what:
 * - users subgraph: `openKeyRing` + `createAccessTokenIssuer`, `jwksHandler`, refresh-token helpers,
 *   password and email helpers, `LoginThrottle`; verifies with `localKeySource(ring)`.
 * - gateway: `stripClientIdentityHeaders`, `resolveViewer` with a verifier over `remoteKeySource`
 *   (or the local ring in embedded mode), `gatewayRequestHeaders` on every subgraph fetch.
 * - every subgraph: `requireGatewaySecret` before GraphQL, `resolveViewer` for the context,
 *   `guardResolvers` / `assertRole` in resolvers and `__resolveReference`.
 */
export * from './viewer';
export * from './access';
export * from './config';
export * from './keys';
export * from './key-sources';
export * from './tokens';
export * from './refresh-tokens';
export * from './passwords';
export * from './email';
export * from './throttle';
export * from './gateway-trust';
