import { createHash, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { DataSource } from 'typeorm';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { type GqlResult, TestApp } from '../../../test/test-app';

interface Payload {
  token: string;
  refreshToken: string;
  expiresAt: string;
  user: { id: string; email: string };
}

const PAYLOAD = `token refreshToken expiresAt user { id email }`;
const SIGN_UP = `mutation($i: SignUpInput!) { signUp(input: $i) { ${PAYLOAD} } }`;
const LOG_IN = `mutation($i: LogInInput!) { logIn(input: $i) { ${PAYLOAD} } }`;
const REFRESH = `mutation($r: String!) { refreshSession(refreshToken: $r) { ${PAYLOAD} } }`;
const LOG_OUT = `mutation($r: String) { logOut(refreshToken: $r) }`;
const LOG_OUT_EVERYWHERE = `mutation { logOutEverywhere }`;
const CHANGE_PASSWORD = `mutation($i: ChangePasswordInput!) { changePassword(input: $i) { ${PAYLOAD} } }`;
const ME = `{ me { id } }`;
const PASSWORD = 'correct horse battery staple';

const codeOf = (r: GqlResult<unknown>) => r.errors?.[0]?.extensions?.code;

describe('sessions', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  async function signUp(): Promise<Payload & { email: string }> {
    const email = `${randomUUID()}@example.com`;
    const data = await t.ok<{ signUp: Payload }>(SIGN_UP, {
      i: { email, password: PASSWORD, name: 'Sam Session' },
    });
    return { ...data.signUp, email };
  }
  const logIn = async (email: string, password = PASSWORD) =>
    (await t.ok<{ logIn: Payload }>(LOG_IN, { i: { email, password } })).logIn;
  const refresh = (refreshToken: string) =>
    t.gql<{ refreshSession: Payload }>(REFRESH, { r: refreshToken });
  const meWorks = async (token: string) => !(await t.gql(ME, {}, token)).errors;

  it('signs up with a short-lived access token and an opaque refresh token stored only as its hash', async () => {
    const s = await signUp();
    const claims = jwt.decode(s.token) as Record<string, unknown>;
    expect(claims).toMatchObject({
      sub: s.user.id,
      email: s.email,
      name: 'Sam Session',
      iss: 'verbatim',
    });
    expect(typeof claims['sid']).toBe('string');
    expect((claims['exp'] as number) - (claims['iat'] as number)).toBe(15 * 60);
    expect(new Date(s.expiresAt).getTime()).toBe((claims['exp'] as number) * 1000);
    expect(s.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const db = t.app.get(DataSource);
    const hash = createHash('sha256').update(s.refreshToken).digest('hex');
    const rows: { session_id: string }[] = await db.query(
      `SELECT session_id FROM auth_refresh_token WHERE token_hash = $1`,
      [hash],
    );
    expect(rows.map((r) => r.session_id)).toEqual([claims['sid']]);
    const dump = JSON.stringify(
      await db.query(
        `SELECT * FROM auth_refresh_token t JOIN auth_session s ON s.id = t.session_id WHERE s.user_id = $1`,
        [s.user.id],
      ),
    );
    expect(dump).not.toContain(s.refreshToken);
  });

  describe('access tokens', () => {
    const secret = 'test-secret-that-is-long-enough-for-hs256-0123456789';

    it('refuse a bad signature, alg none, a wrong issuer, a missing sid and a foreign sid', async () => {
      const s = await signUp();
      const other = await signUp();
      const claims = jwt.decode(s.token) as {
        sub: string;
        sid: string;
        email: string;
        name: string;
      };
      const base = { sub: claims.sub, sid: claims.sid, email: claims.email, name: claims.name };
      const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(
        JSON.stringify({ ...base, iss: 'verbatim', exp: Math.floor(Date.now() / 1000) + 600 }),
      ).toString('base64url')}.`;
      const forged = {
        'bad signature': jwt.sign(base, 'another-secret-that-is-long-enough-0123456789', {
          issuer: 'verbatim',
          expiresIn: 600,
        }),
        'alg none': none,
        'wrong issuer': jwt.sign(base, secret, { issuer: 'someone-else', expiresIn: 600 }),
        'no issuer': jwt.sign(base, secret, { expiresIn: 600 }),
        'HS512 instead of HS256': jwt.sign(base, secret, {
          issuer: 'verbatim',
          expiresIn: 600,
          algorithm: 'HS512',
        }),
        'no sid': jwt.sign({ sub: base.sub, email: base.email, name: base.name }, secret, {
          issuer: 'verbatim',
          expiresIn: 600,
        }),
        "another user's sid": jwt.sign(
          { ...base, sid: (jwt.decode(other.token) as { sid: string }).sid },
          secret,
          {
            issuer: 'verbatim',
            expiresIn: 600,
          },
        ),
        'made-up sid': jwt.sign({ ...base, sid: randomUUID() }, secret, {
          issuer: 'verbatim',
          expiresIn: 600,
        }),
        'already expired': jwt.sign({ ...base, exp: Math.floor(Date.now() / 1000) - 5 }, secret, {
          issuer: 'verbatim',
        }),
      };
      // Control: the same claims signed properly are accepted.
      expect(await meWorks(jwt.sign(base, secret, { issuer: 'verbatim', expiresIn: 600 }))).toBe(
        true,
      );
      for (const [name, token] of Object.entries(forged)) {
        const res = await t.gql(ME, {}, token);
        expect({ name, code: codeOf(res), data: res.data ?? null }).toEqual({
          name,
          code: 'UNAUTHENTICATED',
          data: null,
        });
      }
    });

    it('refuse a revoked session on the REST endpoints too', async () => {
      const s = await signUp();
      await t.ok(LOG_OUT, {}, s.token);
      const res = await t.upload(randomUUID(), s.token, { name: 'a.txt', bytes: 'Ann: hello' });
      expect(res.status).toBe(401);
    });
  });

  describe('refreshSession', () => {
    it('rotates: each refresh token works once and the new access token works', async () => {
      const s = await signUp();
      const first = await refresh(s.refreshToken);
      const r1 = first.data!.refreshSession;
      expect(r1.refreshToken).not.toBe(s.refreshToken);
      // A refresh in the same second as the sign-up still hands out a new access token.
      expect(r1.token).not.toBe(s.token);
      expect(r1.user.id).toBe(s.user.id);
      expect(await meWorks(r1.token)).toBe(true);
      // Same session: the sid stays, the access token before the refresh still works.
      expect((jwt.decode(r1.token) as { sid: string }).sid).toBe(
        (jwt.decode(s.token) as { sid: string }).sid,
      );
      expect(await meWorks(s.token)).toBe(true);
      const second = await refresh(r1.refreshToken);
      expect(second.errors).toBeUndefined();
      expect(await meWorks(second.data!.refreshSession.token)).toBe(true);
    });

    it('revokes the whole family when an already rotated refresh token is presented again', async () => {
      const s = await signUp();
      const rotated = (await refresh(s.refreshToken)).data!.refreshSession;
      const replay = await refresh(s.refreshToken);
      expect(codeOf(replay)).toBe('UNAUTHENTICATED');
      expect(replay.data).toBeFalsy();
      // The legitimate holder's newer tokens are dead as well: refresh and access alike.
      expect(codeOf(await refresh(rotated.refreshToken))).toBe('UNAUTHENTICATED');
      expect(await meWorks(rotated.token)).toBe(false);
      expect(await meWorks(s.token)).toBe(false);
      // Another session of the same user is untouched.
      const elsewhere = await logIn(s.email);
      expect(await meWorks(elsewhere.token)).toBe(true);
    });

    it('lets only one of two simultaneous refreshes with the same token win, and ends the session', async () => {
      const s = await signUp();
      const results = await Promise.all([refresh(s.refreshToken), refresh(s.refreshToken)]);
      const ok = results.filter((r) => !r.errors);
      expect(ok.length).toBeLessThanOrEqual(1);
      expect(results.some((r) => codeOf(r) === 'UNAUTHENTICATED')).toBe(true);
      for (const r of ok)
        expect(codeOf(await refresh(r.data!.refreshSession.refreshToken))).toBe('UNAUTHENTICATED');
    });

    it('refuses unknown, malformed and over-long refresh tokens without saying which', async () => {
      for (const token of ['', 'garbage', 'A'.repeat(43), 'A'.repeat(5000)]) {
        const res = await refresh(token);
        expect(codeOf(res)).toBe('UNAUTHENTICATED');
        expect(res.errors?.[0]?.message).toBe('Your session has ended; please log in again.');
      }
    });
  });

  describe('logging out', () => {
    it('logOut ends the current session at once: its access and refresh tokens stop working', async () => {
      const s = await signUp();
      const other = await logIn(s.email);
      expect(await meWorks(s.token)).toBe(true);
      expect(
        (await t.ok<{ logOut: boolean }>(LOG_OUT, { r: s.refreshToken }, s.token)).logOut,
      ).toBe(true);
      expect(await meWorks(s.token)).toBe(false);
      expect(codeOf(await refresh(s.refreshToken))).toBe('UNAUTHENTICATED');
      expect(await meWorks(other.token)).toBe(true);
    });

    it('logOut with only the refresh token (the access token has expired) ends that session', async () => {
      const s = await signUp();
      expect((await t.ok<{ logOut: boolean }>(LOG_OUT, { r: s.refreshToken })).logOut).toBe(true);
      expect(await meWorks(s.token)).toBe(false);
      expect((await t.ok<{ logOut: boolean }>(LOG_OUT, { r: 'not-a-token' })).logOut).toBe(false);
    });

    it("logOut ignores a refresh token of another user's session", async () => {
      const a = await signUp();
      const b = await signUp();
      await t.ok(LOG_OUT, { r: b.refreshToken }, a.token);
      expect(await meWorks(a.token)).toBe(false);
      expect(await meWorks(b.token)).toBe(true);
    });

    it('logOutEverywhere ends every session of the user and nobody else’s', async () => {
      const s = await signUp();
      const second = await logIn(s.email);
      const stranger = await signUp();
      expect(
        (await t.ok<{ logOutEverywhere: boolean }>(LOG_OUT_EVERYWHERE, {}, second.token))
          .logOutEverywhere,
      ).toBe(true);
      for (const token of [s.token, second.token]) expect(await meWorks(token)).toBe(false);
      for (const r of [s.refreshToken, second.refreshToken])
        expect(codeOf(await refresh(r))).toBe('UNAUTHENTICATED');
      expect(await meWorks(stranger.token)).toBe(true);
      expect(codeOf(await t.gql(LOG_OUT_EVERYWHERE))).toBe('UNAUTHENTICATED');
      // Logging in again starts a new, working session.
      expect(await meWorks((await logIn(s.email)).token)).toBe(true);
    });
  });

  describe('changePassword', () => {
    it('needs the current password, then ends every other session and keeps the caller signed in', async () => {
      const s = await signUp();
      const other = await logIn(s.email);
      const wrong = await t.gql(
        CHANGE_PASSWORD,
        { i: { currentPassword: 'not my password', newPassword: 'a new long password' } },
        s.token,
      );
      expect(codeOf(wrong)).toBe('BAD_USER_INPUT');
      expect(await meWorks(other.token)).toBe(true);

      const changed = (
        await t.ok<{ changePassword: Payload }>(
          CHANGE_PASSWORD,
          { i: { currentPassword: PASSWORD, newPassword: 'a new long password' } },
          s.token,
        )
      ).changePassword;
      expect(await meWorks(changed.token)).toBe(true);
      expect(await meWorks(s.token)).toBe(true);
      expect(await meWorks(other.token)).toBe(false);
      expect(codeOf(await refresh(other.refreshToken))).toBe('UNAUTHENTICATED');
      // The caller's new refresh token works; logging in needs the new password.
      expect((await refresh(changed.refreshToken)).errors).toBeUndefined();
      expect(codeOf(await t.gql(LOG_IN, { i: { email: s.email, password: PASSWORD } }))).toBe(
        'UNAUTHENTICATED',
      );
      expect((await logIn(s.email, 'a new long password')).user.id).toBe(s.user.id);
    });

    it('retires the refresh token the caller held before the change', async () => {
      const s = await signUp();
      await t.ok(
        CHANGE_PASSWORD,
        { i: { currentPassword: PASSWORD, newPassword: 'a new long password' } },
        s.token,
      );
      expect(codeOf(await refresh(s.refreshToken))).toBe('UNAUTHENTICATED');
    });

    it('refuses a too-short new password and anonymous callers', async () => {
      const s = await signUp();
      const short = await t.gql(
        CHANGE_PASSWORD,
        { i: { currentPassword: PASSWORD, newPassword: 'short' } },
        s.token,
      );
      expect(codeOf(short)).toBe('BAD_USER_INPUT');
      expect(short.errors?.[0]?.message).toMatch(/newPassword must be at least 10 characters/);
      expect(
        codeOf(
          await t.gql(CHANGE_PASSWORD, {
            i: { currentPassword: PASSWORD, newPassword: 'a new long password' },
          }),
        ),
      ).toBe('UNAUTHENTICATED');
    });
  });

  describe('graphql-ws', () => {
    function wsClient(token: string) {
      return createClient({
        url: `${t.baseUrl.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        retryAttempts: 0,
        lazy: true,
      });
    }
    function run(
      client: ReturnType<typeof createClient>,
      query: string,
    ): Promise<GqlResult<unknown>> {
      return new Promise((resolve, reject) => {
        let result: GqlResult<unknown> = { status: 0 };
        client.subscribe(
          { query },
          {
            next: (value) =>
              (result = { status: 0, ...(value as Omit<GqlResult<unknown>, 'status'>) }),
            error: reject,
            complete: () => resolve(result),
          },
        );
      });
    }

    it('authenticates with connectionParams.authorization and stops answering once the session ends', async () => {
      const s = await signUp();
      const client = wsClient(s.token);
      try {
        expect((await run(client, ME)).errors).toBeUndefined();
        await t.ok(LOG_OUT, {}, s.token);
        expect(codeOf(await run(client, ME))).toBe('UNAUTHENTICATED');
      } finally {
        await client.dispose();
      }
    });
  });
});

