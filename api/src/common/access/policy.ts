import { Role } from './roles';

/**
 * The policy table: which workspace roles may perform each action. Every resolver and REST
 * endpoint that touches workspace data goes through AccessService.require with one of these.
 */
export const POLICY = {
  'workspace:read': [Role.OWNER, Role.EDITOR, Role.COMMENTER, Role.VIEWER],
  'project:create': [Role.OWNER, Role.EDITOR],
  'project:read': [Role.OWNER, Role.EDITOR, Role.COMMENTER, Role.VIEWER],
  'transcript:read': [Role.OWNER, Role.EDITOR, Role.COMMENTER, Role.VIEWER],
  'transcript:write': [Role.OWNER, Role.EDITOR],
  'participant:write': [Role.OWNER, Role.EDITOR],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof POLICY;

export function roleAllows(role: Role, action: Action): boolean {
  return (POLICY[action] as readonly Role[]).includes(role);
}
