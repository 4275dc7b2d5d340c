import { Injectable, Logger } from '@nestjs/common';

/** Decides which needs' enterprise contact details a bank may see: those it has taken up. */
export interface ContactRevealPolicy {
  /** Of `needIds`, the ids whose contacts `bankOrgId` may see. */
  revealedNeedIds(bankOrgId: string, needIds: string[]): Promise<Set<string>>;
}

/**
 * Contact masking for banks. The matchmaking pipeline (issue 4) registers the policy that knows which
 * bank has taken up which need (its cases); until one is registered, every contact stays masked for banks.
 */
@Injectable()
export class ContactRevealRegistry {
  private readonly logger = new Logger('ContactReveal');
  private policy: ContactRevealPolicy | null = null;

  use(policy: ContactRevealPolicy) {
    if (this.policy) this.logger.warn('contact reveal policy replaced');
    this.policy = policy;
  }

  async revealedNeedIds(bankOrgId: string, needIds: string[]): Promise<Set<string>> {
    if (!this.policy || !needIds.length) return new Set();
    return this.policy.revealedNeedIds(bankOrgId, needIds);
  }

  async isContactRevealedTo(bankOrgId: string, needId: string): Promise<boolean> {
    return (await this.revealedNeedIds(bankOrgId, [needId])).has(needId);
  }
}
