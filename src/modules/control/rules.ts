// The monitoring rule language (CTL-2): a small typed JSON DSL validated with zod, the shipped rules for every
// anti-snooping scenario, and the Danish reason each kind gives. Evaluation lives in evaluate.ts.
import { z } from 'zod';
import { ControlError } from './errors.ts';

const severity = z.enum(['low', 'medium', 'high']);
const hhmm = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'skal skrives TT:MM');
const klePrefix = z.string().regex(/^[0-9]{2}(\.[0-9]{2}){0,2}$/, 'skal være et KLE-nummer (NN, NN.NN eller NN.NN.NN)');

// Fields every rule has: how serious, an optional own reason text, whether explained lookups are exempt, on/off.
const common = {
  severity: severity.optional(),
  reason: z.string().trim().min(5).max(300).optional(),
  respectExplanations: z.boolean().optional(),
  enabled: z.boolean().optional(),
};

/** A rule definition: one of the kinds below, validated strictly (unknown fields are refused). */
export const ruleDefinitionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('watchlist'), ...common }),
  z.strictObject({
    kind: z.literal('outside-hours'),
    ...common,
    graceMinutes: z.number().int().min(0).max(180).default(30),
    defaultHours: z.partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7']), z.tuple([hhmm, hhmm])).optional(),
  }),
  z.strictObject({ kind: z.literal('closed-sensitive-case'), ...common, klePrefixes: z.array(klePrefix).min(1).max(50).default(['32', '34']), includeHiddenTypes: z.boolean().default(true) }),
  z.strictObject({ kind: z.literal('other-municipality'), ...common }),
  z.strictObject({
    kind: z.literal('volume'),
    ...common,
    distinctPersons: z.number().int().min(3).max(10_000),
    windowMinutes: z.number().int().min(5).max(24 * 60),
    peerFactor: z.number().min(1).max(100),
    baselineDays: z.number().int().min(1).max(180).default(30),
  }),
  z.strictObject({ kind: z.literal('self'), ...common }),
  z.strictObject({ kind: z.literal('family'), ...common }),
  z.strictObject({ kind: z.literal('coworker'), ...common }),
  z.strictObject({ kind: z.literal('neighbour'), ...common, houseNumberDistance: z.number().int().min(0).max(50).default(6) }),
  z.strictObject({ kind: z.literal('protected-or-deceased'), ...common, protected: z.boolean().default(true), deceased: z.boolean().default(true), deceasedGraceDays: z.number().int().min(0).max(365).default(30) }),
  z.strictObject({
    kind: z.literal('fishing'),
    ...common,
    minHits: z.number().int().min(2).max(100_000).default(20),
    followUpMinutes: z.number().int().min(1).max(240).default(10),
    shortQueryChars: z.number().int().min(0).max(10).default(3),
  }),
  z.strictObject({ kind: z.literal('departed-account'), ...common }),
  z.strictObject({ kind: z.literal('dormant-account'), ...common, dormantDays: z.number().int().min(7).max(365).default(60) }),
  z.strictObject({ kind: z.literal('first-sensitive'), ...common, categories: z.array(klePrefix).min(1).max(50), lookbackDays: z.number().int().min(7).max(365).default(60) }),
]);

/** A parsed, valid rule definition (defaults filled in). */
export type RuleDefinition = z.output<typeof ruleDefinitionSchema>;
/** The kinds of rule. */
export type RuleKind = RuleDefinition['kind'];

