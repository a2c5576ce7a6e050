import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import { describe, expect, it } from 'vitest';
import { hasUnauthenticated, toAppError } from './app-error';

describe('toAppError', () => {
  it('takes the code and message of the first GraphQL error', () => {
    const error = new CombinedGraphQLErrors({
      errors: [
        { message: 'A workspace with that name already exists', extensions: { code: 'CONFLICT' } },
      ],
    });
    expect(toAppError(error)).toEqual({
      code: 'CONFLICT',
      message: 'A workspace with that name already exists',
    });
  });

  it('keeps what else the error says, such as the current state on a CONFLICT', () => {
    const error = new CombinedGraphQLErrors({
      errors: [
        {
          message: 'Someone changed this turn',
          extensions: { code: 'CONFLICT', currentText: 'Their words' },
        },
      ],
    });
    expect(toAppError(error)).toEqual({
      code: 'CONFLICT',
      message: 'Someone changed this turn',
      details: { currentText: 'Their words' },
    });
  });

  it('treats unknown codes as UNKNOWN but keeps the message', () => {
    const error = new CombinedGraphQLErrors({
      errors: [{ message: 'Boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
    expect(toAppError(error)).toEqual({ code: 'UNKNOWN', message: 'Boom' });
  });

  it('maps HTTP 401 to UNAUTHENTICATED and a failed fetch to NETWORK', () => {
    const response = new Response('', { status: 401 });
    expect(toAppError(new ServerError('Unauthorized', { response, bodyText: '' })).code).toBe(
      'UNAUTHENTICATED',
    );
    expect(toAppError(new TypeError('Failed to fetch')).code).toBe('NETWORK');
  });
});

describe('hasUnauthenticated', () => {
  it('finds UNAUTHENTICATED among several errors', () => {
    expect(
      hasUnauthenticated([
        { extensions: { code: 'FORBIDDEN' } },
        { extensions: { code: 'UNAUTHENTICATED' } },
      ]),
    ).toBe(true);
    expect(hasUnauthenticated([{ extensions: { code: 'NOT_FOUND' } }, {}])).toBe(false);
  });
});
