/**
 * What happens when the server no longer accepts the session (a refresh was refused): the app
 * binds it to Session in app.config.ts. Token refresh depends on this contract rather than on
 * Session itself, because Session needs the live connection, which needs token refresh.
 */
export abstract class SessionExpiry {
  abstract expired(): void;
}
