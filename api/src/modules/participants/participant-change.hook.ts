import { Injectable } from '@nestjs/common';
import { Hook } from '../../common/hooks/hook';

/** A change of a participant that rows of other modules follow: it became or stopped being an interviewer. */
export interface ParticipantChange {
  kind: 'interviewer';
  participantId: string;
}

/**
 * Run inside the transaction that changed the participant. Listeners:
 * - highlights (highlights/listeners.ts): highlights in the transcripts where the participant
 *   speaks are attributed anew (to the first non-interviewer they cover).
 */
@Injectable()
export class ParticipantChangeHook extends Hook<ParticipantChange> {}
