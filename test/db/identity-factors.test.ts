import { generate } from 'otplib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  beginTotpEnrolment,
  changePassword,
  checkSession,
  completeSecondFactor,
  confirmTotpEnrolment,
  issuePasswordReset,
  loginWithPassword,
  redeemPasswordReset,
  unlockSession,
  WeakPasswordError,
  type IdentityDeps,
} from '../../src/modules/identity/index.ts';
import { hashToken } from '../../src/modules/identity/tokens.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { identityDeps, seedUsers, setMfaPolicy, testClock, TEST_PASSWORD, type TestClock } from '../support/fixtures.ts';

const client = { ip: '192.0.2.10', workstation: 'ip:192.0.2.10' };
const admin = { id: 'user2', ...client };

async function totpAt(secret: string, at: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
}

/** Logs user1 in with password only (MFA not yet enrolled → enrolment-restricted session), enrols TOTP. */
async function enrolTotp(deps: IdentityDeps, clock: TestClock): Promise<{ secret: string; recoveryCodes: string[] }> {
  const first = await loginWithPassword(deps, client, 'user1', TEST_PASSWORD);
  if (first.status !== 'ok') throw new Error(`expected ok, got ${first.status}`);
  expect(first.restriction).toBe('mfa-enrolment');
  const { secret, uri } = await beginTotpEnrolment(deps, 'user1', 'user1');
  expect(uri).toMatch(/^otpauth:\/\/totp\/Skjold:user1\?/);
  const codes = await confirmTotpEnrolment(deps, client, hashToken(first.sessionToken), 'user1', await totpAt(secret, clock.now()));
  if (!codes) throw new Error('enrolment refused');
  clock.advance(31_000);
  return { secret, recoveryCodes: codes };
}

