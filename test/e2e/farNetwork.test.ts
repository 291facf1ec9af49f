import assert from 'node:assert/strict';
import { timeEnterToPasswordBox, type FirstBoxTime } from './firstBoxTiming';
import { PASSWORDS } from './passwords';
import { FAR_PROFILES, FAR_RTT_MS, session } from './session';
import { eventually } from './workbench';

/** The ceiling for command -> first box, at any round-trip time. */
const FIRST_BOX_MS = 150;

describe(`At ${FAR_RTT_MS} ms round-trip time to AWS (TLS through the latency relay)`, () => {
  it(`the current-password box is on screen within ${FIRST_BOX_MS} ms of the command, before any request has reached AWS`, async () => {
    const { workbench, page, emulator, run } = session();
    await workbench.useProfile(FAR_PROFILES.alice);
    const times: FirstBoxTime[] = [];
    // The first command of a window loads the command bundle (cold); the budget is for every one after it.
    for (const attempt of ['cold', 'warm']) {
      const requestsBefore = emulator.requests.length;
      const stopTiming = await timeEnterToPasswordBox(page);
      await workbench.runCommand('AWS IAM: Change Password...');
      await workbench.see(workbench.passwordBox('Current password'), 'the current-password box');
      let time: FirstBoxTime | undefined;
      await eventually(async () => (time = await stopTiming()) !== undefined, 'the box to be painted');
      const shown = time as FirstBoxTime;
      times.push(shown);
      run.note(`far network: command -> first box, ${attempt}: ${shown.ms.toFixed(0)} ms`);
      console.log(`      command -> first box at ${FAR_RTT_MS} ms RTT, ${attempt}: ${shown.ms.toFixed(0)} ms`);
      // A request reaches AWS no sooner than 1.5 round trips after it left (TCP, TLS, then half a trip).
      const arrivedBefore = emulator.requests.slice(requestsBefore).filter((request) => request.time.getTime() <= shown.shownAtWallMs);
      assert.deepEqual(
        arrivedBefore.map((request) => request.action),
        [],
        'the box waited for the network',
      );
      await workbench.see(workbench.quickInputTitle.filter({ hasText: 'IAM user alice' }), 'the title naming the user once the identity arrived');
      await workbench.closeQuickInput();
    }
    assert.ok(times[1].ms <= FIRST_BOX_MS, `command -> first box took ${times[1].ms.toFixed(0)} ms (cold ${times[0].ms.toFixed(0)} ms)`);
  });

  it('a root profile is still refused, and a current password entered before the identity arrived is never sent', async () => {
    const { workbench, emulator } = session();
    await workbench.useProfile(FAR_PROFILES.root);
    const requestsBefore = emulator.requests.length;

    await workbench.runCommand('AWS IAM: Change Password...');
    await workbench.see(workbench.passwordBox('Current password'), 'the current-password box');
    await workbench.type(PASSWORDS.wrongCurrent);
    await workbench.press('Enter');
    const toast = await workbench.see(workbench.toast('root user'), 'the refusal of the root user');
    assert.equal(await workbench.toastSeverity(toast), 'error');
    await workbench.seeGone(workbench.passwordBox('Current password'), 'the current-password box');
    assert.equal(await workbench.passwordBox('New password').count(), 0, 'the new-password box opened for the root user');
    const sent = emulator.requests.slice(requestsBefore).map((request) => request.action);
    assert.deepEqual([...sent].sort(), ['GetAccountPasswordPolicy', 'GetCallerIdentity'], 'only the two checks, which carry no password, reached AWS');
  });
});
