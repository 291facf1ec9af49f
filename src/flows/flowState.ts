import { MfaSessionCache } from '../aws/mfaSessionCache';
import { SecretClipboard } from '../window/secretClipboard';
import type { WindowApi } from '../window/windowApi';

/** What the flows keep between commands; disposing forgets the MFA sessions (they sign requests), frees the lock and clears a copied password. */
export class FlowState {
  readonly mfaSessions = new MfaSessionCache();
  readonly clipboard: SecretClipboard;
  /** True while a password change is under way: a second one is refused. */
  changing = false;

  constructor(ui: Pick<WindowApi, 'readClipboard' | 'writeClipboard'>) {
    this.clipboard = new SecretClipboard(ui);
  }

  dispose(): void {
    this.mfaSessions.dispose();
    this.changing = false;
    void this.clipboard.dispose();
  }
}
