import { GraphQLSchemaHost } from '@nestjs/graphql';
import { createClient } from 'graphql-ws';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import WebSocket from 'ws';
import { type Action, POLICY } from '../src/common/access/policy';
import { Role } from '../src/common/access/roles';
import { FileStore } from '../src/common/files/file-store';
import { TestApp, type TestUser } from './test-app';

/**
 * The authorization matrix: every query, mutation and subscription of the live schema (and the
 * REST upload) is called as an anonymous caller, a signed-in non-member and each workspace role,
 * and the outcome is compared with the policy table. An operation missing here fails the test.
 */

type Who = 'anonymous' | 'outsider' | Role;
const EVERYONE: Who[] = [
  'anonymous',
  'outsider',
  Role.OWNER,
  Role.EDITOR,
  Role.COMMENTER,
  Role.VIEWER,
];
const PASSWORD = 'correct horse battery staple';

type Rule = { kind: 'public' } | { kind: 'signed-in' } | { kind: 'action'; action: Action };
interface Call {
  query: string;
  variables?: Record<string, unknown>;
  /** Use this token instead of the caller's (e.g. a second session to log out of). */
  token?: string;
}
interface Case {
  rule: Rule;
  call: (w: World, who: Who) => Promise<Call> | Call;
  /** Needs a world of its own per caller (the call ends the caller's membership or sessions). */
  fresh?: boolean;
}

const pub: Rule = { kind: 'public' };
const signedIn: Rule = { kind: 'signed-in' };
const needs = (action: Action): Rule => ({ kind: 'action', action });

interface World {
  t: TestApp;
  users: Record<Exclude<Who, 'anonymous'>, TestUser>;
  host: TestUser;
  workspaceId: string;
  projectId: string;
  transcriptId: string;
  segmentId: string;
  participantId: string;
}

