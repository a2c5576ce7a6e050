/** The signed-in user as resolvers see it. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  /** The session (one signed-in device) the access token belongs to: its `sid` claim. */
  sessionId: string;
}