describe('token lifetimes', () => {
  let t: TestApp;
  // Token times are whole seconds (a token issued at x.9 s with a 1 s lifetime lasts 0.1 s), so
  // the lifetimes leave a loaded machine two seconds to use a fresh token.
  beforeAll(
    async () => (t = await TestApp.start({ ACCESS_TOKEN_TTL: '3s', REFRESH_TOKEN_TTL: '6s' })),
  );
  afterAll(() => t.close());
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('expires access tokens after ACCESS_TOKEN_TTL; a refresh token still renews them until REFRESH_TOKEN_TTL', async () => {
    const email = `${randomUUID()}@example.com`;
    const s = (
      await t.ok<{ signUp: Payload }>(SIGN_UP, { i: { email, password: PASSWORD, name: 'Brief' } })
    ).signUp;
    expect((await t.gql(ME, {}, s.token)).errors).toBeUndefined();
    await sleep(4100);
    expect(codeOf(await t.gql(ME, {}, s.token))).toBe('UNAUTHENTICATED');
    const renewed = (await t.ok<{ refreshSession: Payload }>(REFRESH, { r: s.refreshToken }))
      .refreshSession;
    expect((await t.gql(ME, {}, renewed.token)).errors).toBeUndefined();
    await sleep(7100);
    expect(codeOf(await t.gql(REFRESH, { r: renewed.refreshToken }))).toBe('UNAUTHENTICATED');
  });
});
