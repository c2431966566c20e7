/** The roles a signed-in person can hold; ownership rules on top of them live in each subgraph. */
export const ROLES = ['STUDENT', 'INSTRUCTOR', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export interface AnonymousViewer {
  readonly kind: 'anonymous';
}

export interface UserViewer {
  readonly kind: 'user';
  readonly id: string;
  readonly role: Role;
  /** The `jti` of the access token this identity came from; absent for identities built in-process. */
  readonly tokenId?: string;
}

/** Who is asking. Every request has one; resolvers never see a "maybe undefined" identity. */
export type Viewer = AnonymousViewer | UserViewer;

export const ANONYMOUS: AnonymousViewer = Object.freeze({ kind: 'anonymous' });

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function userViewer(id: string, role: Role, tokenId?: string): UserViewer {
  return tokenId === undefined ? { kind: 'user', id, role } : { kind: 'user', id, role, tokenId };
}

export const isSignedIn = (viewer: Viewer): viewer is UserViewer => viewer.kind === 'user';