describe('second factors and sessions (AUTH-2, AUTH-5, AUTH-6)', () => {
  let t: TestDb;
  let deps: IdentityDeps;
  let clock: TestClock;
  beforeEach(async () => {
    t = await createTestDb();
    clock = testClock(new Date('2026-11-20T09:00:00Z'));
    deps = identityDeps(t, clock);
    await seedUsers(deps, 2);
    await setMfaPolicy(deps, 'always');
  });
  afterEach(async () => t.drop());

  it('stores the TOTP secret encrypted, never in clear', async () => {
    const { secret } = await enrolTotp(deps, clock);
    const row = await t.db.selectFrom('totp_credential').selectAll().executeTakeFirstOrThrow();
    expect(row.secret_encrypted).not.toContain(secret);
    expect(row.confirmed_at).not.toBeNull();
  });

  it('requires the second factor, and a TOTP code cannot be used twice', async () => {
    const { secret } = await enrolTotp(deps, clock);
    const step1 = await loginWithPassword(deps, client, 'user1', TEST_PASSWORD);
    expect(step1).toMatchObject({ status: 'mfa_required', methods: ['totp', 'recovery'] });
    if (step1.status !== 'mfa_required') return;
    const code = await totpAt(secret, clock.now());
    const ok = await completeSecondFactor(deps, client, step1.challengeToken, 'totp', code);
    expect(ok.status).toBe('ok');

    // Replay: a fresh password step, the same code within its validity window.
    const step2 = await loginWithPassword(deps, client, 'user1', TEST_PASSWORD);
    if (step2.status !== 'mfa_required') throw new Error('expected mfa');
    expect(await completeSecondFactor(deps, client, step2.challengeToken, 'totp', code)).toEqual({ status: 'failed' });
    // The challenge itself cannot be reused after success either.
    expect(await completeSecondFactor(deps, client, step1.challengeToken, 'totp', await totpAt(secret, clock.now()))).toEqual({ status: 'failed' });
    const reasons = (await t.db.selectFrom('login_attempt').select(['factor', 'reason']).where('factor', '=', 'totp').orderBy('id').execute()).map((r) => r.reason);
    expect(reasons).toEqual(['ok', 'wrong-totp']);
  });

  it('locks the user after 5 wrong second factors; the right password does not reset that count', async () => {
    const { secret } = await enrolTotp(deps, clock);
    for (let i = 0; i < 5; i++) {
      const step = await loginWithPassword(deps, client, 'user1', TEST_PASSWORD);
      if (step.status !== 'mfa_required') throw new Error(`attempt ${i}: expected mfa, got ${step.status}`);
      expect((await completeSecondFactor(deps, client, step.challengeToken, 'totp', '000000')).status).toBe('failed');
    }
    // Now even password + right code is refused: locked on every factor.
    expect(await loginWithPassword(deps, { ip: '192.0.2.99', workstation: 'ip:192.0.2.99' }, 'user1', TEST_PASSWORD)).toEqual({ status: 'failed' });
    void secret;
  });

  it('accepts each recovery code once', async () => {
    const { recoveryCodes } = await enrolTotp(deps, clock);
    expect(recoveryCodes).toHaveLength(10);
    const stored = await t.db.selectFrom('recovery_code').select('code_hash').execute();
    expect(stored.map((s) => s.code_hash)).not.toContain(recoveryCodes[0]);
    const a = await loginWithPassword(deps, client, 'user1', TEST_PASSWORD);
    if (a.status !== 'mfa_required') throw new Error('expected mfa');
    expect((await completeSecondFactor(deps, client, a.challengeToken, 'recovery', recoveryCodes[0]!)).status).toBe('ok');
    const b = await loginWithPassword(deps, client, 'user1', TEST_PASSWORD);
    if (b.status !== 'mfa_required') throw new Error('expected mfa');
    expect((await completeSecondFactor(deps, client, b.challengeToken, 'recovery', recoveryCodes[0]!)).status).toBe('failed');
  });

  it('locks an idle session on the server; heartbeats do not count as activity; the password reopens it', async () => {
    await setMfaPolicy(deps, 'untrusted-network', ['192.0.2.0/24']);
    const login = await loginWithPassword(deps, client, 'user1', TEST_PASSWORD);
    if (login.status !== 'ok') throw new Error('expected ok');
    const token = login.sessionToken;
    clock.advance(10 * 60_000);
    expect((await checkSession(deps, token, { activity: true })).status).toBe('active');
    // 14 minutes of heartbeats only: they must not keep the session open.
    for (let i = 0; i < 14; i++) {
      clock.advance(60_000);
      await checkSession(deps, token, { activity: false });
    }
    clock.advance(61_000);
    expect((await checkSession(deps, token, { activity: true })).status).toBe('locked');
    expect((await checkSession(deps, token, { activity: true })).status).toBe('locked');
    expect(await unlockSession(deps, client, hashToken(token), 'forkert-kode-123')).toBe(false);
    expect(await unlockSession(deps, client, hashToken(token), TEST_PASSWORD)).toBe(true);
    expect((await checkSession(deps, token, { activity: true })).status).toBe('active');
    const types = (await t.db.selectFrom('security_event').select('type').execute()).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['session.locked', 'session.unlocked']));
  });

  it('ends a session after the absolute maximum, even when active', async () => {
    await setMfaPolicy(deps, 'untrusted-network', ['192.0.2.0/24']);
    const login = await loginWithPassword(deps, client, 'user1', TEST_PASSWORD);
    if (login.status !== 'ok') throw new Error('expected ok');
    for (let i = 0; i < 60; i++) {
      clock.advance(10 * 60_000);
      expect((await checkSession(deps, login.sessionToken, { activity: true })).status).toBe('active');
    }
    clock.advance(60_000); // 10 hours and 1 minute after sign-in
    expect((await checkSession(deps, login.sessionToken, { activity: true })).status).toBe('none');
    const ended = await t.db.selectFrom('user_session').select('end_reason').executeTakeFirstOrThrow();
    expect(ended.end_reason).toBe('absolute-timeout');
  });

  it('password reset: one-time token, ≤ 1 hour, all sessions ended, identity check recorded', async () => {
    await setMfaPolicy(deps, 'untrusted-network', ['192.0.2.0/24']);
    const login = await loginWithPassword(deps, client, 'user1', TEST_PASSWORD);
    if (login.status !== 'ok') throw new Error('expected ok');
    const { token, expiresAt } = await issuePasswordReset(deps, admin, 'user1', 'Legitimation (sundhedskort) vist ved skranken');
    expect(expiresAt.getTime() - clock.now().getTime()).toBeLessThanOrEqual(3600_000);
    expect((await checkSession(deps, login.sessionToken, { activity: true })).status).toBe('none');
    expect(await t.db.selectFrom('auth_challenge').select('token_hash').where('token_hash', '=', token).executeTakeFirst()).toBeUndefined();

    await expect(redeemPasswordReset(deps, client, token, 'kort')).rejects.toBeInstanceOf(WeakPasswordError);
    expect(await redeemPasswordReset(deps, client, token, 'Ny-lang-og-sikker-frase-91')).toBe(true);
    expect(await redeemPasswordReset(deps, client, token, 'Endnu-en-sikker-frase-77')).toBe(false);
    expect((await loginWithPassword(deps, client, 'user1', 'Ny-lang-og-sikker-frase-91')).status).toBe('ok');

    const second = await issuePasswordReset(deps, admin, 'user1', 'Telefonisk opringning til kendt nummer');
    clock.advance(61 * 60_000);
    expect(await redeemPasswordReset(deps, client, second.token, 'Udløbet-men-sikker-frase-55')).toBe(false);
    const events = await t.db.selectFrom('security_event').select(['type', 'details']).where('type', '=', 'password.reset-issued').execute();
    expect(events[0]?.details).toMatchObject({ identityCheck: expect.stringContaining('sundhedskort'), sessionsEnded: 1 });
  });

  it('password change needs the current password, refuses weak ones, and ends every session', async () => {
    await setMfaPolicy(deps, 'untrusted-network', ['192.0.2.0/24']);
    const a = await loginWithPassword(deps, client, 'user1', TEST_PASSWORD);
    const b = await loginWithPassword(deps, client, 'user1', TEST_PASSWORD);
    if (a.status !== 'ok' || b.status !== 'ok') throw new Error('expected ok');
    expect(a.sessionToken).not.toEqual(b.sessionToken);
    await expect(changePassword(deps, client, 'user1', TEST_PASSWORD, 'Sommer2026!')).rejects.toBeInstanceOf(WeakPasswordError);
    expect(await changePassword(deps, client, 'user1', 'forkert', 'Helt-ny-sikker-frase-2026')).toBe(false);
    expect((await checkSession(deps, a.sessionToken, { activity: true })).status).toBe('active');
    expect(await changePassword(deps, client, 'user1', TEST_PASSWORD, 'Helt-ny-sikker-frase-2026')).toBe(true);
    expect((await checkSession(deps, a.sessionToken, { activity: true })).status).toBe('none');
    expect((await checkSession(deps, b.sessionToken, { activity: true })).status).toBe('none');
  });
});
