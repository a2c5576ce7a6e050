import { type INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHttpApp } from '../src/bootstrap';
import { type AppConfig, loadConfig } from '../src/config/env';
import { JobQueue } from '../src/jobs/job-queue';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const FIXTURES = path.join(REPO_ROOT, 'libs/transcript/fixtures');

export interface GqlResult<T> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string; [k: string]: unknown } }[];
}

export interface TestUser {
  token: string;
  id: string;
  email: string;
}

/** The real service on a loopback port, against the run's test database. */
export class TestApp {
  private constructor(
    readonly app: INestApplication,
    readonly baseUrl: string,
    readonly config: AppConfig,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<TestApp> {
    const url = process.env.VERBATIM_TEST_DATABASE_URL;
    if (!url)
      throw new Error('VERBATIM_TEST_DATABASE_URL is not set: run through jest (global setup)');
    const config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'verbatim-test-')),
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: '4',
      AUTH_SECRET: 'test-secret-that-is-long-enough-for-hs256-0123456789',
      LOG_LEVEL: 'warn',
      QUEUE_PREFIX: `verbatim-test-${process.pid}-${randomUUID().slice(0, 8)}`,
      // Generous limits so ordinary tests never trip them; rate-limit tests pass their own.
      RATE_LIMIT_LOGIN: '10000/1m',
      RATE_LIMIT_LOGIN_IP: '10000/1m',
      RATE_LIMIT_SIGNUP: '10000/1m',
      RATE_LIMIT_INVITATION: '10000/1m',
      RATE_LIMIT_UPLOAD: '10000/1m',
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
      ...env,
    });
    // The embedded server is only safe with one connection (see resolveDatabase).
    const poolSize = process.env.DATABASE_URL ? config.database.poolSize : 1;
    const app = await createHttpApp(config, { url, poolSize });
    await app.listen(0, '127.0.0.1');
    return new TestApp(app, await app.getUrl(), config);
  }

  get jobs(): JobQueue {
    return this.app.get(JobQueue);
  }

  async close(): Promise<void> {
    await this.app.close();
  }

  async gql<T = Record<string, unknown>>(
    query: string,
    variables: object = {},
    token?: string,
  ): Promise<GqlResult<T>> {
    const res = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as Omit<GqlResult<T>, 'status'>;
    return { status: res.status, ...body };
  }

  /** Like gql, but fails the test on any error. */
  async ok<T = Record<string, unknown>>(
    query: string,
    variables: object = {},
    token?: string,
  ): Promise<T> {
    const result = await this.gql<T>(query, variables, token);
    if (result.errors?.length || !result.data)
      throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data;
  }

  async signUp(name = 'Ada Researcher'): Promise<TestUser> {
    const email = `${randomUUID()}@example.com`;
    const data = await this.ok<{ signUp: { token: string; user: { id: string } } }>(
      `mutation($i: SignUpInput!) { signUp(input: $i) { token user { id } } }`,
      { i: { email, password: 'correct horse battery staple', name } },
    );
    return { token: data.signUp.token, id: data.signUp.user.id, email };
  }

  /** A user with a workspace and a project of their own. */
  async newProject(
    user?: TestUser,
  ): Promise<{ user: TestUser; workspaceId: string; projectId: string }> {
    const owner = user ?? (await this.signUp());
    const ws = await this.ok<{ createWorkspace: { id: string } }>(
      `mutation($i: CreateWorkspaceInput!) { createWorkspace(input: $i) { id } }`,
      { i: { name: 'Research team' } },
      owner.token,
    );
    const project = await this.ok<{ createProject: { id: string } }>(
      `mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }`,
      { i: { workspaceId: ws.createWorkspace.id, name: 'Onboarding study' } },
      owner.token,
    );
    return { user: owner, workspaceId: ws.createWorkspace.id, projectId: project.createProject.id };
  }

  /** A new user who joined `workspaceId` as `role`, invited by `inviter` (an owner). */
  async join(
    inviter: TestUser,
    workspaceId: string,
    role: string,
    name?: string,
  ): Promise<TestUser> {
    const user = await this.signUp(name);
    const invited = await this.ok<{ inviteMember: { token: string } }>(
      `mutation($i: InviteMemberInput!) { inviteMember(input: $i) { token } }`,
      { i: { workspaceId, email: user.email, role } },
      inviter.token,
    );
    await this.ok(
      `mutation($t: String!) { acceptInvitation(token: $t) { id } }`,
      { t: invited.inviteMember.token },
      user.token,
    );
    return user;
  }

  /** An owner allows AI-assisted tagging in the project (it is off until someone does). */
  async allowAi(projectId: string, ownerToken: string): Promise<void> {
    await this.ok(
      `mutation($i: UpdateProjectAiSettingsInput!) { updateProjectAiSettings(input: $i) { aiAllowed } }`,
      { i: { projectId, aiAllowed: true } },
      ownerToken,
    );
  }

  async upload(
    projectId: string,
    token: string | undefined,
    file: { name: string; bytes: Buffer | string; title?: string },
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const form = new FormData();
    if (file.title) form.append('title', file.title);
    form.append(
      'file',
      new Blob([typeof file.bytes === 'string' ? file.bytes : new Uint8Array(file.bytes)]),
      file.name,
    );
    const res = await fetch(`${this.baseUrl}/api/projects/${projectId}/transcripts`, {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
      body: form,
    });
    return {
      status: res.status,
      body: (await res.json().catch(() => ({}))) as Record<string, unknown>,
    };
  }

  /** Uploads a fixture from libs/transcript/fixtures. */
  uploadFixture(projectId: string, token: string, relative: string) {
    return this.upload(projectId, token, {
      name: path.basename(relative),
      bytes: readFileSync(path.join(FIXTURES, relative)),
    });
  }

  /** Imports text as a transcript (importTranscript) and waits until it is READY or FAILED. */
  async importText(
    projectId: string,
    token: string,
    filename: string,
    content: string,
  ): Promise<TranscriptView> {
    const res = await this.ok<{ importTranscript: { id: string } }>(
      `mutation($i: ImportTranscriptInput!) { importTranscript(input: $i) { id } }`,
      { i: { projectId, filename, content } },
      token,
    );
    return this.waitForTranscript(res.importTranscript.id, token);
  }

  /** Uploads a file through the upload endpoint and waits until it is READY or FAILED. */
  async uploadAndWait(
    projectId: string,
    token: string,
    file: { name: string; bytes: Buffer | string; title?: string },
  ): Promise<TranscriptView> {
    const res = await this.upload(projectId, token, file);
    if (res.status !== 201)
      throw new Error(`upload of ${file.name}: ${res.status} ${JSON.stringify(res.body)}`);
    return this.waitForTranscript(res.body['id'] as string, token);
  }

  async waitForTranscript(id: string, token: string): Promise<TranscriptView> {
    await this.jobs.idle();
    for (let i = 0; i < 200; i++) {
      const data = await this.ok<{ transcript: TranscriptView }>(TRANSCRIPT_QUERY, { id }, token);
      if (data.transcript.status === 'READY' || data.transcript.status === 'FAILED')
        return data.transcript;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`transcript ${id} never finished`);
  }
}

