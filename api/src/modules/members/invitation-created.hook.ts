import { Injectable } from '@nestjs/common';
import { Hook } from '../../common/hooks/hook';

/** An invitation just written, with the secret of its link (never stored in clear). */
export interface InvitationCreated {
  invitationId: string;
  email: string;
  token: string;
}

/**
 * Run by InvitationsService.invite in the transaction that writes the invitation. Listeners:
 * - mail (mail/mail-hooks.ts): owes the invited address an e-mail with the link.
 */
@Injectable()
export class InvitationCreatedHook extends Hook<InvitationCreated> {}
