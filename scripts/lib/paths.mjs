// Where things live, relative to the repository root.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Build stamps and the server binary (git-ignored). */
export const stateDir = path.join(root, '.kedang');
export const serverBinary = path.join(stateDir, 'kedang');
export const webBuildDir = path.join(root, 'build');
export const migrationsDir = path.join(root, 'pb_migrations');
export const hooksDir = path.join(root, 'pb_hooks');
