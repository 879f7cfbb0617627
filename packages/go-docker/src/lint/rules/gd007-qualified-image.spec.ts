import { findingsOf, fixSnippet, GOOD } from '../test-utils/lint-snippet';

const lint = (text: string, trustedRegistries: string[] = []) => findingsOf('GD007', text, { config: { trustedRegistries } });

describe('GD007 qualified-image', () => {
  it('accepts qualified images, stage names and scratch', () => {
    expect(lint(GOOD)).toEqual([]);
    expect(lint('FROM docker.io/library/golang:1.26 AS build\nFROM build\nFROM scratch\n')).toEqual([]);
  });

  it('fires on short names and fixes them in place', () => {
    const text = 'FROM golang:1.26 AS build\nFROM user/app:1\n';
    expect(lint(text)).toHaveLength(2);
    expect(fixSnippet(text, 'GD007')).toContain('FROM docker.io/library/golang:1.26 AS build\nFROM docker.io/user/app:1\n');
  });

  it('resolves ARG defaults and fixes the default', () => {
    const text = 'ARG GO_IMAGE=golang:1.26\nFROM ${GO_IMAGE} AS build\n';
    const [finding] = lint(text);
    expect(finding.line).toBe(2);
    expect(fixSnippet(text, 'GD007')).toBe('ARG GO_IMAGE=docker.io/library/golang:1.26\nFROM ${GO_IMAGE} AS build\n');
  });

  it('says nothing about unresolved images', () => {
    expect(lint('ARG IMAGE\nFROM ${IMAGE}\n')).toEqual([]);
    expect(lint('FROM $REGISTRY/golang:1.26\n')).toEqual([]);
  });

  it('checks trustedRegistries when configured', () => {
    const findings = lint('FROM quay.io/x/y:1\nFROM docker.io/library/golang:1.26\n', ['docker.io']);
    expect(findings.map((f) => f.line)).toEqual([1]);
    expect(findings[0].fixable).toBe(false);
  });
});
