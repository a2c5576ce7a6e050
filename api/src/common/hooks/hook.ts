import { type EntityManager } from 'typeorm';

/** One module's part in another module's work, run inside that work's transaction. */
export type HookHandler<E, R> = (tx: EntityManager, event: E) => Promise<R>;

/**
 * A point where a module lets the modules that depend on it follow its work, in its transaction.
 *
 * A module writes only its own tables. When a change of one module's rows must change rows of a
 * module that depends on it (a split turn moves the suggestions anchored on it; merged tags move
 * their highlights), the depended-on module cannot call the other's service without an import
 * cycle. It declares a hook instead, an injectable subclass of this one, exported from its Nest
 * module; the dependent module registers a handler when it starts (`OnModuleInit`), and the
 * owner runs the handlers inside its transaction, in the order they registered. A handler's
 * error rolls the whole change back.
 *
 * Every hook names who listens in its own documentation, so a reader can follow the work.
 */
export abstract class Hook<E, R = void> {
  private readonly handlers: { module: string; handle: HookHandler<E, R> }[] = [];

  /** Registers `module`'s handler; registering a module twice replaces its handler. */
  on(module: string, handle: HookHandler<E, R>): void {
    const existing = this.handlers.findIndex((h) => h.module === module);
    if (existing >= 0) this.handlers[existing] = { module, handle };
    else this.handlers.push({ module, handle });
  }

  /** Runs every handler in turn inside `tx`; their results in registration order. */
  async run(tx: EntityManager, event: E): Promise<R[]> {
    const results: R[] = [];
    for (const { handle } of this.handlers) results.push(await handle(tx, event));
    return results;
  }

  /** The modules listening, in order (for tests and diagnostics). */
  get listeners(): string[] {
    return this.handlers.map((h) => h.module);
  }
}
