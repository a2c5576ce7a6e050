/** The signed-in user as resolvers see it. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
}