const OPERATIONS: Record<string, Case> = {
  // ---- queries
  me: { rule: signedIn, call: () => ({ query: `{ me { id } }` }) },
  workspaces: { rule: signedIn, call: () => ({ query: `{ workspaces { totalCount } }` }) },
  searchLanguages: { rule: signedIn, call: () => ({ query: `{ searchLanguages { code name } }` }) },
  workspace: {
    rule: needs('workspace:read'),
    call: (w) => ({
      query: `query($id: ID!) { workspace(id: $id) { id } }`,
      variables: { id: w.workspaceId },
    }),
  },
  projects: {
    rule: needs('workspace:read'),
    call: (w) => ({
      query: `query($w: ID!) { projects(workspaceId: $w) { totalCount } }`,
      variables: { w: w.workspaceId },
    }),
  },
  project: {
    rule: needs('project:read'),
    call: (w) => ({
      query: `query($id: ID!) { project(id: $id) { id } }`,
      variables: { id: w.projectId },
    }),
  },
  transcripts: {
    rule: needs('project:read'),
    call: (w) => ({
      query: `query($p: ID!) { transcripts(projectId: $p) { totalCount } }`,
      variables: { p: w.projectId },
    }),
  },
  transcript: {
    rule: needs('transcript:read'),
    call: (w) => ({
      query: `query($id: ID!) { transcript(id: $id) { id segments { text } assignments { id } } }`,
      variables: { id: w.transcriptId },
    }),
  },
  participants: {
    rule: needs('project:read'),
    call: (w) => ({
      query: `query($p: ID!) { participants(projectId: $p) { id } }`,
      variables: { p: w.projectId },
    }),
  },
  speakerMappings: {
    rule: needs('project:read'),
    call: (w) => ({
      query: `query($f: SpeakerMappingFilter!) { speakerMappings(filter: $f) { totalCount } }`,
      variables: { f: { projectId: w.projectId } },
    }),
  },
  members: {
    rule: needs('workspace:read'),
    call: (w) => ({
      query: `query($w: ID!) { members(workspaceId: $w) { totalCount } }`,
      variables: { w: w.workspaceId },
    }),
  },
  activity: {
    rule: needs('workspace:read'),
    call: (w) => ({
      query: `query($w: ID!) { activity(workspaceId: $w) { totalCount } }`,
      variables: { w: w.workspaceId },
    }),
  },
  invitations: {
    rule: needs('member:manage'),
    call: (w) => ({
      query: `query($w: ID!) { invitations(workspaceId: $w) { id } }`,
      variables: { w: w.workspaceId },
    }),
  },
  projectMemberIds: {
    rule: needs('member:manage'),
    call: (w) => ({
      query: `query($p: ID!) { projectMemberIds(projectId: $p) }`,
      variables: { p: w.projectId },
    }),
  },
  tags: {
    rule: needs('project:read'),
    call: (w) => ({
      query: `query($p: ID!) { tags(projectId: $p) { id } }`,
      variables: { p: w.projectId },
    }),
  },
  highlights: {
    rule: needs('project:read'),
    call: (w) => ({
      query: `query($f: HighlightFilter!) { highlights(filter: $f) { totalCount } }`,
      variables: { f: { projectId: w.projectId } },
    }),
  },
  tagEvidence: {
    rule: needs('project:read'),
    call: (w) => ({
      query: `query($f: HighlightFilter!) { tagEvidence(filter: $f) { highlightCount } }`,
      variables: { f: { projectId: w.projectId } },
    }),
  },
  tagMatrix: {
    rule: needs('project:read'),
    call: (w) => ({
      query: `query($f: HighlightFilter!) { tagMatrix(filter: $f) { max } }`,
      variables: { f: { projectId: w.projectId } },
    }),
  },
  search: {
    rule: needs('project:read'),
    call: (w) => ({
      query: `query($i: SearchInput!) { search(input: $i) { totalCount } }`,
      variables: { i: { projectId: w.projectId, query: 'yes' } },
    }),
  },
  invitation: {
    rule: pub,
    call: async (w) => ({
      query: `query($t: String!) { invitation(token: $t) { status } }`,
      variables: {
        t: await invite(w, w.users.OWNER, w.workspaceId, `${randomUUID()}@example.com`),
      },
    }),
  },
  // ---- mutations
  signUp: {
    rule: pub,
    call: () => ({
      query: `mutation($i: SignUpInput!) { signUp(input: $i) { token } }`,
      variables: { i: { email: `${randomUUID()}@example.com`, password: PASSWORD, name: 'N' } },
    }),
  },
  logIn: {
    rule: pub,
    call: (w) => ({
      query: `mutation($i: LogInInput!) { logIn(input: $i) { token } }`,
      variables: { i: { email: w.host.email, password: PASSWORD } },
    }),
  },
  refreshSession: {
    rule: pub,
    call: async (w) => ({
      query: `mutation($r: String!) { refreshSession(refreshToken: $r) { token } }`,
      variables: { r: (await session(w, w.host)).refreshToken },
    }),
  },
  // Public on purpose: a client whose access token expired can still end its session with the
  // refresh token alone.
  logOut: {
    rule: pub,
    call: async (w, who) => {
      if (who === 'anonymous') {
        return {
          query: `mutation($r: String) { logOut(refreshToken: $r) }`,
          variables: { r: (await session(w, w.host)).refreshToken },
        };
      }
      const s = await session(w, w.users[who]);
      return {
        query: `mutation($r: String) { logOut(refreshToken: $r) }`,
        variables: { r: s.refreshToken },
        token: s.token,
      };
    },
  },
  logOutEverywhere: {
    rule: signedIn,
    fresh: true,
    call: () => ({ query: `mutation { logOutEverywhere }` }),
  },
  // Scoped to the caller: each user reads and marks only their own notifications.
  projectDigest: {
    rule: needs('project:read'),
    call: (w) => ({
      query: `query($p: ID!) { projectDigest(projectId: $p) { since newComments { count } } }`,
      variables: { p: w.projectId },
    }),
  },
  notifications: {
    rule: signedIn,
    call: () => ({ query: `{ notifications(first: 5, unreadOnly: true) { totalCount } }` }),
  },
  unreadNotificationCount: {
    rule: signedIn,
    call: () => ({ query: `{ unreadNotificationCount }` }),
  },
  markProjectSeen: {
    rule: needs('project:read'),
    call: (w) => ({
      query: `mutation($p: ID!) { markProjectSeen(projectId: $p) }`,
      variables: { p: w.projectId },
    }),
  },
  markTranscriptSeen: {
    rule: needs('transcript:read'),
    call: (w) => ({
      query: `mutation($t: ID!) { markTranscriptSeen(transcriptId: $t) }`,
      variables: { t: w.transcriptId },
    }),
  },
  markBoardSeen: {
    rule: needs('project:read'),
    call: async (w) => ({
      query: `mutation($b: ID!) { markBoardSeen(boardId: $b, version: 1) }`,
      variables: { b: await board(w) },
    }),
  },
  markNotificationsRead: {
    rule: signedIn,
    call: () => ({
      query: `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { id } }`,
      variables: { ids: [randomUUID()] },
    }),
  },
  markAllNotificationsRead: {
    rule: signedIn,
    call: () => ({ query: `mutation { markAllNotificationsRead }` }),
  },
  // Scoped to the caller: each user reads and saves only their own e-mail settings.
  notificationSettings: {
    rule: signedIn,
    call: () => ({ query: `{ notificationSettings { digest emailConfigured } }` }),
  },
  updateNotificationSettings: {
    rule: signedIn,
    call: () => ({
      query: `mutation($i: UpdateNotificationSettingsInput!) { updateNotificationSettings(input: $i) { digest } }`,
      variables: {
        i: { timeZone: 'Europe/Lisbon', digestHour: 9, digest: 'WEEKLY', mentionsByEmail: false },
      },
    }),
  },
  changePassword: {
    rule: signedIn,
    fresh: true,
    call: () => ({
      query: `mutation($i: ChangePasswordInput!) { changePassword(input: $i) { token } }`,
      variables: { i: { currentPassword: PASSWORD, newPassword: `${PASSWORD} 2` } },
    }),
  },
  createWorkspace: {
    rule: signedIn,
    call: () => ({ query: `mutation { createWorkspace(input: { name: "W" }) { id } }` }),
  },
  createProject: {
    rule: needs('project:create'),
    call: (w) => ({
      query: `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
      variables: { i: { workspaceId: w.workspaceId, name: 'P' } },
    }),
  },
  updateProject: {
    rule: needs('project:write'),
    call: (w) => ({
      query: `mutation($i: UpdateProjectInput!) { updateProject(input: $i) { id defaultLanguage } }`,
      variables: { i: { id: w.projectId, defaultLanguage: 'en' } },
    }),
  },
  updateProjectAccess: {
    rule: needs('member:manage'),
    call: (w) => ({
      query: `mutation($i: UpdateProjectAccessInput!) { updateProjectAccess(input: $i) { id } }`,
      variables: { i: { projectId: w.projectId, restricted: false } },
    }),
  },
  importTranscript: {
    rule: needs('transcript:write'),
    call: (w) => ({
      query: `mutation($i: ImportTranscriptInput!) { importTranscript(input: $i) { id } }`,
      variables: {
        i: { projectId: w.projectId, filename: 'x.txt', content: `A: ${randomUUID()}\nB: reply\n` },
      },
    }),
  },
  updateTranscript: {
    rule: needs('transcript:write'),
    call: (w) => ({
      query: `mutation($i: UpdateTranscriptInput!) { updateTranscript(input: $i) { id } }`,
      variables: { i: { id: w.transcriptId, language: 'en' } },
    }),
  },
  deleteTranscript: {
    rule: needs('transcript:write'),
    call: async (w) => ({
      query: `mutation($id: ID!) { deleteTranscript(id: $id) }`,
      variables: { id: await transcript(w) },
    }),
  },
  retryTranscript: {
    rule: needs('transcript:write'),
    call: async (w) => {
      const id = await transcript(w);
      await w.t.jobs.idle();
      await w.t.app
        .get(DataSource)
        .query(`UPDATE transcript SET status = 'FAILED', error = 'test' WHERE id = $1`, [id]);
      return {
        query: `mutation($id: ID!) { retryTranscript(id: $id) { status } }`,
        variables: { id },
      };
    },
  },
  updateParticipant: {
    rule: needs('participant:write'),
    call: (w) => ({
      query: `mutation($i: UpdateParticipantInput!) { updateParticipant(input: $i) { id } }`,
      variables: { i: { id: w.participantId, displayName: 'Renamed' } },
    }),
  },
  mapSpeaker: {
    rule: needs('participant:write'),
    call: async (w) => {
      const speaker = await genericSpeaker(w);
      return {
        query: `mutation($i: MapSpeakerInput!) { mapSpeaker(input: $i) { id } }`,
        variables: {
          i: {
            transcriptId: speaker.transcriptId,
            participantId: speaker.participantId,
            targetParticipantId: speaker.otherId,
          },
        },
      };
    },
  },
  undoSpeakerMapping: {
    rule: needs('participant:write'),
    call: async (w) => ({
      query: `mutation($i: UndoSpeakerMappingInput!) { undoSpeakerMapping(input: $i) { id } }`,
      variables: { i: { id: await speakerMapping(w) } },
    }),
  },
  createTag: {
    rule: needs('codebook:write'),
    call: (w) => ({
      query: `mutation($i: CreateTagInput!) { createTag(input: $i) { id } }`,
      variables: { i: { projectId: w.projectId, name: `Tag ${randomUUID()}` } },
    }),
  },
  updateTag: {
    rule: needs('codebook:write'),
    call: async (w) => ({
      query: `mutation($i: UpdateTagInput!) { updateTag(input: $i) { id } }`,
      variables: { i: { id: await tag(w), description: 'edited' } },
    }),
  },
  createHighlight: {
    rule: needs('highlight:write'),
    call: (w) => ({
      query: `mutation($i: CreateHighlightInput!) { createHighlight(input: $i) { id } }`,
      variables: {
        i: {
          transcriptId: w.transcriptId,
          start: { segmentId: w.segmentId, offset: 0 },
          end: { segmentId: w.segmentId, offset: 3 },
        },
      },
    }),
  },
  updateHighlight: {
    rule: needs('highlight:write'),
    call: async (w) => ({
      query: `mutation($i: UpdateHighlightInput!) { updateHighlight(input: $i) { id } }`,
      variables: { i: { id: await highlight(w), note: 'n' } },
    }),
  },
  deleteHighlight: {
    rule: needs('highlight:write'),
    call: async (w) => ({
      query: `mutation($id: ID!) { deleteHighlight(id: $id) }`,
      variables: { id: await highlight(w) },
    }),
  },
  mergeTags: {
    rule: needs('codebook:write'),
    call: async (w) => ({
      query: `mutation($i: MergeTagsInput!) { mergeTags(input: $i) { id } }`,
      variables: { i: { sourceId: await tag(w), targetId: await tag(w) } },
    }),
  },
  correctSegment: {
    rule: needs('transcript:write'),
    call: (w) => ({
      query: `mutation($i: CorrectSegmentInput!) { correctSegment(input: $i) { reanchoredCount } }`,
      variables: { i: { segmentId: w.segmentId, text: `Corrected ${randomUUID()}` } },
    }),
  },
  splitSegment: {
    rule: needs('transcript:write'),
    call: async (w) => {
      const turn = await secondTurn(w);
      return {
        query: `mutation($i: SplitSegmentInput!) { splitSegment(input: $i) { reanchoredCount } }`,
        variables: { i: { segmentId: turn.id, offset: turn.text.indexOf(' ') + 1 } },
      };
    },
  },
  mergeSegments: {
    rule: needs('transcript:write'),
    call: async (w) => ({
      query: `mutation($i: MergeSegmentsInput!) { mergeSegments(input: $i) { reanchoredCount } }`,
      variables: { i: { firstSegmentId: (await secondTurn(w)).id } },
    }),
  },
  inviteMember: {
    rule: needs('member:manage'),
    call: (w) => ({
      query: `mutation($i: InviteMemberInput!) { inviteMember(input: $i) { id } }`,
      variables: {
        i: { workspaceId: w.workspaceId, email: `${randomUUID()}@example.com`, role: 'VIEWER' },
      },
    }),
  },
  revokeInvitation: {
    rule: needs('member:manage'),
    call: async (w) => ({
      query: `mutation($id: ID!) { revokeInvitation(id: $id) }`,
      variables: { id: await invitationId(w) },
    }),
  },
  acceptInvitation: {
    rule: signedIn,
    call: async (w, who) => {
      const email = who === 'anonymous' ? `${randomUUID()}@example.com` : w.users[who].email;
      const ws = await w.t.ok<{ createWorkspace: { id: string } }>(
        `mutation { createWorkspace(input: { name: "Host" }) { id } }`,
        {},
        w.host.token,
      );
      return {
        query: `mutation($t: String!) { acceptInvitation(token: $t) { id } }`,
        variables: { t: await invite(w, w.host, ws.createWorkspace.id, email) },
      };
    },
  },
  updateMemberRole: {
    rule: needs('member:manage'),
    call: async (w) => ({
      query: `mutation($i: UpdateMemberRoleInput!) { updateMemberRole(input: $i) { role } }`,
      variables: {
        i: { workspaceId: w.workspaceId, userId: (await extraMember(w)).id, role: 'EDITOR' },
      },
    }),
  },
  removeMember: {
    rule: needs('member:manage'),
    call: async (w) => ({
      query: `mutation($i: RemoveMemberInput!) { removeMember(input: $i) }`,
      variables: { i: { workspaceId: w.workspaceId, userId: (await extraMember(w)).id } },
    }),
  },
  analysisRun: {
    rule: needs('project:read'),
    call: async (w) => ({
      query: `query($id: ID!) { analysisRun(id: $id) { id } }`,
      variables: { id: (await suggestion(w)).runId },
    }),
  },
  projectImport: {
    rule: needs('project:create'),
    call: async (w) => ({
      query: `query($id: ID!) { projectImport(id: $id) { status projectId error counts { transcripts codes codings } } }`,
      variables: { id: await projectImport(w) },
    }),
  },
  analysisCoverage: {
    rule: needs('project:read'),
    call: (w) => ({
      query: `query($p: ID!) { analysisCoverage(projectId: $p) { codebookChangedAt } }`,
      variables: { p: w.projectId },
    }),
  },
  analysisRuns: {
    rule: needs('project:read'),
    call: (w) => ({
      query: `query($p: ID!) { analysisRuns(projectId: $p) { totalCount } }`,
      variables: { p: w.projectId },
    }),
  },
  suggestions: {
    rule: needs('project:read'),
    call: async (w) => ({
      query: `query($f: SuggestionFilter!) { suggestions(filter: $f) { totalCount } }`,
      variables: { f: { runId: (await suggestion(w)).runId } },
    }),
  },
  startAnalysis: {
    rule: needs('analysis:run'),
    call: async (w) => {
      await w.t.jobs.idle(); // earlier runs have finished, so the active-run limit is not in the way
      return {
        query: `mutation($i: StartAnalysisInput!) { startAnalysis(input: $i) { id } }`,
        variables: {
          i: { projectId: w.projectId, transcriptIds: [w.transcriptId], mode: 'INDUCTIVE' },
        },
      };
    },
  },
  cancelAnalysis: {
    rule: needs('analysis:run'),
    call: async (w) => ({
      query: `mutation($id: ID!) { cancelAnalysis(id: $id) { status } }`,
      variables: { id: await analysisRunRow(w, 'QUEUED') },
    }),
  },
  retryAnalysisRun: {
    rule: needs('analysis:run'),
    call: async (w) => {
      // Rows other cases left queued (they have no jobs) must not hold the active-run limit.
      await w.t.jobs.idle();
      await w.t.app
        .get(DataSource)
        .query(
          `UPDATE analysis_run SET status = 'CANCELLED' WHERE project_id = $1 AND status IN ('QUEUED', 'RUNNING')`,
          [w.projectId],
        );
      return {
        query: `mutation($id: ID!) { retryAnalysisRun(id: $id) { status } }`,
        variables: { id: await analysisRunRow(w, 'FAILED') },
      };
    },
  },
  acceptSuggestion: {
    rule: needs('suggestion:review'),
    call: async (w) => ({
      query: `mutation($id: ID!) { acceptSuggestion(id: $id) { status } }`,
      variables: { id: (await suggestion(w)).id },
    }),
  },
  updateProposedTheme: {
    rule: needs('suggestion:review'),
    call: async (w) => {
      const { id, runId } = await suggestion(w);
      const name = `Theme ${id}`;
      await w.t.app
        .get(DataSource)
        .query(`UPDATE suggestion SET tag_ids = '{}', theme_name = $2 WHERE id = $1`, [id, name]);
      return {
        query: `mutation($i: UpdateProposedThemeInput!) { updateProposedTheme(input: $i) { name } }`,
        variables: { i: { runId, name, definition: 'Reviewed.' } },
      };
    },
  },
  rejectSuggestion: {
    rule: needs('suggestion:review'),
    call: async (w) => ({
      query: `mutation($id: ID!) { rejectSuggestion(id: $id, reason: "no") { status } }`,
      variables: { id: (await suggestion(w)).id },
    }),
  },
  acceptSuggestions: {
    rule: needs('suggestion:review'),
    call: async (w) => ({
      query: `mutation($i: AcceptSuggestionsInput!) { acceptSuggestions(input: $i) { accepted } }`,
      variables: { i: { runId: (await suggestion(w)).runId, minConfidence: 0.5 } },
    }),
  },
  updateProjectAiSettings: {
    rule: needs('ai:configure'),
    call: (w) => ({
      query: `mutation($i: UpdateProjectAiSettingsInput!) { updateProjectAiSettings(input: $i) { aiAllowed } }`,
      variables: { i: { projectId: w.projectId, redactNames: true } },
    }),
  },
  leaveWorkspace: {
    rule: needs('workspace:read'),
    fresh: true,
    call: async (w) => {
      await extraMember(w, 'OWNER'); // so that the OWNER caller is not the last one
      return {
        query: `mutation($w: ID!) { leaveWorkspace(workspaceId: $w) }`,
        variables: { w: w.workspaceId },
      };
    },
  },
  boards: {
    rule: needs('project:read'),
    call: (w) => ({
      query: `query($p: ID!) { boards(projectId: $p) { id } }`,
      variables: { p: w.projectId },
    }),
  },
  board: {
    rule: needs('project:read'),
    call: async (w) => ({
      query: `query($id: ID!) { board(id: $id) { id themes { id commentCount evidence(attribute: "role") { highlights } insight { id title } assignments { id } } } }`,
      variables: { id: await promotedBoard(w) },
    }),
  },
  createBoard: {
    rule: needs('board:write'),
    call: (w) => ({
      query: `mutation($i: CreateBoardInput!) { createBoard(input: $i) { id } }`,
      variables: { i: { projectId: w.projectId, name: 'Board' } },
    }),
  },
  updateBoard: {
    rule: needs('board:write'),
    call: async (w) => ({
      query: `mutation($i: UpdateBoardInput!) { updateBoard(input: $i) { id } }`,
      variables: { i: { id: await board(w), name: 'Renamed' } },
    }),
  },
  deleteBoard: {
    rule: needs('board:write'),
    call: async (w) => ({
      query: `mutation($id: ID!) { deleteBoard(id: $id) }`,
      variables: { id: await board(w) },
    }),
  },
  createTheme: {
    rule: needs('board:write'),
    call: async (w) => ({
      query: `mutation($i: CreateThemeInput!) { createTheme(input: $i) { id } }`,
      variables: { i: { boardId: await board(w), title: 'Theme' } },
    }),
  },
  updateTheme: {
    rule: needs('board:write'),
    call: async (w) => ({
      query: `mutation($i: UpdateThemeInput!) { updateTheme(input: $i) { id } }`,
      variables: { i: { id: (await boardTheme(w)).id, title: 'Renamed' } },
    }),
  },
  deleteTheme: {
    rule: needs('board:write'),
    call: async (w) => ({
      query: `mutation($id: ID!) { deleteTheme(id: $id) }`,
      variables: { id: (await boardTheme(w)).id },
    }),
  },
  moveTheme: {
    rule: needs('board:write'),
    call: async (w) => {
      const theme = await boardTheme(w);
      return {
        query: `mutation($i: MoveThemeInput!) { moveTheme(input: $i) { id } }`,
        variables: { i: { themeId: theme.id, afterThemeId: null, version: theme.version } },
      };
    },
  },
  addCards: {
    rule: needs('board:write'),
    call: async (w) => ({
      query: `mutation($i: AddCardsInput!) { addCards(input: $i) { id } }`,
      variables: { i: { boardId: await board(w), highlightIds: [await highlight(w)] } },
    }),
  },
  addNote: {
    rule: needs('board:write'),
    call: async (w) => ({
      query: `mutation($i: AddNoteInput!) { addNote(input: $i) { id } }`,
      variables: { i: { boardId: await board(w), text: 'A thought' } },
    }),
  },
  updateNote: {
    rule: needs('board:write'),
    call: async (w) => {
      const note = await boardNote(w);
      return {
        query: `mutation($i: UpdateNoteInput!) { updateNote(input: $i) { id } }`,
        variables: { i: { cardId: note.id, text: 'Another thought', version: note.version } },
      };
    },
  },
  moveCard: {
    rule: needs('board:write'),
    call: async (w) => {
      const note = await boardNote(w);
      return {
        query: `mutation($i: MoveCardInput!) { moveCard(input: $i) { id } }`,
        variables: {
          i: { cardId: note.id, themeId: null, afterCardId: null, version: note.version },
        },
      };
    },
  },
  removeCard: {
    rule: needs('board:write'),
    call: async (w) => ({
      query: `mutation($id: ID!) { removeCard(id: $id) }`,
      variables: { id: (await boardNote(w)).id },
    }),
  },
  suggestThemes: {
    rule: needs('board:write'),
    call: async (w) => ({
      query: `mutation($i: SuggestThemesInput!) { suggestThemes(input: $i) { id status } }`,
      variables: {
        i: { boardId: await board(w), highlightIds: [await highlight(w), await highlight(w)] },
      },
    }),
  },
  themeSuggestionRun: {
    rule: needs('project:read'),
    call: async (w) => ({
      query: `query($id: ID!) { themeSuggestionRun(id: $id) { id status } }`,
      variables: { id: (await themeSuggestionRun(w)).id },
    }),
  },
  applyThemeSuggestions: {
    rule: needs('board:write'),
    call: async (w) => {
      const run = await themeSuggestionRun(w);
      return {
        query: `mutation($i: ApplyThemeSuggestionsInput!) { applyThemeSuggestions(input: $i) { skippedHighlightIds } }`,
        variables: {
          i: { runId: run.id, proposals: [{ title: 'Suggested', highlightIds: run.highlightIds }] },
        },
      };
    },
  },
  insights: {
    rule: needs('project:read'),
    call: (w) => ({
      query: `query($f: InsightFilter!) { insights(filter: $f) { totalCount edges { node { id evidenceCount { highlights } } } } }`,
      variables: { f: { workspaceId: w.workspaceId, query: 'finding' } },
    }),
  },
  insight: {
    rule: needs('project:read'),
    call: async (w) => ({
      query: `query($id: ID!) { insight(id: $id) { id commentCount evidence { highlight { id commentCount } } tags { id } } }`,
      variables: { id: (await insight(w)).id },
    }),
  },
  createInsight: {
    rule: needs('insight:write'),
    call: async (w) => ({
      query: `mutation($i: CreateInsightInput!) { createInsight(input: $i) { id } }`,
      variables: {
        i: { projectId: w.projectId, title: 'A finding', highlightIds: [await highlight(w)] },
      },
    }),
  },
  updateInsight: {
    rule: needs('insight:write'),
    call: async (w) => {
      const made = await insight(w);
      return {
        query: `mutation($i: UpdateInsightInput!) { updateInsight(input: $i) { id } }`,
        variables: { i: { id: made.id, version: made.version, status: 'PUBLISHED' } },
      };
    },
  },
  deleteInsight: {
    rule: needs('insight:write'),
    call: async (w) => ({
      query: `mutation($id: ID!) { deleteInsight(id: $id) }`,
      variables: { id: (await insight(w)).id },
    }),
  },
  addEvidence: {
    rule: needs('insight:write'),
    call: async (w) => ({
      query: `mutation($i: AddEvidenceInput!) { addEvidence(input: $i) { id } }`,
      variables: { i: { insightId: (await insight(w)).id, highlightIds: [await highlight(w)] } },
    }),
  },
  removeEvidence: {
    rule: needs('insight:write'),
    call: async (w) => {
      const highlightId = await highlight(w);
      return {
        query: `mutation($i: RemoveEvidenceInput!) { removeEvidence(input: $i) { id } }`,
        variables: {
          i: { insightId: (await insight(w, [highlightId])).id, highlightIds: [highlightId] },
        },
      };
    },
  },
  report: {
    rule: needs('report:read'),
    call: async (w) => ({
      query: `query($id: ID!) { report(id: $id) { id previewHtml sections { id quotes { text } svg } shares { id } } }`,
      variables: { id: (await report(w)).id },
    }),
  },
  reports: {
    rule: needs('report:read'),
    call: (w) => ({
      query: `query($p: ID!) { reports(projectId: $p) { totalCount edges { node { id } } } }`,
      variables: { p: w.projectId },
    }),
  },
  // Public on purpose: a share link shows its report to anyone holding the token.
  sharedReport: {
    rule: pub,
    call: async (w) => ({
      query: `query($t: String!) { sharedReport(token: $t) { title sections { kind } } }`,
      variables: { t: (await reportShare(w)).token },
    }),
  },
  createReport: {
    rule: needs('report:write'),
    call: (w) => ({
      query: `mutation($i: CreateReportInput!) { createReport(input: $i) { id } }`,
      variables: { i: { projectId: w.projectId, title: 'A report' } },
    }),
  },
  updateReport: {
    rule: needs('report:write'),
    call: async (w) => {
      const made = await report(w);
      return {
        query: `mutation($i: UpdateReportInput!) { updateReport(input: $i) { id } }`,
        variables: { i: { reportId: made.id, title: 'Renamed', version: made.version } },
      };
    },
  },
  deleteReport: {
    rule: needs('report:write'),
    call: async (w) => ({
      query: `mutation($id: ID!) { deleteReport(id: $id) }`,
      variables: { id: (await report(w)).id },
    }),
  },
  addReportSection: {
    rule: needs('report:write'),
    call: async (w) => ({
      query: `mutation($i: AddReportSectionInput!) { addReportSection(input: $i) { id } }`,
      variables: {
        i: { reportId: (await report(w)).id, kind: 'QUOTES', highlightIds: [await highlight(w)] },
      },
    }),
  },
  updateReportSection: {
    rule: needs('report:write'),
    call: async (w) => {
      const section = await reportSection(w);
      return {
        query: `mutation($i: UpdateReportSectionInput!) { updateReportSection(input: $i) { id } }`,
        variables: { i: { sectionId: section.id, text: 'Edited', version: section.version } },
      };
    },
  },
  moveReportSection: {
    rule: needs('report:write'),
    call: async (w) => {
      const section = await reportSection(w);
      return {
        query: `mutation($i: MoveReportSectionInput!) { moveReportSection(input: $i) { id } }`,
        variables: {
          i: { sectionId: section.id, afterSectionId: null, version: section.reportVersion },
        },
      };
    },
  },
  removeReportSection: {
    rule: needs('report:write'),
    call: async (w) => ({
      query: `mutation($id: ID!) { removeReportSection(id: $id) { id } }`,
      variables: { id: (await reportSection(w)).id },
    }),
  },
  shareReport: {
    rule: needs('report:share'),
    call: async (w) => ({
      query: `mutation($i: ShareReportInput!) { shareReport(input: $i) { id token url } }`,
      variables: {
        i: { reportId: (await report(w)).id, expiresAt: new Date(Date.now() + 86_400_000) },
      },
    }),
  },
  revokeReportShare: {
    rule: needs('report:share'),
    call: async (w) => ({
      query: `mutation($id: ID!) { revokeReportShare(id: $id) { id } }`,
      variables: { id: (await reportShare(w)).id },
    }),
  },
  promoteTheme: {
    rule: needs('insight:write'),
    call: async (w) => {
      const theme = await boardTheme(w);
      return {
        query: `mutation($i: PromoteThemeInput!) { promoteTheme(input: $i) { id } }`,
        variables: { i: { themeId: theme.id } },
      };
    },
  },
  comments: {
    rule: needs('project:read'),
    call: async (w) => ({
      query: `query($id: ID!) { comments(targetType: HIGHLIGHT, targetId: $id, first: 20) { totalCount edges { node { id replies { id } mentions { id } reactions { emoji } } } } }`,
      variables: { id: (await comment(w, w.users.OWNER)).highlightId },
    }),
  },
  addComment: {
    rule: needs('comment:write'),
    call: async (w) => ({
      query: `mutation($i: AddCommentInput!) { addComment(input: $i) { id } }`,
      variables: { i: { targetType: 'HIGHLIGHT', targetId: await highlight(w), body: 'Why?' } },
    }),
  },
  editComment: {
    rule: needs('comment:write'),
    call: async (w, who) => ({
      query: `mutation($i: EditCommentInput!) { editComment(input: $i) { id editedAt } }`,
      variables: { i: { id: (await comment(w, authorFor(w, who))).id, body: 'Edited' } },
    }),
  },
  deleteComment: {
    rule: needs('comment:write'),
    call: async (w, who) => ({
      query: `mutation($id: ID!) { deleteComment(id: $id) }`,
      variables: { id: (await comment(w, authorFor(w, who))).id },
    }),
  },
  resolveThread: {
    rule: needs('comment:write'),
    call: async (w) => ({
      query: `mutation($id: ID!) { resolveThread(id: $id) { id resolved } }`,
      variables: { id: (await comment(w, w.users.OWNER)).id },
    }),
  },
  reopenThread: {
    rule: needs('comment:write'),
    call: async (w) => ({
      query: `mutation($id: ID!) { reopenThread(id: $id) { id resolved } }`,
      variables: { id: (await comment(w, w.users.OWNER)).id },
    }),
  },
  reactToComment: {
    rule: needs('comment:write'),
    call: async (w) => ({
      query: `mutation($id: ID!) { reactToComment(id: $id, emoji: "👍") { id reactions { count } } }`,
      variables: { id: (await comment(w, w.users.OWNER)).id },
    }),
  },
  // Assignments: editors give work; the assignee (or an editor) marks it done; My work is the caller's.
  myWork: {
    rule: signedIn,
    call: () => ({
      query: `{ myWork(first: 5, includeDone: true) { totalCount edges { node { id } } } }`,
    }),
  },
  assign: {
    rule: needs('assignment:write'),
    call: (w) => ({
      query: `mutation($i: AssignInput!) { assign(input: $i) { id } }`,
      variables: {
        i: { targetType: 'TRANSCRIPT', targetId: w.transcriptId, assigneeId: w.users.VIEWER.id },
      },
    }),
  },
  unassign: {
    rule: needs('assignment:write'),
    call: async (w) => ({
      query: `mutation($id: ID!) { unassign(id: $id) }`,
      variables: { id: await assignment(w, w.users.VIEWER) },
    }),
  },
  completeAssignment: {
    rule: needs('project:read'),
    call: async (w, who) => ({
      query: `mutation($id: ID!) { completeAssignment(id: $id) { id doneAt } }`,
      variables: { id: await assignment(w, assigneeFor(w, who)) },
    }),
  },
  reopenAssignment: {
    rule: needs('project:read'),
    call: async (w, who) => ({
      query: `mutation($id: ID!) { reopenAssignment(id: $id) { id doneAt } }`,
      variables: { id: await assignment(w, assigneeFor(w, who)) },
    }),
  },
  // ---- exports (seen by their requester only; others get NOT_FOUND)
  export: {
    rule: needs('project:read'),
    call: async (w, who) => ({
      query: `query($id: ID!) { export(id: $id) { id status } }`,
      variables: { id: await exportRow(w, requesterFor(w, who), 'READY') },
    }),
  },
  exports: {
    rule: needs('project:read'),
    call: (w) => ({
      query: `query($p: ID!) { exports(projectId: $p) { totalCount } }`,
      variables: { p: w.projectId },
    }),
  },
  exportReport: {
    rule: needs('report:read'),
    call: async (w) => ({
      query: `mutation($i: ExportReportInput!) { exportReport(input: $i) { id status } }`,
      variables: { i: { reportId: (await report(w)).id, format: 'MARKDOWN' } },
    }),
  },
  exportHighlights: {
    rule: needs('project:read'),
    call: (w) => ({
      query: `mutation($i: ExportHighlightsInput!) { exportHighlights(input: $i) { id status } }`,
      variables: { i: { projectId: w.projectId, format: 'CSV' } },
    }),
  },
  exportCodebook: {
    rule: needs('project:read'),
    call: (w) => ({
      query: `mutation($i: ExportCodebookInput!) { exportCodebook(input: $i) { id status } }`,
      variables: { i: { projectId: w.projectId } },
    }),
  },
  exportProject: {
    rule: needs('project:read'),
    call: (w) => ({
      query: `mutation($i: ExportProjectInput!) { exportProject(input: $i) { id status } }`,
      variables: { i: { projectId: w.projectId, format: 'QDPX' } },
    }),
  },
  retryExport: {
    rule: needs('project:read'),
    call: async (w, who) => ({
      query: `mutation($id: ID!) { retryExport(id: $id) { id status } }`,
      variables: { id: await exportRow(w, requesterFor(w, who), 'FAILED') },
    }),
  },
};

const SUBSCRIPTIONS: Record<string, Case> = {
  reportChanged: {
    rule: needs('report:read'),
    call: async (w) => ({
      query: `subscription($r: ID!) { reportChanged(reportId: $r) { kind version } }`,
      variables: { r: (await report(w)).id },
    }),
  },
  transcriptUpdated: {
    rule: needs('project:read'),
    call: (w) => ({
      query: `subscription($p: ID!) { transcriptUpdated(projectId: $p) { id } }`,
      variables: { p: w.projectId },
    }),
  },
  analysisRunUpdated: {
    rule: needs('project:read'),
    call: (w) => ({
      query: `subscription($p: ID!) { analysisRunUpdated(projectId: $p) { id } }`,
      variables: { p: w.projectId },
    }),
  },
  highlightChanged: {
    rule: needs('project:read'),
    call: (w) => ({
      query: `subscription($t: ID!) { highlightChanged(transcriptId: $t) { kind highlightId } }`,
      variables: { t: w.transcriptId },
    }),
  },
  turnChanged: {
    rule: needs('project:read'),
    call: (w) => ({
      query: `subscription($t: ID!) { turnChanged(transcriptId: $t) { kind segmentIds } }`,
      variables: { t: w.transcriptId },
    }),
  },
  codebookChanged: {
    rule: needs('project:read'),
    call: (w) => ({
      query: `subscription($p: ID!) { codebookChanged(projectId: $p) { kind tagId } }`,
      variables: { p: w.projectId },
    }),
  },
  boardUpdated: {
    rule: needs('project:read'),
    call: async (w) => ({
      query: `subscription($b: ID!) { boardUpdated(boardId: $b) { kind version } }`,
      variables: { b: await board(w) },
    }),
  },
  commentChanged: {
    rule: needs('project:read'),
    call: async (w) => ({
      query: `subscription($id: ID!) { commentChanged(targetType: HIGHLIGHT, targetId: $id) { kind commentId } }`,
      variables: { id: (await comment(w, w.users.OWNER)).highlightId },
    }),
  },
  exportUpdated: {
    rule: needs('project:read'),
    call: async (w, who) => ({
      query: `subscription($id: ID!) { exportUpdated(id: $id) { id status } }`,
      variables: { id: await exportRow(w, requesterFor(w, who), 'RUNNING') },
    }),
  },
  notificationAdded: {
    rule: signedIn,
    call: () => ({ query: `subscription { notificationAdded { id kind } }` }),
  },
  unreadNotificationCountChanged: {
    rule: signedIn,
    call: () => ({ query: `subscription { unreadNotificationCountChanged }` }),
  },
  presence: {
    rule: needs('project:read'),
    call: async (w) => ({
      query: `subscription($b: ID!) { presence(targetType: BOARD, targetId: $b) { count users { id name } } }`,
      variables: { b: await board(w) },
    }),
  },
};

// ---------------------------------------------------------------- fixtures

async function invite(
  w: World,
  by: TestUser,
  workspaceId: string,
  email: string,
  role = 'VIEWER',
): Promise<string> {
  const res = await w.t.ok<{ inviteMember: { token: string } }>(
    `mutation($i: InviteMemberInput!) { inviteMember(input: $i) { token } }`,
    { i: { workspaceId, email, role } },
    by.token,
  );
  return res.inviteMember.token;
}

function extraMember(w: World, role = 'VIEWER'): Promise<TestUser> {
  return w.t.join(w.users.OWNER, w.workspaceId, role, 'Extra');
}

async function invitationId(w: World): Promise<string> {
  const res = await w.t.ok<{ inviteMember: { id: string } }>(
    `mutation($i: InviteMemberInput!) { inviteMember(input: $i) { id } }`,
    { i: { workspaceId: w.workspaceId, email: `${randomUUID()}@example.com`, role: 'VIEWER' } },
    w.users.OWNER.token,
  );
  return res.inviteMember.id;
}

async function transcript(w: World): Promise<string> {
  const res = await w.t.ok<{ importTranscript: { id: string } }>(
    `mutation($i: ImportTranscriptInput!) { importTranscript(input: $i) { id } }`,
    {
      i: {
        projectId: w.projectId,
        filename: 'f.txt',
        content: `Interviewer: ${randomUUID()}\nParticipant: yes\n`,
      },
    },
    w.users.OWNER.token,
  );
  return res.importTranscript.id;
}

/** The second of four turns of a new transcript: it has words to split, and a turn after it. */
async function secondTurn(w: World): Promise<{ id: string; text: string }> {
  const res = await w.t.ok<{ importTranscript: { id: string } }>(
    `mutation($i: ImportTranscriptInput!) { importTranscript(input: $i) { id } }`,
    {
      i: {
        projectId: w.projectId,
        filename: 't.txt',
        content: `Interviewer: ${randomUUID()}?\nParticipant: yes and no\nInterviewer: why?\nParticipant: because\n`,
      },
    },
    w.users.OWNER.token,
  );
  const ready = await w.t.waitForTranscript(res.importTranscript.id, w.users.OWNER.token);
  if (!ready.segments[1]) throw new Error(`no second turn: ${JSON.stringify(ready.segments)}`);
  return ready.segments[1];
}

/** A new transcript's "Speaker 1" (its own participant), and another participant to map it onto. */
async function genericSpeaker(
  w: World,
): Promise<{ transcriptId: string; participantId: string; otherId: string }> {
  const res = await w.t.ok<{ importTranscript: { id: string } }>(
    `mutation($i: ImportTranscriptInput!) { importTranscript(input: $i) { id } }`,
    {
      i: {
        projectId: w.projectId,
        filename: 'g.txt',
        content: `Interviewer: ${randomUUID()}?\nSpeaker 1: yes\nInterviewer: and?\nSpeaker 1: no\n`,
      },
    },
    w.users.OWNER.token,
  );
  const ready = await w.t.waitForTranscript(res.importTranscript.id, w.users.OWNER.token);
  return {
    transcriptId: ready.id,
    participantId: ready.participants.find((p) => p.label === 'Speaker 1')!.id,
    otherId: ready.participants.find((p) => p.label === 'Interviewer')!.id,
  };
}

/** An active speaker mapping, made by the owner. */
async function speakerMapping(w: World): Promise<string> {
  const speaker = await genericSpeaker(w);
  const res = await w.t.ok<{ mapSpeaker: { id: string } }>(
    `mutation($i: MapSpeakerInput!) { mapSpeaker(input: $i) { id } }`,
    {
      i: {
        transcriptId: speaker.transcriptId,
        participantId: speaker.participantId,
        targetParticipantId: speaker.otherId,
      },
    },
    w.users.OWNER.token,
  );
  return res.mapSpeaker.id;
}

async function tag(w: World): Promise<string> {
  const res = await w.t.ok<{ createTag: { id: string } }>(
    `mutation($i: CreateTagInput!) { createTag(input: $i) { id } }`,
    { i: { projectId: w.projectId, name: `Tag ${randomUUID()}` } },
    w.users.OWNER.token,
  );
  return res.createTag.id;
}

async function board(w: World): Promise<string> {
  const res = await w.t.ok<{ createBoard: { id: string } }>(
    `mutation($i: CreateBoardInput!) { createBoard(input: $i) { id } }`,
    { i: { projectId: w.projectId, name: `Board ${randomUUID()}` } },
    w.users.OWNER.token,
  );
  return res.createBoard.id;
}

/** A board whose one theme was promoted to an insight (read through Theme.insight). */
async function promotedBoard(w: World): Promise<string> {
  const boardId = await board(w);
  const res = await w.t.ok<{ createTheme: { id: string } }>(
    `mutation($i: CreateThemeInput!) { createTheme(input: $i) { id } }`,
    { i: { boardId, title: 'Promoted theme' } },
    w.users.OWNER.token,
  );
  await w.t.ok(
    `mutation($i: PromoteThemeInput!) { promoteTheme(input: $i) { id } }`,
    { i: { themeId: res.createTheme.id } },
    w.users.OWNER.token,
  );
  return boardId;
}

async function boardTheme(w: World): Promise<{ id: string; version: number }> {
  const res = await w.t.ok<{ createTheme: { id: string; version: number } }>(
    `mutation($i: CreateThemeInput!) { createTheme(input: $i) { id version } }`,
    { i: { boardId: await board(w), title: 'Theme' } },
    w.users.OWNER.token,
  );
  return res.createTheme;
}

async function boardNote(w: World): Promise<{ id: string; version: number }> {
  const res = await w.t.ok<{ addNote: { id: string; version: number } }>(
    `mutation($i: AddNoteInput!) { addNote(input: $i) { id version } }`,
    { i: { boardId: await board(w), text: 'A note' } },
    w.users.OWNER.token,
  );
  return res.addNote;
}

async function highlight(w: World): Promise<string> {
  const res = await w.t.ok<{ createHighlight: { id: string } }>(
    `mutation($i: CreateHighlightInput!) { createHighlight(input: $i) { id } }`,
    {
      i: {
        transcriptId: w.transcriptId,
        start: { segmentId: w.segmentId, offset: 0 },
        end: { segmentId: w.segmentId, offset: 3 },
      },
    },
    w.users.OWNER.token,
  );
  return res.createHighlight.id;
}

/** A new insight of the world's project, written by the owner. */
async function insight(
  w: World,
  highlightIds: string[] = [],
): Promise<{ id: string; version: number }> {
  const res = await w.t.ok<{ createInsight: { id: string; version: number } }>(
    `mutation($i: CreateInsightInput!) { createInsight(input: $i) { id version } }`,
    { i: { projectId: w.projectId, title: 'A finding', highlightIds } },
    w.users.OWNER.token,
  );
  return res.createInsight;
}

/** A new report of the world's project, made by the owner. */
async function report(w: World): Promise<{ id: string; version: number }> {
  const res = await w.t.ok<{ createReport: { id: string; version: number } }>(
    `mutation($i: CreateReportInput!) { createReport(input: $i) { id version } }`,
    { i: { projectId: w.projectId, title: 'A report' } },
    w.users.OWNER.token,
  );
  return res.createReport;
}

/** A TEXT section of a new report, and the report's version after it was added. */
async function reportSection(
  w: World,
): Promise<{ id: string; version: number; reportVersion: number }> {
  const made = await report(w);
  const res = await w.t.ok<{ addReportSection: { id: string; version: number } }>(
    `mutation($i: AddReportSectionInput!) { addReportSection(input: $i) { id version } }`,
    { i: { reportId: made.id, kind: 'TEXT', text: 'Text' } },
    w.users.OWNER.token,
  );
  return { ...res.addReportSection, reportVersion: made.version + 1 };
}

/** A live share link of a new report. */
async function reportShare(w: World): Promise<{ id: string; token: string }> {
  const res = await w.t.ok<{ shareReport: { id: string; token: string } }>(
    `mutation($i: ShareReportInput!) { shareReport(input: $i) { id token } }`,
    { i: { reportId: (await report(w)).id, expiresAt: new Date(Date.now() + 86_400_000) } },
    w.users.OWNER.token,
  );
  return res.shareReport;
}

/** A comment on a new highlight, by `author` (who must be allowed to comment). */
async function comment(w: World, author: TestUser): Promise<{ id: string; highlightId: string }> {
  const highlightId = await highlight(w);
  const res = await w.t.ok<{ addComment: { id: string } }>(
    `mutation($i: AddCommentInput!) { addComment(input: $i) { id } }`,
    { i: { targetType: 'HIGHLIGHT', targetId: highlightId, body: 'A comment' } },
    author.token,
  );
  return { id: res.addComment.id, highlightId };
}

/** The caller, when their role may comment (only authors edit their comments); else the owner. */
function authorFor(w: World, who: Who): TestUser {
  return who === Role.OWNER || who === Role.EDITOR || who === Role.COMMENTER
    ? w.users[who]
    : w.users.OWNER;
}

/** A new theme, given to `assignee` by the owner: the assignment's id. */
async function assignment(w: World, assignee: TestUser): Promise<string> {
  const res = await w.t.ok<{ assign: { id: string } }>(
    `mutation($i: AssignInput!) { assign(input: $i) { id } }`,
    { i: { targetType: 'THEME', targetId: (await boardTheme(w)).id, assigneeId: assignee.id } },
    w.users.OWNER.token,
  );
  return res.assign.id;
}

/** The caller when a member (the assignee may mark their own work done); else the viewer. */
function assigneeFor(w: World, who: Who): TestUser {
  return who === 'anonymous' || who === 'outsider' ? w.users.VIEWER : w.users[who];
}

/** A READY theme-suggestion run of a new board, written directly: one proposal of two highlights. */
async function themeSuggestionRun(w: World): Promise<{ id: string; highlightIds: string[] }> {
  const boardId = await board(w);
  const highlightIds = [await highlight(w), await highlight(w)];
  const proposals = [{ title: 'Suggested theme', description: '', highlightIds, cohesion: 0.5 }];
  const [row] = await w.t.app.get(DataSource).query<{ id: string }[]>(
    `INSERT INTO theme_suggestion_run (board_id, project_id, status, progress, highlight_ids, proposals)
     VALUES ($1, $2, 'READY', 1, $3::uuid[], $4::jsonb) RETURNING id`,
    [boardId, w.projectId, highlightIds, JSON.stringify(proposals)],
  );
  return { id: row!.id, highlightIds };
}

/** A run row in the given state, written directly: the matrix needs one per caller that is still cancellable. */
async function analysisRunRow(w: World, status: string): Promise<string> {
  const [row] = await w.t.app.get(DataSource).query<{ id: string }[]>(
    `INSERT INTO analysis_run (project_id, mode, provider, status, transcript_ids, redaction)
     VALUES ($1, 'DEDUCTIVE', 'OFFLINE', $2, ARRAY[$3]::uuid[], '{"emails":true,"phones":true,"names":true}') RETURNING id`,
    [w.projectId, status, w.transcriptId],
  );
  return row!.id;
}

/** A pending suggestion (of a finished run) on the world's first turn, tagged with a new tag. */
async function suggestion(w: World): Promise<{ id: string; runId: string }> {
  const runId = await analysisRunRow(w, 'COMPLETED');
  const tagId = await tag(w);
  const [row] = await w.t.app.get(DataSource).query<{ id: string }[]>(
    `INSERT INTO suggestion (run_id, project_id, transcript_id, chunk_index, start_segment_id, start_index, start_offset,
                             end_segment_id, end_index, end_offset, quote, tag_ids, rationale, confidence, fingerprint)
     SELECT $1, $2, s.transcript_id, 0, s.id, s.index, 0, s.id, s.index, 3, substr(s.text, 1, 3), ARRAY[$4]::uuid[], 'test', 0.9, md5(random()::text)
       FROM segment s WHERE s.id = $3 RETURNING id`,
    [runId, w.projectId, w.segmentId, tagId],
  );
  return { id: row!.id, runId };
}

/** The caller when a member (exports are their requester's only); else the owner. */
function requesterFor(w: World, who: Who): TestUser {
  return who === 'anonymous' || who === 'outsider' ? w.users.OWNER : w.users[who];
}

/** An export row of the world's project asked for by `user`, written directly; READY ones have a file. */
async function exportRow(
  w: World,
  user: TestUser,
  status: 'READY' | 'FAILED' | 'RUNNING',
): Promise<string> {
  const db = w.t.app.get(DataSource);
  const [row] = await db.query<{ id: string }[]>(
    `INSERT INTO export (project_id, workspace_id, kind, format, status, filename, requested_by_id, error)
     VALUES ($1, $2, 'HIGHLIGHTS', 'CSV', $3, 'highlights.csv', $4, $5) RETURNING id`,
    [w.projectId, w.workspaceId, status, user.id, status === 'FAILED' ? 'failed in a test' : null],
  );
  if (status === 'READY') {
    const files = w.t.app.get(FileStore);
    const key = `exports/${row!.id}/0`;
    await files.commit(await files.stageBuffer(Buffer.from('quote\r\nhello\r\n')), key);
    await db.query(
      `UPDATE export SET file_key = $2, byte_size = 14, progress = 100 WHERE id = $1`,
      [row!.id, key],
    );
  }
  return row!.id;
}

async function session(w: World, user: TestUser): Promise<{ token: string; refreshToken: string }> {
  const res = await w.t.ok<{ logIn: { token: string; refreshToken: string } }>(
    `mutation($i: LogInInput!) { logIn(input: $i) { token refreshToken } }`,
    { i: { email: user.email, password: PASSWORD } },
  );
  return res.logIn;
}

/** A REFI-QDA codebook import by the owner into the world's workspace; its id. */
async function projectImport(w: World): Promise<string> {
  const res = await postImport(w.t, w.workspaceId, w.users.OWNER.token, CODEBOOK);
  if (res.status !== 201) throw new Error(`import: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body['id'] as string;
}

const CODEBOOK =
  '<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="test">' +
  '<Codes><Code guid="34653336-3766-3235-6466-363134396437" name="equity" isCodable="true"/></Codes></CodeBook>';

async function postImport(
  t: TestApp,
  workspaceId: string,
  token: string | undefined,
  content: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const form = new FormData();
  form.append('file', new Blob([content]), 'codebook.qdc');
  const res = await fetch(`${t.baseUrl}/api/workspaces/${workspaceId}/imports`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  });
  return {
    status: res.status,
    body: (await res.json().catch(() => ({}))) as Record<string, unknown>,
  };
}

async function makeWorld(t: TestApp): Promise<World> {
  const { user: owner, workspaceId, projectId } = await t.newProject();
  const partial = { t, workspaceId, projectId, users: { OWNER: owner } } as World;
  const users = { OWNER: owner } as World['users'];
  for (const role of [Role.EDITOR, Role.COMMENTER, Role.VIEWER])
    users[role] = await extraMember(partial, role);
  users.outsider = await t.signUp('Outsider');
  const transcriptId = await transcript({ ...partial, users });
  const ready = await t.waitForTranscript(transcriptId, owner.token);
  return {
    ...partial,
    users,
    host: await t.signUp('Host'),
    transcriptId,
    segmentId: ready.segments[0]!.id,
    participantId: ready.participants[0]!.id,
  };
}

// ---------------------------------------------------------------- expectations

type Outcome = 'allowed' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | `other: ${string}`;

function expected(rule: Rule, who: Who): Outcome[] {
  if (rule.kind === 'public') return ['allowed'];
  if (who === 'anonymous') return ['UNAUTHENTICATED'];
  if (rule.kind === 'signed-in') return ['allowed'];
  if (who === 'outsider') return ['NOT_FOUND', 'FORBIDDEN'];
  return (POLICY[rule.action] as readonly Role[]).includes(who) ? ['allowed'] : ['FORBIDDEN'];
}

function outcomeOf(
  errors: { extensions?: { code?: string } }[] | undefined,
  data: unknown,
): Outcome {
  const code = errors?.[0]?.extensions?.code;
  if (!errors?.length && data) return 'allowed';
  if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' || code === 'NOT_FOUND') return code;
  return `other: ${code ?? 'no data'} ${JSON.stringify(errors).slice(0, 200)}`;
}

async function subscribe(t: TestApp, call: Call, token: string | undefined): Promise<Outcome> {
  const client = createClient({
    url: t.baseUrl.replace('http', 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
  });
  try {
    return await new Promise<Outcome>((resolve) => {
      const timer = setTimeout(() => resolve('allowed'), 400);
      client.subscribe(call, {
        next: (msg) => {
          clearTimeout(timer);
          resolve(
            outcomeOf(msg.errors as unknown as { extensions?: { code?: string } }[], msg.data),
          );
        },
        error: (e) => {
          clearTimeout(timer);
          resolve(outcomeOf(Array.isArray(e) ? e : [{ extensions: { code: String(e) } }], null));
        },
        complete: () => undefined,
      });
    });
  } finally {
    await client.dispose();
  }
}

// ---------------------------------------------------------------- the test

describe('authorization matrix', () => {
  let t: TestApp;
  let world: World;
  beforeAll(async () => {
    t = await TestApp.start();
    world = await makeWorld(t);
  }, 120_000);
  afterAll(() => t.close());

  it('covers every operation of the schema, and only those', () => {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const fields = (type: { getFields(): Record<string, unknown> } | null | undefined) =>
      Object.keys(type?.getFields() ?? {});
    const live = [...fields(schema.getQueryType()), ...fields(schema.getMutationType())].sort();
    expect(live).toEqual(Object.keys(OPERATIONS).sort());
    expect(fields(schema.getSubscriptionType()).sort()).toEqual(Object.keys(SUBSCRIPTIONS).sort());
  });

  it.each(Object.keys(OPERATIONS))(
    '%s is allowed exactly as the policy table says',
    async (name) => {
      const c = OPERATIONS[name]!;
      const results: string[] = [];
      for (const who of EVERYONE) {
        const w = c.fresh && who !== 'anonymous' ? await makeWorld(t) : world;
        const call = await c.call(w, who);
        const token = call.token ?? (who === 'anonymous' ? undefined : w.users[who].token);
        const res = await t.gql(call.query, call.variables ?? {}, token);
        const got = outcomeOf(res.errors, res.data);
        const want = expected(c.rule, who);
        if (!want.includes(got)) results.push(`${who}: expected ${want.join(' or ')}, got ${got}`);
      }
      expect(results).toEqual([]);
    },
    120_000,
  );

  it.each(Object.keys(SUBSCRIPTIONS))(
    'subscription %s is allowed exactly as the policy table says',
    async (name) => {
      const c = SUBSCRIPTIONS[name]!;
      const results: string[] = [];
      for (const who of EVERYONE) {
        const call = await c.call(world, who);
        const got = await subscribe(
          t,
          call,
          who === 'anonymous' ? undefined : world.users[who].token,
        );
        if (!expected(c.rule, who).includes(got))
          results.push(`${who}: expected ${expected(c.rule, who).join(' or ')}, got ${got}`);
      }
      expect(results).toEqual([]);
    },
  );

  it('REST upload is allowed exactly as the policy table says', async () => {
    const status: Record<Outcome, number[]> = {
      allowed: [201],
      UNAUTHENTICATED: [401],
      FORBIDDEN: [403],
      NOT_FOUND: [404],
    };
    const results: string[] = [];
    for (const who of EVERYONE) {
      const res = await t.upload(
        world.projectId,
        who === 'anonymous' ? undefined : world.users[who].token,
        {
          name: 'u.txt',
          bytes: `Interviewer: ${randomUUID()}\nParticipant: ok\n`,
        },
      );
      const want = expected(needs('transcript:write'), who);
      if (!want.some((o) => status[o]?.includes(res.status)))
        results.push(`${who}: expected ${want.join(' or ')}, got HTTP ${res.status}`);
    }
    expect(results).toEqual([]);
  });

  it('REST import of a REFI-QDA file is allowed exactly as the policy table says', async () => {
    const status: Record<Outcome, number[]> = {
      allowed: [201],
      UNAUTHENTICATED: [401],
      FORBIDDEN: [403],
      NOT_FOUND: [404],
    };
    const results: string[] = [];
    for (const who of EVERYONE) {
      const res = await postImport(
        t,
        world.workspaceId,
        who === 'anonymous' ? undefined : world.users[who].token,
        CODEBOOK,
      );
      const want = expected(needs('project:create'), who);
      if (!want.some((o) => status[o]?.includes(res.status)))
        results.push(`${who}: expected ${want.join(' or ')}, got HTTP ${res.status}`);
    }
    expect(results).toEqual([]);
    await t.jobs.idle();
  });

  it('REST export download is allowed exactly as the policy table says', async () => {
    const status: Record<Outcome, number[]> = {
      allowed: [200],
      UNAUTHENTICATED: [401],
      FORBIDDEN: [403],
      NOT_FOUND: [404],
    };
    const results: string[] = [];
    for (const who of EVERYONE) {
      const id = await exportRow(world, requesterFor(world, who), 'READY');
      const res = await fetch(`${t.baseUrl}/api/exports/${id}/download`, {
        headers: who === 'anonymous' ? {} : { authorization: `Bearer ${world.users[who].token}` },
      });
      await res.arrayBuffer();
      const want = expected(needs('project:read'), who);
      if (!want.some((o) => status[o]?.includes(res.status)))
        results.push(`${who}: expected ${want.join(' or ')}, got HTTP ${res.status}`);
    }
    expect(results).toEqual([]);
  });
});
