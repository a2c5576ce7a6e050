import { Inject, Injectable, Logger } from '@nestjs/common';
import { registerEnumType } from '@nestjs/graphql';
import { type PubSubEngine } from 'graphql-subscriptions';
import { PUB_SUB } from './pubsub.token';

/** What happened to the thing an event is about. */
export enum ChangeKind {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  DELETED = 'DELETED',
}
registerEnumType(ChangeKind, { name: 'ChangeKind' });

/** What goes through pub/sub for a highlight: ids only, so every subscriber reads it fresh. */
export interface HighlightChange {
  kind: ChangeKind;
  highlightId: string;
  transcriptId: string;
}

export interface CodebookChange {
  kind: ChangeKind;
  tagId: string;
  projectId: string;
  /** DELETED by a merge: the tag its highlights and sub-tags now carry. */
  mergedIntoId: string | null;
}

/** How a transcript's turns changed. */
export enum TurnChangeKind {
  /** Turns' text or speaker corrected: `segmentIds` are the corrected turns. */
  CORRECTED = 'CORRECTED',
  /** A turn was split: `segmentIds` are its two parts, in order. */
  SPLIT = 'SPLIT',
  /** A turn was merged with the next: `segmentIds` is the merged turn; `removedSegmentId` is gone. */
  MERGED = 'MERGED',
  /** Many turns changed speaker (a speaker mapping or its undo): read the turns again. */
  SPEAKERS_CHANGED = 'SPEAKERS_CHANGED',
}
registerEnumType(TurnChangeKind, { name: 'TurnChangeKind' });

export interface TurnChange {
  kind: TurnChangeKind;
  transcriptId: string;
  segmentIds: string[];
  removedSegmentId: string | null;
}

export const highlightTopic = (transcriptId: string) => `highlight-changed:${transcriptId}`;
export const turnTopic = (transcriptId: string) => `turn-changed:${transcriptId}`;
export const codebookTopic = (projectId: string) => `codebook-changed:${projectId}`;

/**
 * Publishes the coding changes colleagues see live (the reader, the codebook): who changed what
 * is read by each subscriber from the database when the event reaches it, after access is checked
 * again (LiveSubscription). Call it after the transaction commits, or a subscriber may read the
 * state before. A lost event is not lost data: a failing pub/sub is logged, the change stands,
 * and a reader gets the state on its next load.
 */
@Injectable()
export class LiveEvents {
  private readonly logger = new Logger(LiveEvents.name);

  constructor(@Inject(PUB_SUB) private readonly pubsub: PubSubEngine) {}

  async highlights(kind: ChangeKind, rows: { id: string; transcriptId: string }[]): Promise<void> {
    await this.send(
      rows.map((r) => [
        highlightTopic(r.transcriptId),
        {
          highlightChanged: {
            kind,
            highlightId: r.id,
            transcriptId: r.transcriptId,
          } satisfies HighlightChange,
        },
      ]),
    );
  }

  async codebook(
    kind: ChangeKind,
    projectId: string,
    tagId: string,
    mergedIntoId: string | null = null,
  ): Promise<void> {
    const change: CodebookChange = { kind, tagId, projectId, mergedIntoId };
    await this.send([[codebookTopic(projectId), { codebookChanged: change }]]);
  }

  async turns(
    kind: TurnChangeKind,
    transcriptId: string,
    segmentIds: string[],
    removedSegmentId: string | null = null,
  ): Promise<void> {
    const change: TurnChange = { kind, transcriptId, segmentIds, removedSegmentId };
    await this.send([[turnTopic(transcriptId), { turnChanged: change }]]);
  }

  private async send(messages: [string, unknown][]): Promise<void> {
    for (const [topic, payload] of messages) {
      try {
        await this.pubsub.publish(topic, payload);
      } catch (error) {
        this.logger.warn(`Live event on ${topic} not sent: ${(error as Error).message}`);
      }
    }
  }
}
