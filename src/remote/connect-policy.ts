/**
 * The page's Content-Security-Policy narrowed to the one sync server the person configured.
 *
 * The policy index.html carries must allow `https:` for fetches (the offline-music download fetches the
 * deployer's audio from any https host library.json names), and in CSP 3 `https:` also admits `wss:` to
 * every host, so a policy written at build time cannot name one server. A second policy can: a document
 * enforces every policy it has, and a request goes out only if each of them allows it. So once a server is
 * known (at start-up when sync was set up before, else at the first Connect) this tab adds one, in a <meta>
 * element, whose connect-src names this page's origin, the origins the catalog's audio comes from and that
 * server, and nothing else. A policy can be added, never taken back: the server is fixed for the page's life,
 * and another address takes a reload.
 */

/** The connect-src of the narrowing policy: this origin ('self' also covers its ws: and wss:), the catalog's hosts, the server. */
export function connectSources(server: string, audioUrls: Iterable<string>, pageOrigin: string): string {
  const sources = new Set<string>();
  for (const url of audioUrls) {
    const origin = originOf(url);
    if (origin && origin !== pageOrigin && /^https?:$/.test(new URL(origin).protocol)) sources.add(origin);
  }
  const serverOrigin = originOf(server);
  if (serverOrigin) sources.add(serverOrigin);
  return ["connect-src 'self'", ...sources].join(' ');
}

export class ConnectPolicy {
  /** The server this page's policy names; null until one is known. */
  private named: string | null = null;

  constructor(private readonly head: Pick<HTMLHeadElement, 'append' | 'ownerDocument'> | null) {}

  /** Whether this page's policy lets a socket reach `server`, as it stands or by naming it now. */
  allows(server: string): boolean {
    return this.named === null || this.named === originOf(server);
  }

  /** Whether this page may open a socket to `server`; the first server asked about becomes the only one. */
  admit(server: string, audioUrls: () => Iterable<string>): boolean {
    const origin = originOf(server);
    if (origin === null) return false;
    if (this.named !== null) return this.named === origin;
    this.named = origin;
    if (this.head) {
      const page = this.head.ownerDocument;
      const meta = page.createElement('meta');
      meta.httpEquiv = 'Content-Security-Policy';
      meta.content = connectSources(server, audioUrls(), page.location.origin);
      this.head.append(meta);
    }
    return true;
  }
}

function originOf(url: string): string | null {
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}
