import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { executeSql } from '../../database/sql';
import { type TurnEditEvent, TurnEditHook } from '../highlights/turn-edit.hook';

/**
 * Comments on a turn follow merges (TurnEditHook): the threads of a turn merged into the one
 * before it move to the merged turn before the merged-away turn is deleted (which would take
 * its comments with it). A split keeps a turn's threads on its first part, whose id it keeps.
 */
@Injectable()
export class CommentsFollowTurnMerges implements OnModuleInit {
  constructor(private readonly turnEdits: TurnEditHook) {}

  onModuleInit(): void {
    this.turnEdits.on('comments', (tx, event) => followMerge(tx, event));
  }
}

async function followMerge(tx: EntityManager, event: TurnEditEvent): Promise<void> {
  if (event.edit.kind !== 'merge') return;
  // The merged-away turn is parked at index -1 until it is deleted.
  await executeSql(
    tx,
    `UPDATE comment c SET target_id = kept.id
       FROM segment gone, segment kept
      WHERE gone.transcript_id = $1 AND gone.index = -1
        AND kept.transcript_id = $1 AND kept.index = $2
        AND c.target_type = 'SEGMENT' AND c.target_id = gone.id`,
    [event.transcriptId, event.edit.index],
  );
}
