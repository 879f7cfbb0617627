/** Where each rule's documentation is published (docs/rules/<ID>.md in the repository). */
export const RULE_DOCS_BASE_URL = 'https://github.com/go-docker/go-docker/blob/main/docs/rules/';

export function ruleDocsUrl(id: string): string {
  return `${RULE_DOCS_BASE_URL}${id}.md`;
}
