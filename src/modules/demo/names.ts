// Danish names, streets and towns for the fictional demo population. All people are invented.
import type { Random } from './random.ts';

const MALE_OLDER = [
  'Jens', 'Peter', 'Hans', 'Niels', 'Jørgen', 'Henrik', 'Lars', 'Søren', 'Poul', 'Erik', 'Ole', 'Per', 'Kim', 'Bent', 'Flemming',
  'Preben', 'Knud', 'Finn', 'Arne', 'Steen', 'Jan', 'Torben', 'Leif', 'John', 'Carsten', 'Jesper', 'Kurt', 'Svend', 'Bjarne', 'Tommy',
  'Allan', 'Erling', 'Frank', 'Kaj', 'Aage', 'Mogens', 'Keld', 'Ib', 'Karsten', 'Claus',
];
const MALE_YOUNGER = [
  'Michael', 'Thomas', 'Martin', 'Rasmus', 'Christian', 'Anders', 'Mads', 'Mikkel', 'Jakob', 'Frederik', 'Kasper', 'Mathias', 'Daniel',
  'Simon', 'Nikolaj', 'Jonas', 'Emil', 'Oliver', 'William', 'Noah', 'Lucas', 'Victor', 'Magnus', 'Alfred', 'Carl', 'Oscar', 'Malthe',
  'Elias', 'Aksel', 'Valdemar', 'Anton', 'August', 'Villads', 'Sebastian', 'Tobias', 'Alexander', 'Benjamin', 'Nicolai', 'Jacob', 'Ahmad',
];
const FEMALE_OLDER = [
  'Anne', 'Kirsten', 'Hanne', 'Mette', 'Anna', 'Helle', 'Susanne', 'Lene', 'Marianne', 'Inge', 'Birgit', 'Karen', 'Lis', 'Bente', 'Jytte',
  'Tove', 'Grethe', 'Ingrid', 'Ruth', 'Else', 'Gitte', 'Lone', 'Pia', 'Dorthe', 'Jette', 'Vibeke', 'Annette', 'Birthe', 'Conny', 'Hanna',
  'Gerda', 'Ulla', 'Winnie', 'Rita', 'Lisbeth', 'Merete', 'Jonna', 'Solveig', 'Edith', 'Aase',
];
const FEMALE_YOUNGER = [
  'Camilla', 'Maria', 'Louise', 'Charlotte', 'Julie', 'Sofie', 'Emma', 'Ida', 'Freja', 'Clara', 'Laura', 'Sarah', 'Cecilie', 'Mathilde',
  'Ella', 'Alma', 'Agnes', 'Karla', 'Olivia', 'Josefine', 'Nanna', 'Signe', 'Line', 'Maja', 'Anne-Sofie', 'Isabella', 'Liva', 'Asta',
  'Emilie', 'Caroline', 'Katrine', 'Christina', 'Stine', 'Rikke', 'Malene', 'Sanne', 'Trine', 'Nadia', 'Fatima', 'Aya',
];

// Roughly by frequency: the common -sen names first, weighted more.
const LAST_NAMES: readonly (readonly [string, number])[] = [
  ['Nielsen', 40], ['Jensen', 40], ['Hansen', 36], ['Pedersen', 28], ['Andersen', 28], ['Christensen', 22], ['Larsen', 21], ['Sørensen', 20],
  ['Rasmussen', 16], ['Jørgensen', 15], ['Petersen', 14], ['Madsen', 12], ['Kristensen', 12], ['Olsen', 10], ['Thomsen', 9],
  ['Christiansen', 8], ['Poulsen', 7], ['Johansen', 7], ['Møller', 7], ['Mortensen', 7], ['Knudsen', 5], ['Jakobsen', 5], ['Mikkelsen', 5],
  ['Olesen', 5], ['Frederiksen', 5], ['Laursen', 4], ['Henriksen', 4], ['Lund', 4], ['Schmidt', 3], ['Eriksen', 3], ['Holm', 3],
  ['Kristiansen', 3], ['Clausen', 3], ['Simonsen', 3], ['Svendsen', 3], ['Andreasen', 3], ['Iversen', 2], ['Jeppesen', 2], ['Mogensen', 2],
  ['Jespersen', 2], ['Nissen', 2], ['Lauridsen', 2], ['Kjær', 2], ['Vestergaard', 2], ['Nørgaard', 2], ['Bech', 2], ['Dam', 2], ['Skov', 2],
  ['Søndergaard', 2], ['Berg', 2], ['Lassen', 2], ['Bak', 2], ['Østergaard', 2], ['Bruun', 2], ['Friis', 2], ['Mathiasen', 2], ['Gregersen', 2],
  ['Bundgaard', 1], ['Dahl', 1], ['Storm', 1], ['Winther', 1], ['Lindberg', 1], ['Ravn', 1], ['Juhl', 1], ['Krogh', 1], ['Brandt', 1],
  ['Ali', 1], ['Hussein', 1], ['Nguyen', 1], ['Yilmaz', 1], ['Kowalski', 1], ['Ibrahim', 1], ['Stevnsgaard', 1], ['Rønne', 1],
];

const STREETS = [
  'Hovedgaden', 'Stationsvej', 'Skolevej', 'Kirkevej', 'Møllevej', 'Søndergade', 'Nørregade', 'Vestergade', 'Østergade', 'Algade',
  'Engvej', 'Bakkevej', 'Mosevej', 'Skovvej', 'Strandvej', 'Havnevej', 'Birkevej', 'Egevej', 'Bøgevej', 'Granvej', 'Lærkevej', 'Vibevej',
  'Rosenvej', 'Syrenvej', 'Fasanvej', 'Kastanievej', 'Ahornvej', 'Lindevej', 'Præstevænget', 'Toftevej', 'Grønnegade', 'Vænget',
  'Klintevej', 'Kridtvej', 'Markvej', 'Bygaden', 'Gadekæret', 'Mejerivej', 'Smedevej', 'Tværvej', 'Parkvej', 'Solvænget', 'Kløvervej',
  'Anemonevej', 'Tjørnevej', 'Pilevej', 'Hybenvej', 'Åbakken', 'Bredgade', 'Elmevej',
];

