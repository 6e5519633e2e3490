import * as assert from 'node:assert/strict';
import { useEditor } from './ui';

describe('Explorer menu', () => {
  const editor = useEditor();

  it('shows the Magic Hour view container in the activity bar', async () => {
    await editor.waitForActivityBarItem('Magic Hour');
  });

  it('offers Image to Video on an image', async () => {
    await editor.rightClickInExplorer('sample.png');
    assert.ok(await editor.hasMenuItem('Magic Hour: Image to Video…'), 'menu: ' + (await editor.menuItems()));
    assert.equal(await editor.hasMenuItem('Magic Hour: Video to Video…'), false);
  });

  it('offers neither on a text file', async () => {
    await editor.rightClickInExplorer('notes.txt');
    assert.equal(await editor.hasMenuItem('Magic Hour: Image to Video…'), false);
    assert.equal(await editor.hasMenuItem('Magic Hour: Video to Video…'), false);
  });

  it('offers Video to Video on a video', async () => {
    await editor.rightClickInExplorer('sample.mp4');
    assert.ok(await editor.hasMenuItem('Magic Hour: Video to Video…'), 'menu: ' + (await editor.menuItems()));
    assert.equal(await editor.hasMenuItem('Magic Hour: Image to Video…'), false);
  });
});
