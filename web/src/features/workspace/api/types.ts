// The shapes of the citizen-service workspace API (contract of src/http/routes/workspace.ts and src/modules/records).

/** A case's state. */
export type CaseStatus = 'open' | 'closed';

/** One person in a search result: the CPR number is always masked. */
export interface CitizenHit {
  /** Opaque reference; the only citizen key that may appear in a URL. */
  ref: string;
  name: string;
  cpr: string;
  /** Null for a protected person the user has no content right on. */
  address: string | null;
  addressProtected: boolean;
  deceased: boolean;
}

/** A search answer: up to 50 persons and the total (capped). */
export interface CitizenSearchResult {
  results: CitizenHit[];
  total: number;
  totalCapped: boolean;
}

/** The existence-level facts of a case: number, type, status, authority and responsible unit. */
export interface CaseExistence {
  id: string;
  caseNumber: string;
  kle: string;
  kleTitle: string | null;
  facet: string;
  status: CaseStatus;
  authority: string;
  responsibleUnit: { id: string; name: string | null };
}

/** A case in a citizen's list; canView says whether its contents may be opened. */
export interface CitizenCase extends CaseExistence {
  canView: boolean;
}

/** A citizen with the cases the user may know of (never counting the others). */
export interface CitizenView {
  ref: string;
  name: string;
  /** Full or masked, as the server decides. */
  cpr: string;
  address: string | null;
  addressProtected: boolean;
  deceased: boolean;
  homeMunicipality: string;
  cases: CitizenCase[];
  totalCases: number;
}

/** What the user may do with a case, decided by the server. */
export interface CaseAbilities {
  view: boolean;
  update: boolean;
  delete: boolean;
  print: boolean;
}

/** A document on a case (content level only). */
export interface CaseDocument {
  id: string;
  title: string;
  body: string;
  createdAt: string;
  createdBy: string;
}

/** The contents of a case (content level only). */
export interface CaseContent {
  title: string;
  openedOn: string;
  closedOn: string | null;
  assignedEmployee: { id: string; name: string | null } | null;
  documents: CaseDocument[];
}

/** One case at the level the user may see. */
export interface CaseView extends CaseExistence {
  level: 'existence' | 'content';
  citizen: { ref: string; name: string; cpr: string };
  abilities: CaseAbilities;
  content: CaseContent | null;
}

/** A case ready to print, with every document. */
export interface PrintableCase {
  printedAt: string;
  printedBy: string;
  case: CaseExistence & { title: string; openedOn: string; closedOn: string | null; assignedEmployee: string | null };
  citizen: { name: string; cpr: string };
  documents: CaseDocument[];
}
