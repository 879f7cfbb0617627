/** Report formats; each formatter module is loaded only when used (keeps the CLI's cold start small). */
import type { FormatInput } from './types';

export type { FormatInput } from './types';
export const FORMATS = ['stylish', 'json', 'sarif', 'checkstyle'] as const;
export type Format = (typeof FORMATS)[number];

/* eslint-disable @typescript-eslint/no-require-imports */
const FORMATTERS: Record<Format, () => (input: FormatInput) => string> = {
  stylish: () => (require('./stylish') as typeof import('./stylish')).formatStylish,
  json: () => (require('./json') as typeof import('./json')).formatJson,
  sarif: () => (require('./sarif') as typeof import('./sarif')).formatSarif,
  checkstyle: () => (require('./checkstyle') as typeof import('./checkstyle')).formatCheckstyle,
};
/* eslint-enable @typescript-eslint/no-require-imports */

export function isFormat(name: string): name is Format {
  return (FORMATS as readonly string[]).includes(name);
}

export function format(name: Format, input: FormatInput): string {
  return FORMATTERS[name]()(input);
}
