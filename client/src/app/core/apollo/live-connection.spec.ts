import { describe, expect, it } from 'vitest';
import { retryDelayMs, websocketUrl } from './live-connection';

describe('live connection', () => {
  it('connects to /graphql on the page origin, secure when the page is', () => {
    expect(websocketUrl({ protocol: 'http:', host: 'localhost:3000' })).toBe(
      'ws://localhost:3000/graphql',
    );
    expect(websocketUrl({ protocol: 'https:', host: 'verbatim.example' })).toBe(
      'wss://verbatim.example/graphql',
    );
  });

  it('backs off exponentially but never waits more than about half a minute', () => {
    expect(retryDelayMs(0, 0)).toBe(1_000);
    expect(retryDelayMs(3, 0)).toBe(8_000);
    expect(retryDelayMs(20, 0.999)).toBeLessThan(31_000);
  });
});
