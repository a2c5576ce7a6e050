// The user's card moves on their way to the server, one at a time and in order. The board shows
// a move at once (optimistic); the queue sends it, with the card's version it was made on, and
// reports the server's answer. A card moved again before its move was sent is sent once, where
// it is then; a card moved again while its move is on the way is sent after it with the version
// that move gave, so the user never conflicts with themselves.

export interface MoveRequest {
  cardId: string;
  themeId: string | null;
  afterCardId: string | null;
  version: number;
}

export interface MoveQueueHost<C extends { id: string; version: number }, E> {
  /** Where the card is on the board now, as the move to send (null: nothing to send). */
  request(cardId: string, unsent: ReadonlySet<string>): Omit<MoveRequest, 'version'> | null;
  send(move: MoveRequest): Promise<C>;
  confirmed(card: C, move: MoveRequest): void;
  failed(error: E, move: MoveRequest): void;
  /** Errors the send threw, in the host's terms. */
  toError(error: unknown): E;
}

export class MoveQueue<C extends { id: string; version: number }, E> {
  private readonly order: string[] = [];
  private readonly versions = new Map<string, number>();
  private inFlight: MoveRequest | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly host: MoveQueueHost<C, E>) {}

  /** Queues a move of the card made on `version` (the version the user saw). */
  enqueue(cardId: string, version: number): void {
    if (!this.versions.has(cardId)) this.order.push(cardId);
    // Moved again before it was sent: the first version seen stays the one the move rests on.
    if (!this.versions.has(cardId)) this.versions.set(cardId, version);
    this.running ??= this.pump().finally(() => (this.running = null));
  }

  /** Cards whose move is waiting to be sent. */
  unsent(): ReadonlySet<string> {
    return new Set(this.order);
  }

  /** Cards with a move not yet answered (waiting or on the way). */
  pending(): ReadonlySet<string> {
    const all = new Set(this.order);
    if (this.inFlight) all.add(this.inFlight.cardId);
    return all;
  }

  /** Resolves when every queued move has been answered. */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  /** Forgets waiting moves (the board was read again; what it shows is the truth). */
  clear(): void {
    this.order.length = 0;
    this.versions.clear();
  }

  private async pump(): Promise<void> {
    for (let cardId = this.order.shift(); cardId !== undefined; cardId = this.order.shift()) {
      const version = this.versions.get(cardId)!;
      this.versions.delete(cardId);
      const placed = this.host.request(cardId, this.unsent());
      if (!placed) continue;
      const move: MoveRequest = { ...placed, version };
      this.inFlight = move;
      try {
        const card = await this.host.send(move);
        this.inFlight = null;
        // Moved again meanwhile, on the version this move had: that move rests on this one.
        if (this.versions.get(cardId) === version) this.versions.set(cardId, card.version);
        this.host.confirmed(card, move);
      } catch (err) {
        this.inFlight = null;
        // A later move of the same card rested on this one: it would fail the same way.
        if (this.versions.delete(cardId)) this.order.splice(this.order.indexOf(cardId), 1);
        this.host.failed(this.host.toError(err), move);
      }
    }
  }
}
