import { gql } from 'apollo-angular';
import type { DateTime, User } from './types';

/** A session as the api hands it out: a short-lived access token and a rotating refresh token. */
export interface AuthPayload {
  token: string;
  refreshToken: string;
  expiresAt: DateTime;
  user: User;
}

export interface SignUpInput {
  email: string;
  password: string;
  name: string;
}

export interface LogInInput {
  email: string;
  password: string;
}

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

const AUTH_PAYLOAD_FIELDS = `
  token
  refreshToken
  expiresAt
  user {
    id
    email
    name
  }
`;

export const SIGN_UP = gql<{ signUp: AuthPayload }, { input: SignUpInput }>`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      ${AUTH_PAYLOAD_FIELDS}
    }
  }
`;

export const LOG_IN = gql<{ logIn: AuthPayload }, { input: LogInInput }>`
  mutation LogIn($input: LogInInput!) {
    logIn(input: $input) {
      ${AUTH_PAYLOAD_FIELDS}
    }
  }
`;

/** Exchanges a refresh token for a new session; the old refresh token is spent. */
export const REFRESH_SESSION = gql<{ refreshSession: AuthPayload }, { refreshToken: string }>`
  mutation RefreshSession($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) {
      ${AUTH_PAYLOAD_FIELDS}
    }
  }
`;

export const LOG_OUT = gql<{ logOut: boolean }, { refreshToken: string | null }>`
  mutation LogOut($refreshToken: String) {
    logOut(refreshToken: $refreshToken)
  }
`;

export const LOG_OUT_EVERYWHERE = gql<{ logOutEverywhere: boolean }, Record<string, never>>`
  mutation LogOutEverywhere {
    logOutEverywhere
  }
`;

export const CHANGE_PASSWORD = gql<{ changePassword: AuthPayload }, { input: ChangePasswordInput }>`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      ${AUTH_PAYLOAD_FIELDS}
    }
  }
`;

export const ME = gql<{ me: User }, Record<string, never>>`
  query Me {
    me {
      id
      email
      name
    }
  }
`;
