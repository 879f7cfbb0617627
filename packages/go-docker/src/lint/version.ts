import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The plugin's version from its package.json (src/lint and dist/lint are both two levels below it). */
export function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