/** A locality the demo places households in: the street pool, the postcode and the postal district name. */
export interface Locality {
  name: string;
  postcode: string;
  city: string;
  /** Relative population weight. */
  weight: number;
}

/** Real localities per municipality code; municipalities without an entry get a single generic locality. */
const LOCALITIES: Record<string, readonly Locality[]> = {
  '0336': [
    { name: 'Store Heddinge', postcode: '4660', city: 'Store Heddinge', weight: 34 },
    { name: 'Hårlev', postcode: '4652', city: 'Hårlev', weight: 27 },
    { name: 'Strøby Egede', postcode: '4600', city: 'Køge', weight: 30 },
    { name: 'Strøby', postcode: '4671', city: 'Strøby', weight: 10 },
    { name: 'Klippinge', postcode: '4672', city: 'Klippinge', weight: 8 },
    { name: 'Rødvig', postcode: '4673', city: 'Rødvig Stevns', weight: 11 },
    { name: 'Holtug', postcode: '4660', city: 'Store Heddinge', weight: 3 },
    { name: 'Lille Heddinge', postcode: '4660', city: 'Store Heddinge', weight: 3 },
    { name: 'Højerup', postcode: '4660', city: 'Store Heddinge', weight: 2 },
    { name: 'Lyderslev', postcode: '4652', city: 'Hårlev', weight: 2 },
  ],
  '0730': [
    { name: 'Randers C', postcode: '8900', city: 'Randers C', weight: 30 },
    { name: 'Randers SV', postcode: '8920', city: 'Randers SV', weight: 15 },
    { name: 'Randers NØ', postcode: '8930', city: 'Randers NØ', weight: 15 },
    { name: 'Randers NV', postcode: '8940', city: 'Randers NV', weight: 15 },
    { name: 'Randers SØ', postcode: '8960', city: 'Randers SØ', weight: 12 },
    { name: 'Langå', postcode: '8870', city: 'Langå', weight: 6 },
    { name: 'Spentrup', postcode: '8981', city: 'Spentrup', weight: 3 },
    { name: 'Havndal', postcode: '8970', city: 'Havndal', weight: 2 },
  ],
};

/** A place in another municipality (for commuting employees and citizens who moved away). */
export interface OtherPlace {
  municipality: string;
  postcode: string;
  city: string;
  weight: number;
}

/** Places in other municipalities, weighted towards neighbours of Stevns. */
export const OTHER_PLACES: readonly OtherPlace[] = [
  { municipality: '0259', postcode: '4600', city: 'Køge', weight: 25 },
  { municipality: '0320', postcode: '4640', city: 'Faxe', weight: 15 },
  { municipality: '0370', postcode: '4700', city: 'Næstved', weight: 10 },
  { municipality: '0265', postcode: '4000', city: 'Roskilde', weight: 8 },
  { municipality: '0269', postcode: '2680', city: 'Solrød Strand', weight: 8 },
  { municipality: '0253', postcode: '2670', city: 'Greve', weight: 6 },
  { municipality: '0101', postcode: '2300', city: 'København S', weight: 8 },
  { municipality: '0147', postcode: '2000', city: 'Frederiksberg', weight: 3 },
  { municipality: '0390', postcode: '4760', city: 'Vordingborg', weight: 4 },
  { municipality: '0326', postcode: '4400', city: 'Kalundborg', weight: 2 },
  { municipality: '0461', postcode: '5000', city: 'Odense C', weight: 3 },
  { municipality: '0751', postcode: '8000', city: 'Aarhus C', weight: 3 },
  { municipality: '0730', postcode: '8900', city: 'Randers C', weight: 2 },
  { municipality: '0336', postcode: '4660', city: 'Store Heddinge', weight: 4 },
];

/** The localities of a municipality; a single generic one (named after the municipality) when none are known. */
export function localitiesFor(code: string, municipalityName: string): readonly Locality[] {
  return LOCALITIES[code] ?? [{ name: municipalityName, postcode: OTHER_PLACES.find((p) => p.municipality === code)?.postcode ?? '0000', city: municipalityName, weight: 1 }];
}

/** A first name for a person of this sex born in this year. */
export function firstName(rng: Random, sex: 'male' | 'female', birthYear: number): string {
  const younger = birthYear >= 1972 ? rng.chance(0.85) : rng.chance(0.12);
  if (sex === 'male') return rng.pick(younger ? MALE_YOUNGER : MALE_OLDER);
  return rng.pick(younger ? FEMALE_YOUNGER : FEMALE_OLDER);
}

/** A Danish last name, weighted by frequency. */
export function lastName(rng: Random): string {
  return rng.weighted(LAST_NAMES);
}

/** How many of the street names a locality of this weight uses (small villages have few streets). */
export function streetCount(weight: number): number {
  return Math.max(3, Math.min(STREETS.length, Math.round(weight * 1.5)));
}

/** The streets of a locality: a deterministic subset of the street pool. */
export function streetsFor(rng: Random, locality: Locality): string[] {
  return rng.shuffle(STREETS).slice(0, streetCount(locality.weight));
}

/** Lower-case ASCII letters only (æ→ae, ø→oe, å→aa), for usernames. */
export function asciiLetters(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFD')
    .replace(/[^a-z]/g, '');
}
