// `skjold users …` and `skjold workstations …`: the administrators' identity commands, attributable to a person.
import type { Command } from 'commander';
import { withDatabase } from '../../cli/database.ts';
import { verifySecurityEvents } from '../audit/index.ts';
import { clearLockout } from './lockout.ts';
import { issuePasswordReset } from './login.ts';
import { loadSecretKey } from './secret-key.ts';
import type { IdentityDeps } from './context.ts';

const CLI_CLIENT = { ip: 'cli', workstation: 'cli' };

/** Raised for a command the operator got wrong; printed as one line with exit code 2. */
class UsageError extends Error {}

async function asAdministrator(deps: IdentityDeps, username: string | undefined): Promise<{ id: string; ip: string; workstation: string }> {
  if (!username) throw new UsageError('--as USERNAME is required: every administrative action is attributed to a person');
  const admin = await deps.db
    .selectFrom('user_account as a')
    .innerJoin('employee as e', (j) => j.onRef('e.municipality', '=', 'a.municipality').onRef('e.id', '=', 'a.id'))
    .select(['a.id', 'e.roles'])
    .where('a.municipality', '=', deps.municipality)
    .where('a.username', '=', username.trim().toLowerCase())
    .executeTakeFirst();
  if (!admin || !admin.roles.some((r) => r === 'it-admin' || r === 'security')) throw new UsageError(`${username} is not an IT administrator or security administrator`);
  return { id: admin.id, ...CLI_CLIENT };
}

function run(action: (deps: IdentityDeps) => Promise<string>): () => Promise<void> {
  return async () => {
    try {
      const message = await withDatabase((db, config) => action({ db: db.db, municipality: config.municipality, secretKey: loadSecretKey(config.secretKey, config.dataDir), now: () => new Date() }));
      process.stdout.write(`${message}\n`);
    } catch (error) {
      if (error instanceof UsageError) {
        process.stderr.write(`skjold: ${error.message}\n`);
        process.exit(2);
      }
      throw error;
    }
  };
}

function requireCause(cause: string | undefined): string {
  if (!cause || cause.trim().length < 10) throw new UsageError('--cause must describe the clarified cause (at least 10 characters)');
  return cause.trim();
}

/** Registers the identity commands on the program. */
export function registerIdentityCommands(program: Command): void {
  const users = program.command('users').description('user identities: unlock, password reset');
  users
    .command('unlock <username>')
    .description('reopen a user identity locked after 5 rejected attempts, recording the clarified cause')
    .requiredOption('--cause <text>', 'the clarified cause')
    .requiredOption('--as <username>', 'your own username (the administrator acting)')
    .action((username: string, opts: { cause: string; as: string }) =>
      run(async (deps) => {
        const actor = await asAdministrator(deps, opts.as);
        const ok = await clearLockout(deps, actor, { kind: 'user', key: username }, requireCause(opts.cause));
        if (!ok) throw new UsageError(`${username} is not locked`);
        return `unlocked ${username}`;
      })(),
    );
  users
    .command('reset <username>')
    .description('issue a one-time password reset token (valid 1 hour); ends all the user’s sessions')
    .requiredOption('--identity-check <text>', 'how the user’s identity was checked')
    .requiredOption('--as <username>', 'your own username (the administrator acting)')
    .action((username: string, opts: { identityCheck: string; as: string }) =>
      run(async (deps) => {
        const actor = await asAdministrator(deps, opts.as);
        if (!opts.identityCheck || opts.identityCheck.trim().length < 10) throw new UsageError('--identity-check must describe the check (at least 10 characters)');
        const user = await deps.db.selectFrom('user_account').select('id').where('municipality', '=', deps.municipality).where('username', '=', username.trim().toLowerCase()).executeTakeFirst();
        if (!user) throw new UsageError(`no user ${username}`);
        const { token, expiresAt } = await issuePasswordReset(deps, actor, user.id, opts.identityCheck.trim());
        return `one-time reset token (hand it over personally; valid until ${expiresAt.toISOString()}):\n${token}`;
      })(),
    );

  program
    .command('workstations')
    .description('workstations locked after 5 rejected attempts')
    .command('unlock <workstation>')
    .description('reopen a locked workstation (e.g. ip:10.20.1.7), recording the clarified cause')
    .requiredOption('--cause <text>', 'the clarified cause')
    .requiredOption('--as <username>', 'your own username (the administrator acting)')
    .action((workstation: string, opts: { cause: string; as: string }) =>
      run(async (deps) => {
        const actor = await asAdministrator(deps, opts.as);
        const ok = await clearLockout(deps, actor, { kind: 'workstation', key: workstation }, requireCause(opts.cause));
        if (!ok) throw new UsageError(`${workstation} is not locked`);
        return `unlocked ${workstation}`;
      })(),
    );

  program
    .command('security-events')
    .description('the security event log')
    .command('verify')
    .description('recompute the hash chain of the security event log; exit 1 naming the first broken record')
    .action(async () => {
      const result = await withDatabase((db, config) => verifySecurityEvents(db.db, config.municipality));
      if (result.ok) {
        process.stdout.write(`security event log intact: ${result.records} records\n`);
      } else {
        process.stdout.write(`security event log BROKEN at record id ${result.firstBrokenId} (after ${result.records} intact records)\n`);
        process.exitCode = 1;
      }
    });
}
