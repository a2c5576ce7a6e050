import { isServiceUnreachable } from './database-errors';

describe('isServiceUnreachable', () => {
  it.each([
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a pool that cannot connect in time', new Error('timeout exceeded when trying to connect')],
    [
      'PostgreSQL shutting down (57P01)',
      Object.assign(new Error('terminating connection due to administrator command'), {
        code: '57P01',
      }),
    ],
    [
      'a connection exception (class 08)',
      { driverError: { code: '08006' }, message: 'connection failure' },
    ],
  ])('recognises %s', (_what, error) => {
    expect(isServiceUnreachable(error)).toBe(true);
  });

  it.each([
    [
      'a unique violation',
      { code: '23505', message: 'duplicate key value violates unique constraint' },
    ],
    ['a syntax error', { code: '42601', message: 'syntax error at or near' }],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['nothing', undefined],
  ])('does not take %s for an outage', (_what, error) => {
    expect(isServiceUnreachable(error)).toBe(false);
  });
});
