import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../harness/paths';
import { session } from './session';
import { exactly } from './workbench';

interface Step {
  title: string;
  description: string;
}

/** The walkthrough as package.json and package.nls.json declare it, in English. */
function declaredWalkthrough(): { title: string; steps: Step[] } {
  const read = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8'));
  const manifest = read('package.json') as { contributes: { walkthroughs: { title: string; steps: Step[] }[] } };
  const nls = read('package.nls.json') as Record<string, string>;
  const text = (value: string): string => nls[/^%(.+)%$/.exec(value)?.[1] ?? ''] ?? value;
  const [walkthrough] = manifest.contributes.walkthroughs;
  return {
    title: text(walkthrough.title),
    steps: walkthrough.steps.map((step) => ({ title: text(step.title), description: text(step.description) })),
  };
}

describe('The getting-started walkthrough', () => {
  it('opens from Welcome: Open Walkthrough... with its steps, and a step button runs its command', async () => {
    const { workbench, page, screenshots } = session();
    const declared = declaredWalkthrough();
    assert.equal(declared.steps.length, 5, 'the walkthrough has five steps');

    // Without the side bar the page has room for its two columns: the steps, and the open step's page.
    await workbench.runCommand('View: Close Primary Side Bar');
    await workbench.runCommand('Welcome: Open Walkthrough...');
    await workbench.see(workbench.quickInputRow(declared.title), 'our walkthrough in the list of walkthroughs');
    await workbench.clickQuickInputItem(declared.title);

    const details = page.locator('.gettingStartedSlideDetails');
    await workbench.see(details.locator('.category-title', { hasText: exactly(declared.title) }), 'the walkthrough title');
    const stepButtons = details.locator('button.getting-started-step');
    for (const step of declared.steps) {
      await workbench.see(stepButtons.filter({ has: page.locator('.step-title', { hasText: exactly(step.title) }) }), `the step "${step.title}"`);
    }
    assert.equal(await stepButtons.count(), declared.steps.length, 'no other steps are shown');

    // The first step is open: its text, its button, and its page (media/walkthrough/profile.md) beside it.
    const first = stepButtons.first();
    await workbench.see(first.and(page.locator('.expanded')), 'the first step expanded');
    const switchProfile = await workbench.see(first.locator('.monaco-button', { hasText: exactly('Switch Profile') }), 'the Switch Profile button');
    const markdown = page.frameLocator('.getting-started-media iframe').frameLocator('iframe#active-frame');
    await workbench.see(markdown.locator('h1', { hasText: exactly('Your AWS profile') }), "the step's page beside it");
    await page.mouse.move(640, 700);
    await screenshots.take('walkthrough', 'walkthrough');

    await switchProfile.click();
    await workbench.see(workbench.quickInputTitle.filter({ hasText: exactly('AWS IAM: Switch Profile') }), 'the Switch Profile picker');
    await workbench.closeQuickInput();
    await workbench.see(first.locator('.codicon-getting-started-step-checked'), 'the first step checked off once its command ran');

    await workbench.runCommand('View: Close All Editors');
    await workbench.runCommand('View: Toggle Primary Side Bar Visibility');
  });
});
