import { logger, readNxJson } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { writeLayout } from '../../test-utils/fixtures';
import { setupGenerator } from '../setup/generator';

describe('setup registers the plugin when init never ran', () => {
  beforeEach(() => {
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('adds { plugin: go-docker } to nx.json once, says so, and a re-run changes nothing', async () => {
    const tree = createTreeWithEmptyWorkspace();
    writeLayout(tree, 'go-work');
    expect(readNxJson(tree)?.plugins ?? []).not.toContainEqual(expect.objectContaining({ plugin: 'go-docker' }));
    await setupGenerator(tree, {});
    expect(readNxJson(tree)?.plugins).toContainEqual({ plugin: 'go-docker', options: {} });
    expect(logger.info).toHaveBeenCalledWith(expect.stringContaining('registered the plugin in nx.json'));
    const snapshot = new Map(tree.listChanges().map((c) => [c.path, c.content?.toString()]));
    (logger.info as jest.Mock).mockClear();
    await setupGenerator(tree, {});
    expect(new Map(tree.listChanges().map((c) => [c.path, c.content?.toString()]))).toEqual(snapshot);
    expect(logger.info).not.toHaveBeenCalledWith(expect.stringContaining('registered the plugin'));
  });

  it('keeps a registration with options as it is', async () => {
    const tree = createTreeWithEmptyWorkspace();
    writeLayout(tree, 'go-work');
    tree.write('nx.json', JSON.stringify({ plugins: [{ plugin: 'go-docker', options: { buildTargetName: 'image' } }] }));
    await setupGenerator(tree, {});
    expect(readNxJson(tree)?.plugins).toEqual([{ plugin: 'go-docker', options: { buildTargetName: 'image' } }]);
  });
});
