import { findingsOf, GOOD } from '../test-utils/lint-snippet';

const lint = (text: string, minimalBases: string[] = []) => findingsOf('GD006', text, { config: { minimalBases } });

describe('GD006 minimal-runtime-base', () => {
  it.each(['scratch', 'gcr.io/distroless/static-debian12:nonroot', 'gcr.io/distroless/base-debian12', 'cgr.dev/chainguard/static:latest'])('accepts %s', (image) => {
    expect(lint(`FROM ${image}\nCOPY app /app\n`)).toEqual([]);
  });

  it('accepts the reference Dockerfile', () => {
    expect(lint(GOOD)).toEqual([]);
  });

  it.each(['golang:1.26', 'debian:12', 'alpine:3.20', 'docker.io/library/ubuntu:24.04'])('fires on %s', (image) => {
    expect(lint(`FROM ${image}\nCOPY app /app\n`)).toHaveLength(1);
  });

  it('follows a final stage built FROM another stage', () => {
    expect(lint('FROM alpine:3 AS base\nRUN true\nFROM base\nCOPY app /app\n')).toHaveLength(1);
  });

  it('accepts bases listed in minimalBases, and says nothing about unresolved images', () => {
    expect(lint('FROM registry.example.com/base/static:1\n', ['registry.example.com/base/static'])).toEqual([]);
    expect(lint('ARG BASE\nFROM ${BASE}\n')).toEqual([]);
  });
});
