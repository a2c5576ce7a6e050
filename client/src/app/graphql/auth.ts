import { gql } from 'apollo-angular';
import type { User } from './types';

export interface AuthPayload {
  token: string;
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

export const SIGN_UP = gql<{ signUp: AuthPayload }, { input: SignUpInput }>`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      token
      user {
        id
        email
        name
      }
    }
  }
`;

export const LOG_IN = gql<{ logIn: AuthPayload }, { input: LogInInput }>`
  mutation LogIn($input: LogInInput!) {
    logIn(input: $input) {
      token
      user {
        id
        email
        name
      }
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
