import type { IncomingMessage } from 'node:http';

/** Express's compiled `trust proxy` test: is the address at hop `index` (0 = the socket's peer) a trusted proxy? */
export type ProxyTrust = (address: string, index: number) => boolean;

/**
 * The client's address exactly as Express computes `req.ip` (proxy-addr): walk from the socket's
 * peer back through X-Forwarded-For while each hop is a trusted proxy, and take the first address
 * that is not (or the last one given). With no trusted proxies, the socket's peer.
 */
export function clientAddressOf(req: IncomingMessage, trust: ProxyTrust): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (!trust(peer, 0)) return peer;
  const forwarded = req.headers['x-forwarded-for'];
  if (!forwarded) return peer;
  const header = Array.isArray(forwarded) ? forwarded.join(',') : forwarded;
  // Nearest hop first; empty entries skipped, as proxy-addr does.
  const hops = header
    .split(',')
    .map((hop: string) => hop.trim())
    .filter((hop: string) => hop !== '')
    .reverse();
  let address = peer;
  for (let index = 0; index < hops.length; index += 1) {
    address = hops[index]!;
    if (index === hops.length - 1 || !trust(address, index + 1)) return address;
  }
  return address;
}
