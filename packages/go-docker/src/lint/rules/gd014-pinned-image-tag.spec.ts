import { findingsOf, GOOD } from '../test-utils/lint-snippet';

const lint = (text: string) => findingsOf('GD014', text);

describe('GD014 pinned-image-tag', () => {
  it('accepts tags and digests', () => {
    expect(lint(GOOD)).toEqual([]);
    expect(lint('FROM golang:latest@sha256:0123\nFROM localhost:5000/app@sha256:abcd\n')).toEqual([]);
  });

  it.each(['golang', 'golang:latest', 'localhost:5000/app', 'gcr.io/distroless/static'])('fires on %s', (image) => {
    expect(lint(`FROM ${image}\n`)).toHaveLength(1);
  });

  it('exempts stages, scratch and unresolved images; resolves ARG defaults', () => {
    expect(lint('FROM golang:1.26 AS build\nFROM build\nFROM scratch\nARG X\nFROM ${X}\n')).toEqual([]);
    expect(lint('ARG IMAGE=alpine\nFROM ${IMAGE}\n')).toHaveLength(1);
  });
});
