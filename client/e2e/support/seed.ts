import type { Page } from 'playwright-core';
import { graphql } from './browser';

// Setting up people and data straight through the api under test, for browser tests that are
// about something else than signing up or importing.

export const PASSWORD = 'correct horse battery';

export interface Segment {
  id: string;
  index: number;
  text: string;
}

/** A GraphQL call as one signed-in person. */
export type Call = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

export interface Person {
  email: string;
  token: string;
  call: Call;
}

export async function signUp(email: string, name: string): Promise<Person> {
  const { signUp } = await graphql<{ signUp: { token: string } }>(
    `
      mutation ($input: SignUpInput!) {
        signUp(input: $input) {
          token
        }
      }
    `,
    { input: { email, password: PASSWORD, name } },
  );
  return {
    email,
    token: signUp.token,
    call: (query, variables = {}) => graphql(query, variables, signUp.token),
  };
}

export async function logIn(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL('**/workspaces');
}

export interface Project {
  workspaceId: string;
  projectId: string;
}

export async function createProject(person: Person, name: string): Promise<Project> {
  const { createWorkspace } = await person.call<{ createWorkspace: { id: string } }>(
    `mutation ($input: CreateWorkspaceInput!) { createWorkspace(input: $input) { id } }`,
    { input: { name: `${name} lab` } },
  );
  const { createProject } = await person.call<{ createProject: { id: string } }>(
    `mutation ($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
    { input: { workspaceId: createWorkspace.id, name } },
  );
  return { workspaceId: createWorkspace.id, projectId: createProject.id };
}

export type Role = 'OWNER' | 'EDITOR' | 'COMMENTER' | 'VIEWER';

/** Invites `member` to the workspace with `role`, and has them accept. */
export async function addMember(
  owner: Person,
  workspaceId: string,
  member: Person,
  role: Role,
): Promise<void> {
  const { inviteMember } = await owner.call<{ inviteMember: { token: string } }>(
    `mutation ($i: InviteMemberInput!) { inviteMember(input: $i) { token } }`,
    { i: { workspaceId, email: member.email, role } },
  );
  await member.call(`mutation ($t: String!) { acceptInvitation(token: $t) { id } }`, {
    t: inviteMember.token,
  });
}

/**
 * Imports a transcript given as text (by default plain "Speaker: words" lines; the filename's
 * extension says the format) and waits until it is READY.
 */
export async function importText(
  person: Person,
  projectId: string,
  title: string,
  content: string,
  filename = `${title}.txt`,
): Promise<{ transcriptId: string; segments: Segment[] }> {
  const { importTranscript } = await person.call<{ importTranscript: { id: string } }>(
    `mutation ($input: ImportTranscriptInput!) { importTranscript(input: $input) { id } }`,
    { input: { projectId, filename, title, content } },
  );
  const segments = await waitUntilReady(person.call, importTranscript.id);
  return { transcriptId: importTranscript.id, segments };
}

/**
 * Waits until a transcript is READY and answers its turns (the first 500) with `fields`;
 * fails when it is FAILED or not READY within a minute.
 */
export async function waitUntilReady<S = Segment>(
  call: Call,
  transcriptId: string,
  fields = 'id index text',
): Promise<S[]> {
  for (let attempt = 0; attempt < 240; attempt++) {
    const { transcript } = await call<{ transcript: { status: string; segments: S[] } }>(
      `query ($id: ID!) { transcript(id: $id) { status segments(limit: 500) { ${fields} } } }`,
      { id: transcriptId },
    );
    if (transcript.status === 'READY') return transcript.segments;
    if (transcript.status === 'FAILED') throw new Error(`transcript ${transcriptId} failed`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`transcript ${transcriptId} did not become READY`);
}

export async function createTag(
  person: Person,
  projectId: string,
  name: string,
  description: string | null = null,
): Promise<string> {
  const { createTag } = await person.call<{ createTag: { id: string } }>(
    `mutation ($input: CreateTagInput!) { createTag(input: $input) { id } }`,
    { input: { projectId, name, description } },
  );
  return createTag.id;
}

/** Highlights `words` in the turn that holds them, with the given tags. */
export async function highlightWords(
  person: Person,
  transcriptId: string,
  segments: Segment[],
  words: string,
  tagIds: string[],
): Promise<string> {
  const segment = segments.find((s) => s.text.includes(words));
  if (!segment) throw new Error(`no turn holds "${words}"`);
  const offset = segment.text.indexOf(words);
  const { createHighlight } = await person.call<{ createHighlight: { id: string } }>(
    `mutation ($input: CreateHighlightInput!) { createHighlight(input: $input) { id } }`,
    {
      input: {
        transcriptId,
        start: { segmentId: segment.id, offset },
        end: { segmentId: segment.id, offset: offset + words.length },
        tagIds,
      },
    },
  );
  return createHighlight.id;
}

export interface Interview {
  transcriptId: string;
  segments: Segment[];
}

/**
 * Imports each interview (title → "Speaker: words" lines) and highlights every one of `quotes`
 * in the interview that holds it, with the tag `tagOf` names. Answers the highlights' ids by
 * quote key, in the order they were made (interview by interview), and the interviews by title.
 */
export async function highlightInterviews<K extends string>(
  person: Person,
  projectId: string,
  interviews: Record<string, string>,
  quotes: Record<K, string>,
  tagOf: (key: K, quote: string) => string,
): Promise<{ highlights: Record<K, string>; interviews: Record<string, Interview> }> {
  const highlights = {} as Record<K, string>;
  const imported: Record<string, Interview> = {};
  for (const [title, text] of Object.entries(interviews)) {
    const { transcriptId, segments } = await importText(person, projectId, title, text);
    imported[title] = { transcriptId, segments };
    for (const [key, quote] of Object.entries(quotes) as [K, string][]) {
      if (!segments.some((s) => s.text.includes(quote))) continue;
      const tag = tagOf(key, quote);
      highlights[key] = await highlightWords(person, transcriptId, segments, quote, [tag]);
    }
  }
  return { highlights, interviews: imported };
}

export async function createBoard(
  person: Person,
  projectId: string,
  name: string,
): Promise<string> {
  const { createBoard } = await person.call<{ createBoard: { id: string } }>(
    `mutation ($i: CreateBoardInput!) { createBoard(input: $i) { id } }`,
    { i: { projectId, name } },
  );
  return createBoard.id;
}

export async function createTheme(
  person: Person,
  boardId: string,
  title: string,
  description?: string,
): Promise<string> {
  const { createTheme } = await person.call<{ createTheme: { id: string } }>(
    `mutation ($i: CreateThemeInput!) { createTheme(input: $i) { id } }`,
    { i: { boardId, title, description } },
  );
  return createTheme.id;
}

/** Puts the highlights on the board as cards: in the theme, or unsorted without one. */
export async function addCards(
  person: Person,
  boardId: string,
  highlightIds: readonly string[],
  themeId?: string,
): Promise<void> {
  await person.call(`mutation ($i: AddCardsInput!) { addCards(input: $i) { id } }`, {
    i: { boardId, highlightIds, themeId },
  });
}

/** Highlights `words` in the turn at `index`, with the given tags; the highlight's id (checked to quote them). */
export async function highlightAt(
  call: Call,
  transcriptId: string,
  segments: Segment[],
  index: number,
  words: string,
  tagIds: string[],
): Promise<string> {
  const segment = segments.find((s) => s.index === index);
  const offset = segment?.text.indexOf(words) ?? -1;
  if (!segment || offset < 0) throw new Error(`"${words}" is not in turn ${index}`);
  const { createHighlight } = await call<{ createHighlight: { id: string; quote: string } }>(
    `mutation ($input: CreateHighlightInput!) { createHighlight(input: $input) { id quote } }`,
    {
      input: {
        transcriptId,
        start: { segmentId: segment.id, offset },
        end: { segmentId: segment.id, offset: offset + words.length },
        tagIds,
      },
    },
  );
  if (createHighlight.quote !== words)
    throw new Error(`highlighted "${createHighlight.quote}", not "${words}"`);
  return createHighlight.id;
}
