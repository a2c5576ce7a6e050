/** One open page: a subscription of one user at one target. */
export interface PresenceEntry {
  /** Unique per subscription: a user with two tabs open is two entries. */
  connectionId: string;
  userId: string;
  name: string;
}

/**
 * Who is present where, each entry until its time to live runs out unless renewed. Bound to
 * Redis when REDIS_URL is set (shared by every api instance; a crashed instance's entries expire
 * on their own), to this process's memory otherwise.
 */
export abstract class PresenceStore {
  /** Marks the entry present at `target` for `ttlMs` from now (again: renews it). */
  abstract enter(target: string, entry: PresenceEntry, ttlMs: number): Promise<void>;

  abstract leave(target: string, entry: PresenceEntry): Promise<void>;

  /** The entries present at `target` now; expired ones are dropped. */
  abstract present(target: string): Promise<PresenceEntry[]>;

  abstract close(): Promise<void>;
}

/** The embedded default: one process, so its memory is everyone's presence. */
export class MemoryPresenceStore extends PresenceStore {
  private readonly targets = new Map<
    string,
    Map<string, { entry: PresenceEntry; until: number }>
  >();

  constructor(private readonly now: () => number = Date.now) {
    super();
  }

  enter(target: string, entry: PresenceEntry, ttlMs: number): Promise<void> {
    const entries =
      this.targets.get(target) ?? new Map<string, { entry: PresenceEntry; until: number }>();
    entries.set(entry.connectionId, { entry, until: this.now() + ttlMs });
    this.targets.set(target, entries);
    return Promise.resolve();
  }

  leave(target: string, entry: PresenceEntry): Promise<void> {
    const entries = this.targets.get(target);
    entries?.delete(entry.connectionId);
    if (entries?.size === 0) this.targets.delete(target);
    return Promise.resolve();
  }

  present(target: string): Promise<PresenceEntry[]> {
    const entries = this.targets.get(target);
    if (!entries) return Promise.resolve([]);
    const now = this.now();
    for (const [id, { until }] of entries) if (until <= now) entries.delete(id);
    if (entries.size === 0) this.targets.delete(target);
    return Promise.resolve([...entries.values()].map((e) => e.entry));
  }

  close(): Promise<void> {
    this.targets.clear();
    return Promise.resolve();
  }
}
