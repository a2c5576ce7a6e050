import { GraphQLError } from 'graphql';
import { conflictOnUnique } from './database-errors';
import { conflict } from './domain-error';
import { graphqlErrorFormatter } from './format-error';

const formatGraphqlError = graphqlErrorFormatter({ hideSchemaHints: true });

const pgError = (code: string, constraint?: string) =>
  Object.assign(new Error(`failed: SELECT secret FROM x`), {
    driverError: { code, constraint },
  });

const format = (original: Error) =>
  formatGraphqlError(
    { message: original.message, path: ['tags'] },
    new GraphQLError(original.message, { originalError: original }),
  );

describe('database errors', () => {
  it('answers a statement cancelled by a timeout as SERVICE_UNAVAILABLE, without the SQL', () => {
    for (const code of ['57014', '55P03', '25P03']) {
      const out = format(pgError(code));
      expect(out.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE' });
      expect(out.message).not.toContain('secret');
    }
  });

  it('answers a transaction that kept colliding as CONFLICT', () => {
    expect(format(pgError('40001')).extensions).toEqual({ code: 'CONFLICT' });
  });

  it('keeps other database failures an internal error with a generic message', () => {
    const out = format(pgError('23503'));
    expect(out).toEqual({
      message: 'Internal server error.',
      path: ['tags'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('turns a unique violation of the named index into the given CONFLICT, and nothing else', async () => {
    const taken = conflict('taken', { existingTagId: 'a' });
    await expect(
      conflictOnUnique(
        () => Promise.reject(pgError('23505', 'UQ_tag_project_lower_name')),
        () => taken,
        'UQ_tag_project_lower_name',
      ),
    ).rejects.toBe(taken);
    const other = pgError('23505', 'PK_tag');
    await expect(
      conflictOnUnique(
        () => Promise.reject(other),
        () => taken,
        'UQ_tag_project_lower_name',
      ),
    ).rejects.toBe(other);
    await expect(
      conflictOnUnique(
        () => Promise.resolve(7),
        () => taken,
      ),
    ).resolves.toBe(7);
  });
});
