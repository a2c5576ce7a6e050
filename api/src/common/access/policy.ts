import { Role } from './roles';

const ALL = [Role.OWNER, Role.EDITOR, Role.COMMENTER, Role.VIEWER] as const;

/**
 * The policy table: which workspace roles may perform each action. Every GraphQL operation and
 * REST endpoint declares one of these (or @Public / @SignedIn); the PolicyGuard enforces it.
 */
export const POLICY = {
  /** See the workspace, its projects, transcripts, participants, members and activity. */
  'workspace:read': ALL,
  'project:read': ALL,
  'transcript:read': ALL,
  /** Comment, reply, mention, react, and resolve or reopen threads. */
  'comment:write': [Role.OWNER, Role.EDITOR, Role.COMMENTER],
  /** Create projects; upload, import and delete transcripts; edit participants, tags, highlights. */
  'project:create': [Role.OWNER, Role.EDITOR],
  /** Rename a project, edit its description and its default transcript language. */
  'project:write': [Role.OWNER, Role.EDITOR],
  'transcript:write': [Role.OWNER, Role.EDITOR],
  'participant:write': [Role.OWNER, Role.EDITOR],
  /** Edit the codebook (tags) and highlight transcripts. */
  'codebook:write': [Role.OWNER, Role.EDITOR],
  'highlight:write': [Role.OWNER, Role.EDITOR],
  /** Create, arrange and delete theme boards, their themes and cards. */
  'board:write': [Role.OWNER, Role.EDITOR],
  /** Create, edit, publish and delete insights and change the evidence they rest on. */
  'insight:write': [Role.OWNER, Role.EDITOR],
  /** Read a project's reports (builder, preview) and export them. */
  'report:read': ALL,
  /** Create, edit, arrange and delete reports and their sections. */
  'report:write': [Role.OWNER, Role.EDITOR],
  /** Make and revoke links that show a report to anyone holding them. */
  'report:share': [Role.OWNER, Role.EDITOR],
  /** Give a transcript or theme to a member (with a due date and note), and take it back. */
  'assignment:write': [Role.OWNER, Role.EDITOR],
  /** Start and cancel analysis runs; accept and reject suggestions; read what was sent to a provider. */
  'analysis:run': [Role.OWNER, Role.EDITOR],
  'suggestion:review': [Role.OWNER, Role.EDITOR],
  'analysis:audit': [Role.OWNER, Role.EDITOR],
  /** Whether a project's text may be sent to the LLM provider, and what is redacted first. */
  'ai:configure': [Role.OWNER],
  /** Invite, revoke, change roles, remove members, restrict projects. */
  'member:manage': [Role.OWNER],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof POLICY;

export function roleAllows(role: Role, action: Action): boolean {
  return (POLICY[action] as readonly Role[]).includes(role);
}
