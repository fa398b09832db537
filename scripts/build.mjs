// `npm run build`: the PWA and the server binary, each only when stale.
import { buildServer, buildWeb } from './lib/build.mjs';

buildWeb();
buildServer();
