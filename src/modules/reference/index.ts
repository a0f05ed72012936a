import kleData from './data/kle.json' with { type: 'json' };
import municipalityData from './data/kommuner.json' with { type: 'json' };

/** A Danish municipality as used in CPR: 4-digit code, name and region. */
export interface Municipality {
  code: string;
  name: string;
  regionCode: string;
  region: string;
}

/** A KLE classification entry: main group (NN), group (NN.NN) or subject (NN.NN.NN). */
export interface KleEntry {
  code: string;
  title: string;
}

/** All 98 Danish municipalities. */
export const municipalities: readonly Municipality[] = municipalityData.municipalities;

const municipalityByCode = new Map(municipalities.map((m) => [m.code, m]));

/** True when code is one of the 98 municipality codes. */
export function isMunicipalityCode(code: string): boolean {
  return municipalityByCode.has(code);
}

/** The municipality with this code, or undefined. */
export function municipality(code: string): Municipality | undefined {
  return municipalityByCode.get(code);
}

/** KLE main groups, e.g. 32 Socialområdet. */
export const kleMainGroups: readonly KleEntry[] = kleData.mainGroups;
/** KLE subjects a citizen service centre meets, e.g. 32.03.12. */
export const kleSubjects: readonly KleEntry[] = kleData.subjects;

const kleByCode = new Map([...kleMainGroups, ...kleSubjects].map((k) => [k.code, k]));

/** True for a well-formed KLE number: NN, NN.NN or NN.NN.NN. */
export function isKleFormat(code: string): boolean {
  return /^\d{2}(\.\d{2}){0,2}$/.test(code);
}

/** The title of a KLE number, falling back to its main group's title; undefined when the main group is unknown. */
export function kleTitle(code: string): string | undefined {
  return kleByCode.get(code)?.title ?? kleByCode.get(code.slice(0, 2))?.title;
}
