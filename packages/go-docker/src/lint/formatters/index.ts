import { formatCheckstyle } from './checkstyle';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatStylish } from './stylish';
import { FormatInput } from './types';

export type { FormatInput } from './types';
export const FORMATS = ['stylish', 'json', 'sarif', 'checkstyle'] as const;
export type Format = (typeof FORMATS)[number];

const FORMATTERS: Record<Format, (input: FormatInput) => string> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  checkstyle: formatCheckstyle,
};

export function isFormat(name: string): name is Format {
  return (FORMATS as readonly string[]).includes(name);
}

export function format(name: Format, input: FormatInput): string {
  return FORMATTERS[name](input);
}
