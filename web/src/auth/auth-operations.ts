import { graphql } from '../gql';

/** The identity operations the session runs itself (outside React), through the unauthenticated client. */

export const SignInMutation = graphql(`
  mutation SignIn($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      ...SessionTokens
    }
  }
`);

export const SignUpMutation = graphql(`
  mutation SignUp($input: RegisterInput!) {
    register(input: $input) {
      ...SessionTokens
    }
  }
`);

export const RefreshSessionMutation = graphql(`
  mutation RefreshSession($token: String!) {
    refreshToken(token: $token) {
      ...SessionTokens
    }
  }
`);

export const SignOutMutation = graphql(`
  mutation SignOut($refreshToken: String!) {
    logout(refreshToken: $refreshToken)
  }
`);

export const SessionTokens = graphql(`
  fragment SessionTokens on AuthPayload {
    accessToken
    accessTokenExpiresAt
    refreshToken
    user {
      id
      name
      email
      role
    }
  }
`);
