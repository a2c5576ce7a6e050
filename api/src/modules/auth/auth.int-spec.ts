import { TestApp } from '../../../test/test-app';

describe('accounts', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  const SIGN_UP = `mutation($i: SignUpInput!) { signUp(input: $i) { token user { id email name } } }`;
  const LOG_IN = `mutation($i: LogInInput!) { logIn(input: $i) { token user { id email } } }`;

  it('signs up, then `me` answers with the same user', async () => {
    const email = `New.Person+${Date.now()}@Example.com`;
    const res = await t.ok<{
      signUp: { token: string; user: { id: string; email: string; name: string } };
    }>(SIGN_UP, {
      i: { email, password: 'a long enough password', name: '  Noor  ' },
    });
    expect(res.signUp.user).toMatchObject({ email: email.toLowerCase(), name: 'Noor' });
    const me = await t.ok<{ me: { id: string } }>(`{ me { id } }`, {}, res.signUp.token);
    expect(me.me.id).toBe(res.signUp.user.id);
  });

  it('logs in with the right password, whatever the e-mail case', async () => {
    const user = await t.signUp();
    const res = await t.ok<{ logIn: { user: { id: string } } }>(LOG_IN, {
      i: { email: user.email.toUpperCase(), password: 'correct horse battery staple' },
    });
    expect(res.logIn.user.id).toBe(user.id);
  });

  it('refuses a wrong password and an unknown e-mail with the same message', async () => {
    const user = await t.signUp();
    const wrong = await t.gql(LOG_IN, { i: { email: user.email, password: 'not the password' } });
    const unknown = await t.gql(LOG_IN, {
      i: { email: 'nobody@example.com', password: 'not the password' },
    });
    expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(wrong.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);
  });

  it('answers a sign-up for a taken address with its own password exactly like a new account', async () => {
    const user = await t.signUp('Ada Researcher');
    const fresh = await t.gql(SIGN_UP, {
      i: { email: `${Date.now()}-new@example.com`, password: 'a long enough password', name: 'X' },
    });
    const again = await t.gql<{
      signUp: { token: string; user: { id: string; email: string; name: string } };
    }>(SIGN_UP, {
      i: { email: user.email.toUpperCase(), password: 'correct horse battery staple', name: 'X' },
    });
    expect(again.errors).toBeUndefined();
    expect(again.status).toBe(fresh.status);
    expect(Object.keys(again.data!.signUp).sort()).toEqual(
      Object.keys((fresh.data as { signUp: object }).signUp).sort(),
    );
    // A session of the existing account: nothing was created or changed.
    expect(again.data!.signUp.user).toEqual({
      id: user.id,
      email: user.email,
      name: 'Ada Researcher',
    });
    const me = await t.ok<{ me: { id: string } }>(`{ me { id } }`, {}, again.data!.signUp.token);
    expect(me.me.id).toBe(user.id);
  });

  it('refuses a sign-up for a taken address with another password without saying the address exists', async () => {
    const user = await t.signUp();
    const again = await t.gql(SIGN_UP, {
      i: { email: user.email, password: 'another password!', name: 'X' },
    });
    expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(again.errors?.[0]?.message).toBe(
      'We could not create an account with these details. If you already have an account, log in instead.',
    );
    expect(JSON.stringify(again)).not.toMatch(/exist|taken|in use|already registered/i);
    expect(JSON.stringify(again)).not.toContain(user.email);
    // The account is untouched: its password still works, the other one does not.
    expect(
      (await t.gql(LOG_IN, { i: { email: user.email, password: 'correct horse battery staple' } }))
        .errors,
    ).toBeUndefined();
    expect(
      (await t.gql(LOG_IN, { i: { email: user.email, password: 'another password!' } })).errors?.[0]
        ?.extensions?.code,
    ).toBe('UNAUTHENTICATED');
  });

  it('explains bad sign-up input field by field', async () => {
    const res = await t.gql(SIGN_UP, { i: { email: 'not-an-email', password: 'short', name: '' } });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/email must be a valid e-mail address/);
    expect(res.errors?.[0]?.message).toMatch(/password must be at least 10 characters/);
  });

  it('treats missing, tampered and foreign-key tokens as anonymous', async () => {
    const user = await t.signUp();
    const [head, body] = user.token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ sub: user.id, email: user.email, iss: 'verbatim' }),
    ).toString('base64url');
    for (const token of [
      undefined,
      `${head}.${forged}.${user.token.split('.')[2]}`,
      `${head}.${body}.AAAA`,
      'garbage',
    ]) {
      const res = await t.gql(`{ me { id } }`, {}, token);
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(res.data).toBeFalsy();
    }
  });
});
