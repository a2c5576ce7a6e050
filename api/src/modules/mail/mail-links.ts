/** What a notification points at (its columns), to link to the place the inbox opens. */
export interface NotificationPlace {
  projectId: string;
  targetType: string;
  targetId: string;
  transcriptId: string | null;
  boardId: string | null;
}

/** Links into the client from e-mails, on PUBLIC_URL; the same routes the client uses. */
export class MailLinks {
  constructor(private readonly base: string) {}

  project(projectId: string): string {
    return `${this.base}/p/${projectId}`;
  }

  transcript(transcriptId: string): string {
    return `${this.base}/t/${transcriptId}`;
  }

  insight(projectId: string, insightId: string): string {
    return `${this.project(projectId)}/insights/${insightId}`;
  }

  account(): string {
    return `${this.base}/account`;
  }

  invitation(token: string): string {
    return `${this.base}/invitations/${encodeURIComponent(token)}`;
  }

  unsubscribe(token: string): string {
    return `${this.base}/api/mail/unsubscribe/${encodeURIComponent(token)}`;
  }

  /**
   * Where the inbox opens a notification (client: features/inbox/inbox-items.ts). One about a
   * comment (a mention, a reply) opens the place with its discussion showing.
   */
  notification(n: NotificationPlace, aboutComment = false): string {
    const project = this.project(n.projectId);
    const id = encodeURIComponent(n.targetId);
    switch (n.targetType) {
      case 'HIGHLIGHT':
        return n.transcriptId ? `${this.transcript(n.transcriptId)}?highlight=${id}` : project;
      case 'SEGMENT':
        return n.transcriptId ? `${this.transcript(n.transcriptId)}?segment=${id}` : project;
      case 'TRANSCRIPT':
        return this.transcript(n.transcriptId ?? n.targetId);
      case 'THEME':
        return n.boardId
          ? `${project}/boards/${n.boardId}?${aboutComment ? 'comments' : 'theme'}=${id}`
          : `${project}/boards`;
      case 'BOARD':
        return `${project}/boards/${n.boardId ?? n.targetId}`;
      case 'INSIGHT':
        return `${this.insight(n.projectId, n.targetId)}${aboutComment ? `?comments=${id}` : ''}`;
      case 'ANALYSIS_RUN':
        return `${project}/analysis/${id}`;
      case 'EXPORT':
        // The project page lists your exports, the ready one brought forward.
        return `${project}?export=${id}`;
      default:
        return project;
    }
  }
}
