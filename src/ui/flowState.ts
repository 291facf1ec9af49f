import { MfaSessionCache } from '../core/mfaSessionCache';

/**
 * What the flows keep between commands, owned by the extension's context: the one-change-at-a-time
 * lock and the MFA sessions. Disposing it forgets the sessions (they sign requests) and frees the lock.
 */
export class FlowState {
  readonly mfaSessions = new MfaSessionCache();
  private changing = false;

  /** False while another password change is under way; else takes the lock until endChange(). */
  beginChange(): boolean {
    if (this.changing) {
      return false;
    }
    this.changing = true;
    return true;
  }

  endChange(): void {
    this.changing = false;
  }

  dispose(): void {
    this.mfaSessions.dispose();
    this.endChange();
  }
}