export interface TranscriptView {
  id: string;
  status: string;
  error: string | null;
  retryable: boolean;
  format: string | null;
  progress: number;
  segmentCount: number;
  title: string;
  segments: {
    id: string;
    index: number;
    speaker: string | null;
    startMs: number | null;
    endMs: number | null;
    text: string;
    participant: { id: string; displayName: string } | null;
  }[];
  participants: {
    id: string;
    label: string;
    displayName: string;
    isInterviewer: boolean;
    color: string;
  }[];
}

export const TRANSCRIPT_QUERY = `query($id: ID!) { transcript(id: $id) {
  id status error retryable format progress segmentCount title
  segments { id index speaker startMs endMs text participant { id displayName } }
  participants { id label displayName isInterviewer color }
} }`;

/** The transcript's text between two positions, turns joined by '\n' (what a quote must be). */
export function textAt(
  tr: Pick<TranscriptView, 'segments'>,
  start: { segmentId: string; offset: number },
  end: { segmentId: string; offset: number },
): string {
  const a = tr.segments.findIndex((s) => s.id === start.segmentId);
  const b = tr.segments.findIndex((s) => s.id === end.segmentId);
  if (a < 0 || b < a) return '<not in transcript>';
  if (a === b) return tr.segments[a]!.text.slice(start.offset, end.offset);
  return [
    tr.segments[a]!.text.slice(start.offset),
    ...tr.segments.slice(a + 1, b).map((s) => s.text),
    tr.segments[b]!.text.slice(0, end.offset),
  ].join('\n');
}
