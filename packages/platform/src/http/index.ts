export { graphqlHttpHandler, type GraphQLHttpHandlerOptions } from './graphql-handler';
export { bodyLimitBytes, BodyRefused, isJsonContentType, readJsonBody } from './body';
export { inServerSpan } from './server-span';
export { createHttpServer, DEFAULT_HTTP_SERVER_TIMEOUTS, loadHttpServerTimeouts, type HttpServerTimeouts } from './server';
export { jsonErrorHandler, jsonNotFound } from './express-errors';
