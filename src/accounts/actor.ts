/** Who is calling: the result of authentication, consulted by every access decision. */
export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'user'; user: SignedInUser; via: 'session' | 'token'; csrfToken?: string }
  | { kind: 'screen'; screenId: string };

export type Role = 'admin' | 'coordinator' | 'member';
export type ScopeLevel = 'national' | 'county' | 'municipality';

/** The parts of a user that access decisions need. */
export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  scope: ScopeLevel | null;
  scopeCountyCode: string | null;
  scopeMunicipalityCode: string | null;
  organisationId: string | null;
}

export const anonymous: Actor = { kind: 'anonymous' };

/** The signed-in user behind an actor, or null. */
export function userOf(actor: Actor): SignedInUser | null {
  return actor.kind === 'user' ? actor.user : null;
}