/** Default severity, Danish reason and whether explained lookups are exempt, per kind. */
export const KIND_DEFAULTS: Record<RuleKind, { severity: 'low' | 'medium' | 'high'; reason: string; respectExplanations: boolean }> = {
  watchlist: { severity: 'high', reason: 'Opslag på en person på overvågningslisten', respectExplanations: false },
  'outside-hours': { severity: 'low', reason: 'Opslag uden for enhedens åbningstid', respectExplanations: true },
  'closed-sensitive-case': { severity: 'medium', reason: 'Opslag i en afsluttet følsom sag', respectExplanations: true },
  'other-municipality': { severity: 'low', reason: 'Opslag på en borger i en anden kommune', respectExplanations: true },
  volume: { severity: 'high', reason: 'Opslag på mange forskellige personer på kort tid, langt over det normale for medarbejderen og kollegerne', respectExplanations: true },
  self: { severity: 'medium', reason: 'Opslag på medarbejderen selv', respectExplanations: false },
  family: { severity: 'high', reason: 'Opslag på et familiemedlem eller en person i medarbejderens husstand', respectExplanations: false },
  coworker: { severity: 'medium', reason: 'Opslag på en kollega', respectExplanations: true },
  neighbour: { severity: 'medium', reason: 'Opslag på en nabo til medarbejderen', respectExplanations: false },
  'protected-or-deceased': { severity: 'medium', reason: 'Opslag på en person med navne- og adressebeskyttelse eller en afdød person', respectExplanations: true },
  fishing: { severity: 'medium', reason: 'Bred søgning (jokertegn eller kort navn) med mange hits og uden efterfølgende opslag', respectExplanations: false },
  'departed-account': { severity: 'high', reason: 'Opslag fra en brugerkonto, hvis medarbejder er fratrådt', respectExplanations: false },
  'dormant-account': { severity: 'medium', reason: 'Opslag fra en brugerkonto, der ikke har været brugt i lang tid', respectExplanations: false },
  'first-sensitive': { severity: 'medium', reason: 'Medarbejderens første opslag i en følsom sagskategori', respectExplanations: true },
};

/** A rule ready to evaluate: its key, version and parsed definition with every default applied. */
export interface ActiveRule {
  key: string;
  version: number;
  definition: RuleDefinition;
  severity: 'low' | 'medium' | 'high';
  reason: string;
  respectExplanations: boolean;
}

/** Turns a parsed definition into an ActiveRule (defaults of its kind applied). */
export function resolveRule(key: string, version: number, definition: RuleDefinition): ActiveRule {
  const d = KIND_DEFAULTS[definition.kind];
  return { key, version, definition, severity: definition.severity ?? d.severity, reason: definition.reason ?? d.reason, respectExplanations: definition.respectExplanations ?? d.respectExplanations };
}

/** Parses a rule definition or throws ControlError('invalid') naming the first problem in Danish. */
export function parseRuleDefinition(input: unknown): RuleDefinition {
  const result = ruleDefinitionSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const where = issue.path.length ? issue.path.join('.') : 'reglen';
  const kinds = Object.keys(KIND_DEFAULTS).join(', ');
  const message = issue.code === 'invalid_union' && issue.path.length === 0 ? `Reglen kan ikke læses: "kind" skal være en af ${kinds}.` : `Reglen kan ikke læses: ${where}: ${issue.message}`;
  throw new ControlError('invalid', message, 'definition');
}

/** Keys must be short kebab-case names. */
export const RULE_KEY = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** The rules Skjold ships, one per anti-snooping scenario of the issue (activated on first use of a municipality). */
export const SHIPPED_RULES: readonly { key: string; definition: z.input<typeof ruleDefinitionSchema> }[] = [
  { key: 'watchlist', definition: { kind: 'watchlist' } },
  { key: 'outside-hours', definition: { kind: 'outside-hours', graceMinutes: 30 } },
  { key: 'closed-sensitive-case', definition: { kind: 'closed-sensitive-case', klePrefixes: ['32', '34'], includeHiddenTypes: true } },
  { key: 'other-municipality', definition: { kind: 'other-municipality' } },
  { key: 'volume', definition: { kind: 'volume', distinctPersons: 15, windowMinutes: 60, peerFactor: 3, baselineDays: 30 } },
  { key: 'self', definition: { kind: 'self' } },
  { key: 'family', definition: { kind: 'family' } },
  { key: 'coworker', definition: { kind: 'coworker' } },
  { key: 'neighbour', definition: { kind: 'neighbour', houseNumberDistance: 6 } },
  { key: 'protected-or-deceased', definition: { kind: 'protected-or-deceased' } },
  { key: 'fishing', definition: { kind: 'fishing', minHits: 20, followUpMinutes: 10, shortQueryChars: 3 } },
  { key: 'departed-account', definition: { kind: 'departed-account' } },
  { key: 'dormant-account', definition: { kind: 'dormant-account', dormantDays: 60 } },
  { key: 'first-sensitive', definition: { kind: 'first-sensitive', categories: ['34.10.30', '34.25.00', '32.45.04', '27.25.08', '27.25.12', '34.20'], lookbackDays: 60 } },
];
