import { Controller, HttpCode, type INestApplication, Module, Post } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type GqlResult, TestApp } from '../../../test/test-app';
import { ConfigModule } from '../../config/config.module';
import { loadConfig } from '../../config/env';
import { DomainErrorFilter } from '../errors/http-error.filter';
import { RateLimit } from './rate-limit.decorator';
import { SecurityModule } from './security.module';

const PASSWORD = 'correct horse battery staple';
const LOG_IN = `mutation($i: LogInInput!) { logIn(input: $i) { token } }`;
const SIGN_UP = `mutation($i: SignUpInput!) { signUp(input: $i) { token user { id } } }`;
const CHANGE_PASSWORD = `mutation($i: ChangePasswordInput!) { changePassword(input: $i) { token } }`;

const codeOf = (r: GqlResult<unknown>) => r.errors?.[0]?.extensions?.code;
const retryAfterOf = (r: GqlResult<unknown>) => r.errors?.[0]?.extensions?.['retryAfterSeconds'];

function expectTooMany(r: GqlResult<unknown>, windowSeconds: number): void {
  expect(codeOf(r)).toBe('TOO_MANY_REQUESTS');
  const seconds = retryAfterOf(r) as number;
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(windowSeconds);
  expect(r.errors?.[0]?.message).toBe(`Too many attempts; try again in ${seconds} seconds.`);
  expect(r.data ?? null).toBeNull();
}

describe('rate limits: logIn per account and address', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start({ RATE_LIMIT_LOGIN: '3/1m' })));
  afterAll(() => t.close());
  const logIn = (email: string, password: string) => t.gql(LOG_IN, { i: { email, password } });

  it('refuses the 4th failed attempt within the window, even with the right password, with a retry-after', async () => {
    const user = await t.signUp();
    for (let i = 0; i < 3; i++)
      expect(codeOf(await logIn(user.email, 'wrong password!'))).toBe('UNAUTHENTICATED');
    expectTooMany(await logIn(user.email, PASSWORD), 60);
    expectTooMany(await logIn(user.email.toUpperCase(), PASSWORD), 60);
    // Another account from the same address is not affected.
    const other = await t.signUp();
    expect((await logIn(other.email, PASSWORD)).errors).toBeUndefined();
  });

  it('does not count successful log-ins', async () => {
    const user = await t.signUp();
    for (let i = 0; i < 6; i++) expect((await logIn(user.email, PASSWORD)).errors).toBeUndefined();
  });

  it('limits an unknown e-mail exactly like a known one, so the limit reveals nothing', async () => {
    const known = await t.signUp();
    const unknown = `${randomUUID()}@example.com`;
    const answers = async (email: string) => {
      const codes: unknown[] = [];
      for (let i = 0; i < 4; i++) codes.push(codeOf(await logIn(email, 'wrong password!')));
      return codes;
    };
    expect(await answers(unknown)).toEqual(await answers(known.email));
  });

  it('gives a document of aliased logIns no more attempts than separate requests', async () => {
    const user = await t.signUp();
    const fields = [1, 2, 3, 4, 5].map(
      (n) => `a${n}: logIn(input: { email: $e, password: "wrong password!" }) { token }`,
    );
    const batch = () => t.gql(`mutation($e: String!) { ${fields.join(' ')} }`, { e: user.email });
    // Mutations run one after another and the first failure ends the document (non-null
    // fields); every attempt that does run is counted.
    for (let i = 0; i < 3; i++)
      expect((await batch()).errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expectTooMany(await batch(), 60);
  });

  it('counts wrong current passwords of changePassword against the same e-mail', async () => {
    const user = await t.signUp();
    const change = (currentPassword: string) =>
      t.gql(
        CHANGE_PASSWORD,
        { i: { currentPassword, newPassword: 'a brand new password' } },
        user.token,
      );
    for (let i = 0; i < 3; i++)
      expect(codeOf(await change('not the password'))).toBe('BAD_USER_INPUT');
    expectTooMany(await change(PASSWORD), 60);
    expectTooMany(await logIn(user.email, PASSWORD), 60);
  });
});

