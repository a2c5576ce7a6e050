import { describe, expect, it } from 'vitest';
import { ROLES, capabilitiesFor, roleLabel } from './capabilities';

describe('capabilitiesFor', () => {
  it('matches the policy table: who reads, comments, edits and manages members', () => {
    expect(Object.fromEntries(ROLES.map((role) => [role, capabilitiesFor(role)]))).toEqual({
      OWNER: { read: true, comment: true, edit: true, manageMembers: true },
      EDITOR: { read: true, comment: true, edit: true, manageMembers: false },
      COMMENTER: { read: true, comment: true, edit: false, manageMembers: false },
      VIEWER: { read: true, comment: false, edit: false, manageMembers: false },
    });
  });

  it('offers nothing while the role is unknown or not one it knows', () => {
    const none = { read: false, comment: false, edit: false, manageMembers: false };
    expect(capabilitiesFor(null)).toEqual(none);
    expect(capabilitiesFor(undefined)).toEqual(none);
    expect(capabilitiesFor('SUPERUSER')).toEqual(none);
    expect(capabilitiesFor('toString')).toEqual(none);
  });

  it('names roles for people', () => {
    expect(ROLES.map(roleLabel)).toEqual(['Owner', 'Editor', 'Commenter', 'Viewer']);
  });
});
