// Row shapes the demo generator produces: exactly the columns of the foundation tables, fully populated.
import type { Role } from '../identity/roles.ts';

/** A row of org_unit. */
export interface OrgUnitRow {
  municipality: string;
  id: string;
  name: string;
  parent_id: string | null;
  kind: 'department' | 'secretariat';
  serves_authority: string | null;
}

/** A row of employee. */
export interface EmployeeRow {
  municipality: string;
  id: string;
  username: string;
  full_name: string;
  cpr: string;
  unit_id: string;
  manager_id: string | null;
  title: string;
  roles: Role[];
  street: string;
  postcode: string;
  city: string;
  employed_from: string;
  employed_until: string | null;
}

/** A row of citizen. */
export interface CitizenRow {
  municipality: string;
  cpr: string;
  first_name: string;
  last_name: string;
  street: string;
  postcode: string;
  city: string;
  home_municipality: string;
  household_id: string;
  address_protected: boolean;
  deceased_on: string | null;
}

/** A row of citizen_relation: related_cpr is cpr's `kind` (e.g. kind 'child': related_cpr is a child of cpr). */
export interface RelationRow {
  municipality: string;
  cpr: string;
  related_cpr: string;
  kind: 'parent' | 'child' | 'spouse';
}

/** A row of citizen_case. */
export interface CaseRow {
  municipality: string;
  id: string;
  case_number: string;
  citizen_cpr: string;
  kle: string;
  facet: string;
  title: string;
  status: 'open' | 'closed';
  authority: string;
  system: string;
  responsible_unit_id: string;
  assigned_employee_id: string | null;
  opened_on: string;
  closed_on: string | null;
}

/** A row of case_document (created_at as an ISO timestamp string, so output is byte-stable). */
export interface DocumentRow {
  municipality: string;
  id: string;
  case_id: string;
  title: string;
  body: string;
  created_at: string;
  created_by: string;
}

/** A demo login printed at start (demo mode only). */
export interface DemoLogin {
  username: string;
  password: string;
  description: string;
}

/** Everything one demo municipality consists of, ready to insert. */
export interface DemoData {
  municipality: { code: string; name: string };
  seed: number;
  units: OrgUnitRow[];
  employees: EmployeeRow[];
  citizens: CitizenRow[];
  relations: RelationRow[];
  cases: CaseRow[];
  documents: DocumentRow[];
  logins: DemoLogin[];
}
