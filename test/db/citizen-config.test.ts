import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.ts';
import { cprFromClaim, renderPdf } from '../../src/modules/citizen/index.ts';

describe('citizen broker configuration and helpers (CTL-5)', () => {
  it('is off without an issuer, and names the missing variable when half configured', () => {
    expect(loadConfig({}).citizen).toBeUndefined();
    expect(() => loadConfig({ SKJOLD_CITIZEN_ISSUER: 'http://127.0.0.1:9999' })).toThrow(ConfigError);
    expect(() => loadConfig({ SKJOLD_CITIZEN_ISSUER: 'http://127.0.0.1:9999' })).toThrow(/SKJOLD_CITIZEN_CLIENT_ID/);
    expect(() => loadConfig({ SKJOLD_CITIZEN_ISSUER: 'http://broker.example.dk', SKJOLD_CITIZEN_CLIENT_ID: 'a', SKJOLD_CITIZEN_CLIENT_SECRET: 'b' })).toThrow(/https/);
    const config = loadConfig({ SKJOLD_CITIZEN_ISSUER: 'https://broker.example.dk', SKJOLD_CITIZEN_CLIENT_ID: 'a', SKJOLD_CITIZEN_CLIENT_SECRET: 'b', SKJOLD_PUBLIC_URL: 'https://skjold.stevns.dk' });
    expect(config.citizen).toEqual({ issuer: 'https://broker.example.dk', clientId: 'a', clientSecret: 'b', redirectUri: 'https://skjold.stevns.dk/api/citizen/callback', scope: 'openid profile' });
  });

  it('reads the CPR claim with or without hyphen, and nothing else', () => {
    expect(cprFromClaim('670190-2345')).toBe('6701902345');
    expect(cprFromClaim('6701902345')).toBe('6701902345');
    for (const bad of [undefined, 6701902345, '67019', 'abcdefghij', '670190-23456']) expect(cprFromClaim(bad)).toBeNull();
  });

  it('writes a valid multi-page PDF with WinAnsi æøå and escaped parentheses', () => {
    const lines = Array.from({ length: 130 }, (_, i) => ({ text: `Linje ${i} (æøå ÆØÅ) \\ ${i}` }));
    const pdf = renderPdf(lines, { title: 'Test' }).toString('latin1');
    expect(pdf.startsWith('%PDF-1.4')).toBe(true);
    expect(pdf).toContain('(Linje 7 \\(æøå ÆØÅ\\) \\\\ 7)');
    expect(/\/Count (\d+)/.exec(pdf)![1]).toBe('3');
    // Every xref offset points at its object.
    const xref = Number(/startxref\n(\d+)/.exec(pdf)![1]);
    const offsets = pdf.slice(xref).split('\n').filter((l) => / 00000 n $/.test(l)).map((l) => Number(l.slice(0, 10)));
    offsets.forEach((o, i) => expect(pdf.slice(o, o + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
  });
});
