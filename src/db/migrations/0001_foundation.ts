import type { Kysely } from 'kysely';
import { runScript } from '../script.ts';

// Foundation: the municipality's organisation, its staff, its citizens and their cases.
// Every table holding municipal data is keyed by municipality (char(4) CPR municipality code),
// so one database can later be sharded by municipality.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runScript(
    db,
    `
    CREATE TABLE municipality (
      code char(4) PRIMARY KEY CHECK (code ~ '^[0-9]{4}$'),
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE org_unit (
      municipality char(4) NOT NULL REFERENCES municipality(code),
      id text NOT NULL,
      name text NOT NULL,
      parent_id text,
      -- 'department' for ordinary units; 'secretariat' serves another authority (ACC-5)
      kind text NOT NULL DEFAULT 'department' CHECK (kind IN ('department', 'secretariat')),
      serves_authority text,
      PRIMARY KEY (municipality, id),
      FOREIGN KEY (municipality, parent_id) REFERENCES org_unit(municipality, id)
    );

    CREATE TABLE employee (
      municipality char(4) NOT NULL REFERENCES municipality(code),
      id text NOT NULL,
      username text NOT NULL,
      full_name text NOT NULL,
      cpr char(10) NOT NULL CHECK (cpr ~ '^[0-9]{10}$'),
      unit_id text NOT NULL,
      manager_id text,
      title text NOT NULL,
      roles text[] NOT NULL DEFAULT '{}',
      street text NOT NULL,
      postcode char(4) NOT NULL,
      city text NOT NULL,
      employed_from date NOT NULL,
      employed_until date,
      PRIMARY KEY (municipality, id),
      UNIQUE (municipality, username),
      FOREIGN KEY (municipality, unit_id) REFERENCES org_unit(municipality, id),
      FOREIGN KEY (municipality, manager_id) REFERENCES employee(municipality, id) DEFERRABLE INITIALLY DEFERRED
    );

    CREATE TABLE citizen (
      municipality char(4) NOT NULL REFERENCES municipality(code),
      cpr char(10) NOT NULL CHECK (cpr ~ '^[0-9]{10}$'),
      first_name text NOT NULL,
      last_name text NOT NULL,
      street text NOT NULL,
      postcode char(4) NOT NULL,
      city text NOT NULL,
      home_municipality char(4) NOT NULL CHECK (home_municipality ~ '^[0-9]{4}$'),
      household_id text NOT NULL,
      address_protected boolean NOT NULL DEFAULT false,
      deceased_on date,
      PRIMARY KEY (municipality, cpr)
    );
    CREATE INDEX citizen_name_idx ON citizen (municipality, lower(last_name), lower(first_name));
    CREATE INDEX citizen_household_idx ON citizen (municipality, household_id);

    CREATE TABLE citizen_relation (
      municipality char(4) NOT NULL,
      cpr char(10) NOT NULL,
      related_cpr char(10) NOT NULL,
      kind text NOT NULL CHECK (kind IN ('parent', 'child', 'spouse')),
      PRIMARY KEY (municipality, cpr, related_cpr),
      FOREIGN KEY (municipality, cpr) REFERENCES citizen(municipality, cpr),
      FOREIGN KEY (municipality, related_cpr) REFERENCES citizen(municipality, cpr)
    );

    CREATE TABLE citizen_case (
      municipality char(4) NOT NULL REFERENCES municipality(code),
      id text NOT NULL,
      case_number text NOT NULL,
      citizen_cpr char(10) NOT NULL,
      kle text NOT NULL CHECK (kle ~ '^[0-9]{2}(\\.[0-9]{2}){0,2}$'),
      facet text NOT NULL DEFAULT 'G01',
      title text NOT NULL,
      status text NOT NULL CHECK (status IN ('open', 'closed')),
      -- 'municipality', or the other authority the municipality is secretariat for (ACC-5)
      authority text NOT NULL DEFAULT 'municipality',
      system text NOT NULL DEFAULT 'skjold',
      responsible_unit_id text NOT NULL,
      assigned_employee_id text,
      opened_on date NOT NULL,
      closed_on date,
      PRIMARY KEY (municipality, id),
      FOREIGN KEY (municipality, citizen_cpr) REFERENCES citizen(municipality, cpr),
      FOREIGN KEY (municipality, responsible_unit_id) REFERENCES org_unit(municipality, id),
      FOREIGN KEY (municipality, assigned_employee_id) REFERENCES employee(municipality, id)
    );
    CREATE INDEX citizen_case_citizen_idx ON citizen_case (municipality, citizen_cpr);
    CREATE INDEX citizen_case_kle_idx ON citizen_case (municipality, kle);

    CREATE TABLE case_document (
      municipality char(4) NOT NULL,
      id text NOT NULL,
      case_id text NOT NULL,
      title text NOT NULL,
      body text NOT NULL,
      created_at timestamptz NOT NULL,
      created_by text NOT NULL,
      PRIMARY KEY (municipality, id),
      FOREIGN KEY (municipality, case_id) REFERENCES citizen_case(municipality, id)
    );
    CREATE INDEX case_document_case_idx ON case_document (municipality, case_id);

    -- Demo runs: which seed built which municipality, so a start never seeds twice.
    CREATE TABLE demo_run (
      municipality char(4) PRIMARY KEY REFERENCES municipality(code),
      seed integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
  `,
  );
}
