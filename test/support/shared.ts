// Where the reference material lives: ../shared beside the checkout (tests read it, never copy it).
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const REPO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED_DIR = process.env.SHARED_DIR ?? path.resolve(REPO_DIR, '..', 'shared');

export function sharedPath(...parts: string[]): string {
  return path.join(SHARED_DIR, ...parts);
}
