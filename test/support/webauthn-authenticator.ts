// A software WebAuthn authenticator (ES256, attestation "none") for tests: what a security key and the browser
// together hand to the server, built by the rules of the WebAuthn spec (§6.1 authenticator data, §6.5 attestation).
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

type Cbor = number | string | Uint8Array | Map<Cbor, Cbor>;

/** Minimal CBOR encoder (RFC 8949): unsigned/negative integers, byte and text strings, maps. */
function cbor(value: Cbor): Buffer {
  const head = (major: number, n: number) =>
    n < 24 ? Buffer.from([(major << 5) | n]) : n < 256 ? Buffer.from([(major << 5) | 24, n]) : n < 65536 ? Buffer.from([(major << 5) | 25, n >> 8, n & 255]) : Buffer.concat([Buffer.from([(major << 5) | 26]), u32(n)]);
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') return Buffer.concat([head(3, Buffer.byteLength(value)), Buffer.from(value)]);
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  return Buffer.concat([head(5, value.size), ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)])]);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest();
const b64url = (data: Buffer) => data.toString('base64url');

/** What the server's options carry that the authenticator needs. */
export interface ChallengeOptions {
  challenge: string;
}

/** One software authenticator holding one credential; `counter` is its signature counter. */
export class SoftAuthenticator {
  readonly credentialId: Buffer;
  counter = 0;
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;

  constructor(readonly origin: string, options: { credentialId?: Buffer } = {}) {
    this.credentialId = options.credentialId ?? randomBytes(16);
    const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = keys.privateKey;
    this.publicKey = keys.publicKey;
  }

  private get rpIdHash(): Buffer {
    return sha256(new URL(this.origin).hostname);
  }

  private clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin: this.origin, crossOrigin: false }));
  }

  /** navigator.credentials.create(): a RegistrationResponseJSON with attestation "none". */
  register(options: ChallengeOptions) {
    const jwk = this.publicKey.export({ format: 'jwk' });
    // COSE_Key (RFC 9053): kty EC2, alg ES256, crv P-256, x, y.
    const coseKey = cbor(new Map<Cbor, Cbor>([[1, 2], [3, -7], [-1, 1], [-2, Buffer.from(jwk.x!, 'base64url')], [-3, Buffer.from(jwk.y!, 'base64url')]]));
    const idLength = Buffer.from([this.credentialId.length >> 8, this.credentialId.length & 255]);
    // flags: UP (0x01) | UV (0x04) | AT (0x40); AAGUID all zero.
    const authData = Buffer.concat([this.rpIdHash, Buffer.from([0x45]), u32(this.counter), Buffer.alloc(16), idLength, this.credentialId, coseKey]);
    const attestationObject = cbor(new Map<Cbor, Cbor>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]));
    const id = b64url(this.credentialId);
    return {
      id,
      rawId: id,
      type: 'public-key' as const,
      response: { clientDataJSON: b64url(this.clientData('webauthn.create', options.challenge)), attestationObject: b64url(attestationObject), transports: ['usb'] },
      clientExtensionResults: {},
      authenticatorAttachment: 'cross-platform' as const,
    };
  }

  /** navigator.credentials.get(): an AuthenticationResponseJSON; `counter` overrides the next signature counter. */
  assert(options: ChallengeOptions, overrides: { counter?: number } = {}) {
    this.counter = overrides.counter ?? this.counter + 1;
    const authData = Buffer.concat([this.rpIdHash, Buffer.from([0x05]), u32(this.counter)]);
    const clientDataJSON = this.clientData('webauthn.get', options.challenge);
    // ES256 signature (DER) over authenticatorData || SHA-256(clientDataJSON).
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), this.privateKey);
    const id = b64url(this.credentialId);
    return {
      id,
      rawId: id,
      type: 'public-key' as const,
      response: { clientDataJSON: b64url(clientDataJSON), authenticatorData: b64url(authData), signature: b64url(signature) },
      clientExtensionResults: {},
      authenticatorAttachment: 'cross-platform' as const,
    };
  }
}
