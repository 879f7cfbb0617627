import { cpSync, mkdtempSync, openSync, readSync, closeSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LAYOUTS_DIR } from '../../test-utils/fixtures';
import { runSteps } from '../build/run-steps';
import { planGoBuilds } from './executor';

/** ELF e_machine: 0x3e x86-64, 0xb7 AArch64. */
function elfMachine(file: string): number {
  const header = Buffer.alloc(20);
  const fd = openSync(file, 'r');
  readSync(fd, header, 0, 20, 0);
  closeSync(fd);
  expect(header.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
  return header.readUInt16LE(18);
}

describe('go-build executor (real go build)', () => {
  it('compiles a go.work app for amd64 and arm64 into dist/<app>/<os>_<arch>/<name>, static and stripped', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'go-docker-gobuild-'));
    cpSync(join(LAYOUTS_DIR, 'go-work'), ws, { recursive: true });
    const steps = planGoBuilds({ main: 'apps/api' }, ws);
    expect(steps.map((s) => [s.argv, s.env?.GOOS, s.env?.GOARCH, s.env?.CGO_ENABLED])).toEqual([
      [['go', 'build', '-trimpath', '-ldflags=-s -w', '-o', join(ws, 'dist/apps/api/linux_amd64/api'), '.'], 'linux', 'amd64', '0'],
      [['go', 'build', '-trimpath', '-ldflags=-s -w', '-o', join(ws, 'dist/apps/api/linux_arm64/api'), '.'], 'linux', 'arm64', '0'],
    ]);
    expect(await runSteps(steps, { cwd: join(ws, 'apps/api'), quiet: true, log: () => undefined })).toBe(0);
    expect(elfMachine(join(ws, 'dist/apps/api/linux_amd64/api'))).toBe(0x3e);
    expect(elfMachine(join(ws, 'dist/apps/api/linux_arm64/api'))).toBe(0xb7);

    const debug = planGoBuilds({ main: 'apps/api', platforms: 'linux/amd64', debugSymbols: true, outputPath: 'out' }, ws);
    expect(await runSteps(debug, { cwd: join(ws, 'apps/api'), quiet: true, log: () => undefined })).toBe(0);
    expect(statSync(join(ws, 'out/linux_amd64/api')).size).toBeGreaterThan(statSync(join(ws, 'dist/apps/api/linux_amd64/api')).size);
  });

  it('builds a module that a go.work above it does not use with GOWORK=off (go would refuse otherwise)', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'go-docker-gobuild-'));
    cpSync(join(LAYOUTS_DIR, 'replace'), ws, { recursive: true });
    writeFileSync(join(ws, 'go.work'), 'go 1.26\n\nuse ./libs/auth\n');
    const [step] = planGoBuilds({ main: 'apps/gateway', platforms: 'linux/amd64' }, ws);
    expect(step.env?.GOWORK).toBe('off');
    expect(await runSteps([step], { cwd: join(ws, 'apps/gateway'), quiet: true, log: () => undefined })).toBe(0);
    expect(planGoBuilds({ main: 'libs/auth', platforms: 'linux/amd64' }, ws)[0].env?.GOWORK).toBeUndefined();
  });

  it('rejects a malformed platform', () => {
    expect(() => planGoBuilds({ main: 'x', platforms: ['linux'] }, '/ws')).toThrow('platform "linux" is not of the form os/arch');
  });
});
