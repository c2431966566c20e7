export * from './port';
export * from './url-signer';
export * from './embedded-storage';
export * from './s3-storage';
export * from './cloudfront';
export * from './config';
export * from './open-storage';
export * from './upload-route';
