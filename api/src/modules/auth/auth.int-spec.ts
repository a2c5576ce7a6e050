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

  it('refuses a second account with the same e-mail as CONFLICT', async () => {
    const user = await t.signUp();
    const again = await t.gql(SIGN_UP, {
      i: { email: user.email, password: 'another password!', name: 'X' },
    });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
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
