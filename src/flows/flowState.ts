import { MfaSessionCache } from '../aws/mfaSessionCache';

/** What the flows keep between commands; disposing forgets the MFA sessions (they sign requests) and frees the lock. */
export class FlowState {
  readonly mfaSessions = new MfaSessionCache();
  /** True while a password change is under way: a second one is refused. */
  changing = false;

  dispose(): void {
    this.mfaSessions.dispose();
    this.changing = false;
  }
}
