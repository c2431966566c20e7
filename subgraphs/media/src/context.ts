import type { Viewer } from '@skillgraph/platform';
import type { MediaLoaders } from './data/loaders';
import type { MediaService } from './services/media-service';
import type { UploadService } from './services/upload-service';
import type { UrlService } from './services/url-service';
import type { ReprocessService } from './worker/reprocess';

export interface Context {
  viewer: Viewer;
  loaders: MediaLoaders;
  media: MediaService;
  uploads: UploadService;
  urls: UrlService;
  reprocess: ReprocessService;
}
