import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DateOnly = ColumnType<string, string, string>;

/** The municipality that owns the data in every other table. */
export interface MunicipalityTable {
  code: string;
  name: string;
  created_at: Generated<Timestamp>;
}

/** An organisational unit; `secretariat` units serve another authority (ACC-5). */
export interface OrgUnitTable {
  municipality: string;
  id: string;
  name: string;
  parent_id: string | null;
  kind: Generated<'department' | 'secretariat'>;
  serves_authority: string | null;
}

/** A member of staff (from HR): the person behind a personal user identity. */
export interface EmployeeTable {
  municipality: string;
  id: string;
  username: string;
  full_name: string;
  cpr: string;
  unit_id: string;
  manager_id: string | null;
  title: string;
  roles: Generated<string[]>;
  street: string;
  postcode: string;
  city: string;
  employed_from: DateOnly;
  employed_until: DateOnly | null;
}

/** A citizen as in a CPR register extract. */
export interface CitizenTable {
  municipality: string;
  cpr: string;
  first_name: string;
  last_name: string;
  street: string;
  postcode: string;
  city: string;
  home_municipality: string;
  household_id: string;
  address_protected: Generated<boolean>;
  deceased_on: DateOnly | null;
}

/** A family relation between two citizens (CPR relations). */
export interface CitizenRelationTable {
  municipality: string;
  cpr: string;
  related_cpr: string;
  kind: 'parent' | 'child' | 'spouse';
}

/** A case about a citizen, classified by KLE. */
export interface CitizenCaseTable {
  municipality: string;
  id: string;
  case_number: string;
  citizen_cpr: string;
  kle: string;
  facet: Generated<string>;
  title: string;
  status: 'open' | 'closed';
  authority: Generated<string>;
  system: Generated<string>;
  responsible_unit_id: string;
  assigned_employee_id: string | null;
  opened_on: DateOnly;
  closed_on: DateOnly | null;
}

/** A document on a case. */
export interface CaseDocumentTable {
  municipality: string;
  id: string;
  case_id: string;
  title: string;
  body: string;
  created_at: Timestamp;
  created_by: string;
}

/** Which seed built a demo municipality. */
export interface DemoRunTable {
  municipality: string;
  seed: number;
  created_at: Generated<Timestamp>;
}

/** Every table Skjold's queries may touch, for Kysely's typing. */
export interface Database {
  municipality: MunicipalityTable;
  org_unit: OrgUnitTable;
  employee: EmployeeTable;
  citizen: CitizenTable;
  citizen_relation: CitizenRelationTable;
  citizen_case: CitizenCaseTable;
  case_document: CaseDocumentTable;
  demo_run: DemoRunTable;
}
