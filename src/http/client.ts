import type { FastifyRequest } from 'fastify';
import type { ClientContext } from '../modules/identity/index.ts';

/**
 * Where a request comes from (docs/security.md): the socket's address, or — only when the socket is a trusted
 * reverse proxy — the address it forwards and the workstation identity it derived from the client certificate.
 * A browser controls neither the socket address nor what the trusted proxy overwrites.
 */
export function clientContext(request: FastifyRequest, trustedProxies: readonly string[]): ClientContext {
  const socketIp = normalise(request.socket.remoteAddress ?? 'unknown');
  if (trustedProxies.includes(socketIp)) {
    const forwarded = String(request.headers['x-forwarded-for'] ?? '').split(',').map((s) => s.trim()).filter(Boolean).pop();
    const ip = forwarded ? normalise(forwarded) : socketIp;
    const station = String(request.headers['x-skjold-workstation'] ?? '').trim();
    return { ip, workstation: station && /^[\w.:-]{1,128}$/.test(station) ? `ws:${station}` : `ip:${ip}` };
  }
  return { ip: socketIp, workstation: `ip:${socketIp}` };
}

function normalise(ip: string): string {
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}
