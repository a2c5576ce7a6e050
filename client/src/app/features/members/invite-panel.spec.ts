import { describe, expect, it } from 'vitest';
import { invitationLink } from './invite-panel';

describe('invitationLink', () => {
  it('points at the accept page on this origin, with the token escaped', () => {
    expect(invitationLink('https://verbatim.example', 'abc_DEF-123')).toBe(
      'https://verbatim.example/invitations/abc_DEF-123',
    );
    expect(invitationLink('http://127.0.0.1:3000', 'a/b+c')).toBe(
      'http://127.0.0.1:3000/invitations/a%2Fb%2Bc',
    );
  });
});
