// The shapes of the grant administration API (contract of src/http/routes/access.ts); times arrive as ISO strings.

/** Who a right is granted to. */
export type GranteeKind = 'user' | 'unit' | 'role';

/** What the right lets one see: that a case exists (type, status, unit) or its contents and documents. */
export type GrantLevel = 'existence' | 'content';

/** Where a grant stands in the procedure. */
export type GrantStatus = 'requested' | 'approved' | 'rejected' | 'revoked';

/** One line of "who has which access, since when, granted by whom" (ACC-7). */
export interface Grant {
  id: string;
  grantee: { kind: GranteeKind; id: string; name: string };
  /** KLE number (NN, NN.NN, NN.NN.NN) or "*" for every case type that is not hidden. */
  scope: string;
  scopeTitle: string;
  /** "municipality" or another authority, e.g. "boern-og-unge-udvalget". */
  authority: string;
  level: GrantLevel;
  canSearch: boolean;
  canEnter: boolean;
  canDelete: boolean;
  justification: string;
  status: GrantStatus;
  awaitingSecondApproval: boolean;
  validFrom: string;
  validUntil: string | null;
  /** Names (the server resolves employee ids to names). */
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  secondApprovedBy: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
}

/** The answer of GET /api/access/grants: the moment the list describes and its grants. */
export interface GrantList {
  at: string;
  grants: Grant[];
}

/** Which list: rights in force at a moment, pending requests (incl. awaiting second approval), or all. */
export type GrantListView = 'in-force' | 'pending' | 'all';

/** The body of POST /api/access/grants. */
export interface GrantRequestInput {
  granteeKind: GranteeKind;
  granteeId: string;
  scope: string;
  authority: string;
  level: GrantLevel;
  canSearch: boolean;
  canEnter: boolean;
  canDelete: boolean;
  justification: string;
  validUntil?: string | null;
}
