import { Injectable, inject } from '@angular/core';
import { Apollo } from 'apollo-angular';
import { MarkBoardSeenDocument, MarkTranscriptSeenDocument } from '@verbatim/contracts/activity';

/**
 * Tells the api what the user has had in front of them, so lists mark only what is new to
 * them. Fire and forget: a marker that fails to save only shows something as new once more.
 */
@Injectable({ providedIn: 'root' })
export class ReadMarkers {
  private readonly apollo = inject(Apollo);

  /** On opening a transcript and on leaving it (highlights made meanwhile were seen live). */
  transcript(transcriptId: string): void {
    this.apollo
      .mutate({ mutation: MarkTranscriptSeenDocument, variables: { transcriptId } })
      .subscribe({ error: () => undefined });
  }

  /** The board version the user had drawn, on opening a board and on leaving it. */
  board(boardId: string, version: number): void {
    this.apollo
      .mutate({ mutation: MarkBoardSeenDocument, variables: { boardId, version } })
      .subscribe({ error: () => undefined });
  }
}
