import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, meetsThreshold, toEffectiveConfig, validateConfig } from './config';

const created: string[] = [];
afterAll(() => created.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function workspace(files: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), 'go-docker-config-'));
  created.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return root;
}

describe('config', () => {
  it('validates and normalises rule names to ids', () => {
    expect(validateConfig({ ignore: ['qualified-image'], rules: { gd008: 'error' }, threshold: 'info' }, 'x')).toEqual({
      ignore: ['GD007'],
      rules: { GD008: 'error' },
      threshold: 'info',
    });
  });

  it.each([
    [[], /JSON object/],
    [{ ignor: [] }, /unknown key "ignor"/],
    [{ ignore: ['GD999'] }, /unknown rule "GD999"/],
    [{ rules: { GD001: 'fatal' } }, /rules.GD001/],
    [{ threshold: 'high' }, /"threshold"/],
    [{ trustedRegistries: 'docker.io' }, /array of strings/],
  ])('rejects %j', (raw, message) => {
    expect(() => validateConfig(raw, 'go-docker.lint.json')).toThrow(ConfigError);
    expect(() => validateConfig(raw, 'go-docker.lint.json')).toThrow(message);
  });

  it('merges nx.json plugin options under the config file found upward', () => {
    const root = workspace({
      'nx.json': { plugins: ['@nx/js', { plugin: 'go-docker', options: { lint: { ignore: ['GD002'], threshold: 'error' } } }] },
      'go-docker.lint.json': { rules: { GD008: 'warning' }, threshold: 'info' },
      'apps/api/.keep': '',
    });
    const { config, sources } = loadConfig(join(root, 'apps', 'api'));
    expect(config).toEqual({ ignore: ['GD002'], rules: { GD008: 'warning' }, threshold: 'info' });
    expect(sources).toHaveLength(2);
    const effective = toEffectiveConfig(config);
    expect(effective.severities.get('GD002')).toBe('off');
  });

  it('names the file and the problem for broken JSON and missing explicit files', () => {
    const root = workspace({ 'go-docker.lint.json': '{ "ignore": [' });
    expect(() => loadConfig(root)).toThrow(/go-docker\.lint\.json: invalid JSON/);
    expect(() => loadConfig(root, 'nope.json')).toThrow(/nope\.json: config file not found/);
  });

  it('reports bad nx.json plugin options with their location', () => {
    const root = workspace({ 'nx.json': { plugins: [{ plugin: 'go-docker', options: { lint: { threshold: 1 } } }] } });
    expect(() => loadConfig(root)).toThrow(/nx\.json plugins\[0\]\.options\.lint: "threshold"/);
  });

  it('compares severities with the threshold', () => {
    expect(meetsThreshold('warning', 'warning')).toBe(true);
    expect(meetsThreshold('info', 'warning')).toBe(false);
    expect(meetsThreshold('error', 'none')).toBe(false);
  });
});
