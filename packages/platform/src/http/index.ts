export { graphqlHttpHandler, type GraphQLHttpHandlerOptions } from './graphql-handler';
export { bodyLimitBytes, BodyRefused, isJsonContentType, readJsonBody } from './body';
export { inServerSpan } from './server-span';
