import { type MonoTypeOperatorFunction, retry, timer } from 'rxjs';
import { toAppError } from '../errors/app-error';
import { isNotFound } from '../../shared/not-found';

/**
 * For live subscriptions: when the stream ends in an error, subscribe again after `delayMs`
 * and call `onGap` so the page can catch up on what it missed; stop when the resource is gone
 * or was never the user's (NOT_FOUND).
 */
export function resubscribeOnError<T>(
  onGap: () => void,
  delayMs = 2_000,
): MonoTypeOperatorFunction<T> {
  return retry({
    delay: (error: unknown) => {
      if (isNotFound(toAppError(error))) throw error;
      onGap();
      return timer(delayMs);
    },
  });
}
