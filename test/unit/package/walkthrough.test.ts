/**
 * The Get Started walkthrough: its steps in the order a person goes, each with a picture that
 * exists and ships, buttons that run commands the extension has, and completion events that
 * name real commands, views and context keys.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ContextKeys, Views } from '../../../src/constants';
import { repoRoot } from '../../harness/paths';
import { localizedManifest, type Manifest, type Walkthrough } from './manifest';
import { pngSize } from './png';

/** Commands a walkthrough may run besides the extension's own. */
const BUILT_IN_COMMANDS = new Set([`${Views.jobs}.focus`, 'workbench.action.openSettings']);

describe('Walkthrough', () => {
  let manifest: Manifest;
  let walkthrough: Walkthrough;

  before(() => {
    manifest = localizedManifest();
    const walkthroughs = manifest.contributes.walkthroughs ?? [];
    assert.equal(walkthroughs.length, 1, 'one walkthrough is contributed');
    walkthrough = walkthroughs[0]!;
  });

  it('goes: set the token, right-click an image, watch the job, preview the clip', () => {
    assert.deepEqual(
      walkthrough.steps.map((step) => step.id),
      ['setToken', 'rightClickImage', 'watchJob', 'previewClip'],
    );
    assert.match(walkthrough.title, /Magic Hour/);
    for (const step of walkthrough.steps) {
      assert.ok(step.title.trim() && step.description.trim(), `${step.id} has no title or description`);
    }
  });

  it('shows a picture in media/walkthrough/ at each step, small enough for the package', () => {
    for (const step of walkthrough.steps) {
      const image = step.media.image ?? '';
      assert.ok(image.startsWith('media/walkthrough/'), `${step.id}: ${image} is not in media/walkthrough/`);
      assert.ok(step.media.altText?.trim(), `${step.id} has no alt text`);
      const file = path.join(repoRoot, image);
      assert.ok(fs.existsSync(file), `${image} is missing`);
      const { width } = pngSize(fs.readFileSync(file));
      assert.ok(width <= 720, `${image} is ${width} px wide`);
      assert.ok(fs.statSync(file).size <= 150 * 1024, `${image} is over 150 KB`);
    }
  });

  it('cuts its pictures from the screenshots the UI tests take', () => {
    const script = fs.readFileSync(path.join(repoRoot, 'media', 'walkthrough', 'update.sh'), 'utf8');
    const cuts = [...script.matchAll(/^cut ([\w-]+) \S+ ([\w-]+)$/gm)];
    const pictures = walkthrough.steps.map((step) => path.basename(step.media.image ?? '', '.png'));
    assert.deepEqual(cuts.map(([, , picture]) => picture).sort(), [...pictures].sort());
    for (const [, screenshot] of cuts) {
      assert.ok(
        fs.existsSync(path.join(repoRoot, 'media', 'screenshots', `${screenshot}.png`)),
        `media/screenshots/${screenshot}.png is missing`,
      );
    }
  });

  it('has buttons only for commands that exist', () => {
    const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
    const buttons = walkthrough.steps.flatMap((step) =>
      [...step.description.matchAll(/\]\(command:([\w.]+)/g)].map(([, id]) => ({ step: step.id, id: id! })),
    );
    assert.ok(buttons.length >= 3, 'the steps offer buttons');
    for (const { step, id } of buttons) {
      assert.ok(contributed.has(id) || BUILT_IN_COMMANDS.has(id), `${step}: unknown command ${id}`);
    }
  });

  it('completes steps on commands, views and context keys that exist', () => {
    const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
    const views = new Set(
      Object.values(manifest.contributes.views)
        .flat()
        .map((v) => v.id),
    );
    const contextKeys = new Set<string>(Object.values(ContextKeys));
    for (const step of walkthrough.steps) {
      assert.ok(step.completionEvents?.length, `${step.id} never completes by itself`);
      for (const event of step.completionEvents ?? []) {
        const [kind, name = ''] = event.split(/:(.*)/);
        if (kind === 'onCommand') assert.ok(contributed.has(name), `${step.id}: unknown command ${name}`);
        else if (kind === 'onView') assert.ok(views.has(name), `${step.id}: unknown view ${name}`);
        else if (kind === 'onContext')
          assert.ok(contextKeys.has(name), `${step.id}: unknown context key ${name}`);
        else assert.fail(`${step.id}: unexpected completion event ${event}`);
      }
    }
  });
});
