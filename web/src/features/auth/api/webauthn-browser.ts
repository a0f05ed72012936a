// WebAuthn in the browser without a library: the server's JSON options → navigator.credentials → JSON for the server.
// base64url ⇄ ArrayBuffer conversion per the WebAuthn Level 3 JSON encodings (what @simplewebauthn/server speaks).

/** Decodes base64url (no padding) into bytes. */
export function fromBase64url(value: string): ArrayBuffer {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (value.length % 4)) % 4);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

/** Encodes bytes as base64url without padding. */
export function toBase64url(value: ArrayBuffer | ArrayBufferView): string {
  const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A credential descriptor as JSON (id in base64url). */
interface DescriptorJSON {
  id: string;
  type: 'public-key';
  transports?: string[];
}

/** The parts of PublicKeyCredentialCreationOptionsJSON that carry bytes; the rest passes through. */
export interface CreationOptionsJSON {
  challenge: string;
  user: { id: string; name: string; displayName: string };
  excludeCredentials?: DescriptorJSON[];
  [key: string]: unknown;
}

/** The parts of PublicKeyCredentialRequestOptionsJSON that carry bytes; the rest passes through. */
export interface RequestOptionsJSON {
  challenge: string;
  allowCredentials?: DescriptorJSON[];
  [key: string]: unknown;
}

const descriptor = (d: DescriptorJSON): PublicKeyCredentialDescriptor => ({ id: fromBase64url(d.id), type: d.type, ...(d.transports ? { transports: d.transports as AuthenticatorTransport[] } : {}) });

/** True when this browser offers WebAuthn at all. */
export function webauthnSupported(): boolean {
  return typeof window !== 'undefined' && typeof window.PublicKeyCredential === 'function' && typeof navigator.credentials?.create === 'function';
}

/** True when the browser refused or the user cancelled (not a server fault): NotAllowedError / AbortError. */
export function isCeremonyCancelled(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'NotAllowedError' || error.name === 'AbortError');
}

/** navigator.credentials.create() with the server's options; returns RegistrationResponseJSON. */
export async function createCredential(options: CreationOptionsJSON): Promise<Record<string, unknown>> {
  const { hints: _hints, ...rest } = options;
  const publicKey = {
    ...rest,
    challenge: fromBase64url(options.challenge),
    user: { ...options.user, id: fromBase64url(options.user.id) },
    excludeCredentials: (options.excludeCredentials ?? []).map(descriptor),
  } as unknown as PublicKeyCredentialCreationOptions;
  const credential = (await navigator.credentials.create({ publicKey })) as PublicKeyCredential | null;
  if (!credential) throw new DOMException('No credential', 'NotAllowedError');
  const response = credential.response as AuthenticatorAttestationResponse;
  const transports = typeof response.getTransports === 'function' ? response.getTransports() : undefined;
  const publicKeyBytes = typeof response.getPublicKey === 'function' ? response.getPublicKey() : null;
  return {
    id: credential.id,
    rawId: toBase64url(credential.rawId),
    type: 'public-key',
    ...(credential.authenticatorAttachment ? { authenticatorAttachment: credential.authenticatorAttachment } : {}),
    clientExtensionResults: credential.getClientExtensionResults(),
    response: {
      clientDataJSON: toBase64url(response.clientDataJSON),
      attestationObject: toBase64url(response.attestationObject),
      ...(transports ? { transports } : {}),
      ...(typeof response.getAuthenticatorData === 'function' ? { authenticatorData: toBase64url(response.getAuthenticatorData()) } : {}),
      ...(publicKeyBytes ? { publicKey: toBase64url(publicKeyBytes) } : {}),
      ...(typeof response.getPublicKeyAlgorithm === 'function' ? { publicKeyAlgorithm: response.getPublicKeyAlgorithm() } : {}),
    },
  };
}

/** navigator.credentials.get() with the server's options; returns AuthenticationResponseJSON. */
export async function getAssertion(options: RequestOptionsJSON): Promise<Record<string, unknown>> {
  const { hints: _hints, ...rest } = options;
  const publicKey = {
    ...rest,
    challenge: fromBase64url(options.challenge),
    allowCredentials: (options.allowCredentials ?? []).map(descriptor),
  } as unknown as PublicKeyCredentialRequestOptions;
  const credential = (await navigator.credentials.get({ publicKey })) as PublicKeyCredential | null;
  if (!credential) throw new DOMException('No credential', 'NotAllowedError');
  const response = credential.response as AuthenticatorAssertionResponse;
  return {
    id: credential.id,
    rawId: toBase64url(credential.rawId),
    type: 'public-key',
    ...(credential.authenticatorAttachment ? { authenticatorAttachment: credential.authenticatorAttachment } : {}),
    clientExtensionResults: credential.getClientExtensionResults(),
    response: {
      clientDataJSON: toBase64url(response.clientDataJSON),
      authenticatorData: toBase64url(response.authenticatorData),
      signature: toBase64url(response.signature),
      ...(response.userHandle ? { userHandle: toBase64url(response.userHandle) } : {}),
    },
  };
}