describe('rate limits: one office behind one proxy', () => {
  let t: TestApp;
  beforeAll(
    async () =>
      (t = await TestApp.start({
        RATE_LIMIT_LOGIN: '3/1m',
        RATE_LIMIT_LOGIN_IP: '8/1m',
        RATE_LIMIT_LOGIN_ACCOUNT: '12/1m',
        TRUST_PROXY: 'loopback',
      })),
  );
  afterAll(() => t.close());
  const from = (address: string, email: string, password: string) =>
    fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ query: LOG_IN, variables: { i: { email, password } } }),
    }).then(async (r) => (await r.json()) as GqlResult<unknown>);

  it('locks out one person on one address, not their colleagues there nor the account elsewhere', async () => {
    const typist = await t.signUp();
    const colleague = await t.signUp();
    const office = '198.51.100.10';
    for (let i = 0; i < 3; i++)
      expect(codeOf(await from(office, typist.email, 'wrong password!'))).toBe('UNAUTHENTICATED');
    expectTooMany(await from(office, typist.email, PASSWORD), 60);
    // A colleague behind the same proxy logs in, and so does the account from home.
    expect((await from(office, colleague.email, PASSWORD)).errors).toBeUndefined();
    expect((await from('203.0.113.50', typist.email, PASSWORD)).errors).toBeUndefined();
  });

  it('still stops one address trying many accounts, and many addresses trying one account', async () => {
    const scanner = '198.51.100.66';
    for (let i = 0; i < 8; i++)
      expect(codeOf(await from(scanner, `${randomUUID()}@example.com`, 'wrong password!'))).toBe(
        'UNAUTHENTICATED',
      );
    expectTooMany(await from(scanner, `${randomUUID()}@example.com`, 'wrong password!'), 60);

    const target = await t.signUp();
    for (let i = 0; i < 12; i++)
      expect(codeOf(await from(`203.0.113.${100 + i}`, target.email, 'wrong password!'))).toBe(
        'UNAUTHENTICATED',
      );
    expectTooMany(await from('203.0.113.200', target.email, 'wrong password!'), 60);
  });

  it('counts a sign-up for a taken address with a wrong password as a failed log-in', async () => {
    const user = await t.signUp();
    const address = '198.51.100.77';
    const signUp = (password: string) =>
      fetch(`${t.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
        body: JSON.stringify({
          query: SIGN_UP,
          variables: { i: { email: user.email, password, name: 'Guess' } },
        }),
      }).then(async (r) => (await r.json()) as GqlResult<unknown>);
    for (let i = 0; i < 3; i++)
      expect(codeOf(await signUp(`guess number ${i}!`))).toBe('BAD_USER_INPUT');
    expectTooMany(await signUp(PASSWORD), 60);
    expectTooMany(await from(address, user.email, PASSWORD), 60);
  });
});

describe('rate limits: logIn per address', () => {
  let t: TestApp;
  const post = (body: object, headers: Record<string, string> = {}) =>
    fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }).then(async (r) => (await r.json()) as GqlResult<unknown>);
  const failedLogIn = (headers: Record<string, string> = {}) =>
    post(
      {
        query: LOG_IN,
        variables: { i: { email: `${randomUUID()}@example.com`, password: 'wrong password!' } },
      },
      headers,
    );

  afterEach(() => t.close());

  it('refuses the 5th failure from one address across different e-mails; X-Forwarded-For is ignored by default', async () => {
    t = await TestApp.start({ RATE_LIMIT_LOGIN_IP: '4/1m' });
    for (let i = 0; i < 4; i++)
      expect(codeOf(await failedLogIn({ 'x-forwarded-for': `203.0.113.${i}` }))).toBe(
        'UNAUTHENTICATED',
      );
    expectTooMany(await failedLogIn({ 'x-forwarded-for': '203.0.113.99' }), 60);
  });

  it('uses the forwarded client address behind a trusted proxy (TRUST_PROXY)', async () => {
    t = await TestApp.start({ RATE_LIMIT_LOGIN_IP: '2/1m', TRUST_PROXY: 'loopback' });
    for (let i = 0; i < 2; i++)
      expect(codeOf(await failedLogIn({ 'x-forwarded-for': '203.0.113.7' }))).toBe(
        'UNAUTHENTICATED',
      );
    expectTooMany(await failedLogIn({ 'x-forwarded-for': '203.0.113.7' }), 60);
    expect(codeOf(await failedLogIn({ 'x-forwarded-for': '203.0.113.8' }))).toBe('UNAUTHENTICATED');
  });
});

describe('rate limits: signUp', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start({ RATE_LIMIT_SIGNUP: '2/1h' })));
  afterAll(() => t.close());

  it('refuses the 3rd sign-up from one address within the window', async () => {
    const signUp = () =>
      t.gql(SIGN_UP, {
        i: { email: `${randomUUID()}@example.com`, password: PASSWORD, name: 'New' },
      });
    for (let i = 0; i < 2; i++) expect((await signUp()).errors).toBeUndefined();
    expectTooMany(await signUp(), 3600);
  });
});

/** A REST endpoint of our own, so the 429 path does not depend on any feature module. */
@Controller('limited')
class LimitedController {
  @Post()
  @HttpCode(201)
  @RateLimit('upload')
  create(): { ok: true } {
    return { ok: true };
  }
}

@Module({ controllers: [LimitedController] })
class LimitedModule {}

describe('rate limits on REST', () => {
  let app: INestApplication;
  let url: string;
  beforeAll(async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'verbatim-rl-')),
      AUTH_SECRET: 'test-secret-that-is-long-enough-for-hs256-0123456789',
      RATE_LIMIT_UPLOAD: '2/1m',
      QUEUE_PREFIX: `verbatim-rl-${randomUUID().slice(0, 8)}`,
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    });
    app = await NestFactory.create(
      {
        module: LimitedModule,
        imports: [ConfigModule.forRoot(config), SecurityModule],
        providers: [{ provide: APP_FILTER, useClass: DomainErrorFilter }],
      },
      { logger: false },
    );
    await app.listen(0, '127.0.0.1');
    url = `${await app.getUrl()}/limited`;
  });
  afterAll(() => app.close());

  it('answers 429 with a Retry-After header and the same details in the body', async () => {
    for (let i = 0; i < 2; i++)
      expect((await fetch(url, { method: 'POST', body: 'x' })).status).toBe(201);
    const res = await fetch(url, { method: 'POST', body: 'a body that is not read' });
    expect(res.status).toBe(429);
    const body = (await res.json()) as { code: string; retryAfterSeconds: number; message: string };
    expect(body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS' });
    expect(body.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(body.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(res.headers.get('retry-after')).toBe(String(body.retryAfterSeconds));
    expect(body.message).toBe(`Too many attempts; try again in ${body.retryAfterSeconds} seconds.`);
  });
});
