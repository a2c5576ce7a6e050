/**
 * Swaps one piece of the offline tagger or theme finder for another implementation, for the
 * library comparison (compare-libraries.ts): the modules are CommonJS, and the tagger reads its
 * pieces from their exports when it calls them, so replacing an export replaces the piece. Each
 * swapped piece's CPU time (user + system: the comparison runs on a shared machine, where wall time
 * says more about the neighbours) is added up and printed when the process ends (`PIECE name ms calls`).
 */
export function swapExport<T extends (...args: never[]) => unknown>(
  module: Record<string, unknown>,
  name: string,
  label: string,
  replacement: T,
): void {
  const timer = cpuTimer();
  module[name] = (...args: Parameters<T>): ReturnType<T> =>
    timer.time(() => replacement(...args) as ReturnType<T>);
  timer.report(label);
}

/** The same for a class: its construction and every method call are timed. */
export function swapClass<C extends new (...args: never[]) => object>(
  module: Record<string, unknown>,
  name: string,
  label: string,
  Replacement: C,
): void {
  const timer = cpuTimer();
  module[name] = new Proxy(Replacement, {
    construct(target, args) {
      const instance = timer.time(() => Reflect.construct(target, args) as object);
      return new Proxy(instance, {
        get(obj, key, receiver) {
          const value = Reflect.get(obj, key, receiver) as unknown;
          return typeof value === 'function'
            ? (...a: unknown[]) =>
                timer.time(() => (value as (...x: unknown[]) => unknown).apply(obj, a))
            : value;
        },
      });
    },
  });
  timer.report(label);
}

/** Adds up the CPU time of the calls it times; nested calls count once. */
function cpuTimer(): { time<R>(f: () => R): R; report(label: string): void } {
  let micros = 0;
  let calls = 0;
  let depth = 0;
  return {
    time<R>(f: () => R): R {
      const start = depth++ === 0 ? process.cpuUsage() : null;
      try {
        return f();
      } finally {
        depth--;
        if (start) {
          const used = process.cpuUsage(start);
          micros += used.user + used.system;
          calls++;
        }
      }
    },
    report(label: string): void {
      process.on('exit', () => console.log(`PIECE ${label} ${Math.round(micros / 1000)} ${calls}`));
    },
  };
}
