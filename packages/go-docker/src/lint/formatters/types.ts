import { Finding } from '../engine';

export interface FormatInput {
  findings: Finding[];
  /** Every file that was linted (checkstyle and SARIF list clean files too). */
  files: string[];
  color?: boolean;
}
