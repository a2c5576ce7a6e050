import DataLoader from 'dataloader';

/**
 * How to load a relation for many parents at once: one query for all the keys asked in the
 * same tick, answering by key. Keys it has no row for get `missing(key)` (an empty list, 0).
 */
export interface Batch<K, V> {
  /** Reads the values of these distinct keys, in one query; the map is keyed by `keyOf`. */
  load: (keys: K[]) => Promise<ReadonlyMap<string, V>>;
  missing: (key: K) => V;
  /** The identity of a key (default: the key itself, for string ids). */
  keyOf?: (key: K) => string;
}

/**
 * A batch whose keys are string ids: `load` answers a map from id to value.
 *
 * Access: a batch reads by the ids it is given and checks nothing, so it may only be given ids
 * of rows the caller was already allowed to read — the ids of parents that a guarded query,
 * mutation or live subscription returned (each field using one says so).
 */
export function batchById<V>(
  load: (ids: string[]) => Promise<ReadonlyMap<string, V>>,
  missing: (id: string) => V,
): Batch<string, V> {
  return { load, missing };
}

/**
 * The DataLoaders of one GraphQL operation (over HTTP or graphql-ws; made with its context):
 * every key asked of a batch while the operation resolves one level of its fields is loaded
 * in one query, so a list of 50 transcripts asks for their participants once, not 50 times.
 *
 * Loaders batch, they do not remember: a mutation's later fields and each event of a live
 * subscription (which shares its context with every event) must see the rows as they are
 * then, not as an earlier field read them. Keys asked twice in one batch are read once.
 */
export class RequestLoaders {
  /** One DataLoader per batch, made when the operation first asks for it. */
  private readonly loaders = new Map<object, unknown>();

  load<K, V>(batch: Batch<K, V>, key: K): Promise<V> {
    let loader = this.loaders.get(batch) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>((keys) => loadBatch(batch, keys), { cache: false });
      this.loaders.set(batch, loader);
    }
    return loader.load(key);
  }
}

async function loadBatch<K, V>(batch: Batch<K, V>, keys: readonly K[]): Promise<V[]> {
  const keyOf = batch.keyOf ?? ((key: K) => key as string);
  const distinct = new Map<string, K>();
  for (const key of keys) distinct.set(keyOf(key), key);
  const found = await batch.load([...distinct.values()]);
  return keys.map((key) => {
    const value = found.get(keyOf(key));
    return value === undefined ? batch.missing(key) : value;
  });
}
