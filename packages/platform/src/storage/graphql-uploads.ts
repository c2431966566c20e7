import type { RequestHandler } from 'express';
import { graphqlUploadExpress, type UploadOptions } from 'graphql-upload-minimal';

/**
 * `graphqlUploadExpress`, hardened: when a malformed multipart request makes the parser fail, the
 * library handles the first error but destroys the parser in a way that emits a second one with no
 * listener, which would crash the process. The request is still refused with the library's error;
 * the extra listener only swallows that echo.
 */
export function graphqlUploads(options: UploadOptions): RequestHandler {
  const middleware = graphqlUploadExpress(options);
  return (req, res, next) => {
    const pipe = req.pipe.bind(req);
    req.pipe = ((destination: NodeJS.WritableStream, pipeOptions?: { end?: boolean }) => {
      destination.on('error', () => undefined);
      return pipe(destination, pipeOptions);
    }) as typeof req.pipe;
    middleware(req, res, next);
  };
}
