import { describe, expect, it } from 'vitest';
import { PendingAction } from './pending-action';

describe('a change made from a list page', () => {
  it('is busy while it runs and says nothing when it succeeds', async () => {
    const action = new PendingAction();
    let busyInside = false;
    await action.run(() => {
      busyInside = action.busy();
      return Promise.resolve();
    });
    expect(busyInside).toBe(true);
    expect(action.busy()).toBe(false);
    expect(action.error()).toBeNull();
  });

  it('says why it failed, until the next one starts', async () => {
    const action = new PendingAction();
    await action.run(() => Promise.reject(new Error('No access.')));
    expect(action.error()).toBe('No access.');
    expect(action.busy()).toBe(false);
    await action.run(() => Promise.resolve());
    expect(action.error()).toBeNull();
  });

  it('asks for a name when none was typed', () => {
    const action = new PendingAction();
    expect(action.required('  ', 'Give the board a name.')).toBeNull();
    expect(action.error()).toBe('Give the board a name.');
    expect(action.required('  Pricing ', 'Give the board a name.')).toBe('Pricing');
  });
});
