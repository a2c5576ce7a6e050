import { type DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { inTransaction } from './transaction';

const failure = (code: string) => Object.assign(new Error(`SQLSTATE ${code}`), { code });
const wrapped = (code: string) =>
  Object.assign(new Error('QueryFailedError'), { driverError: { code } });

/** A DataSource whose transaction() runs the work on a dummy manager and counts the runs. */
function fakeDb() {
  const calls: (string | undefined)[] = [];
  const db = {
    transaction: (a: unknown, b?: unknown) => {
      const work = (typeof a === 'function' ? a : b) as (tx: EntityManager) => Promise<unknown>;
      calls.push(typeof a === 'string' ? a : undefined);
      return work({} as EntityManager);
    },
  } as unknown as DataSource;
  return { db, calls };
}

describe('inTransaction', () => {
  it('runs the work again after a serialization failure or a deadlock, and returns its result', async () => {
    const { db, calls } = fakeDb();
    const errors = [failure('40001'), wrapped('40P01')];
    const result = await inTransaction(db, () => {
      const next = errors.shift();
      return next ? Promise.reject(next) : Promise.resolve('done');
    });
    expect(result).toBe('done');
    expect(calls).toHaveLength(3);
  });

  it('answers CONFLICT when every run collided', async () => {
    const { db, calls } = fakeDb();
    const run = inTransaction(db, () => Promise.reject(failure('40001')), { attempts: 3 });
    await expect(run).rejects.toBeInstanceOf(DomainError);
    await expect(
      inTransaction(db, () => Promise.reject(failure('40001')), { attempts: 1 }),
    ).rejects.toMatchObject({ kind: 'CONFLICT' });
    expect(calls).toHaveLength(4);
  });

  it('throws any other error at once, without running the work again', async () => {
    const { db, calls } = fakeDb();
    const unique = wrapped('23505');
    await expect(inTransaction(db, () => Promise.reject(unique))).rejects.toBe(unique);
    expect(calls).toHaveLength(1);
  });

  it('passes the isolation level on', async () => {
    const { db, calls } = fakeDb();
    await inTransaction(db, () => Promise.resolve(1), { isolation: 'SERIALIZABLE' });
    expect(calls).toEqual(['SERIALIZABLE']);
  });
});
