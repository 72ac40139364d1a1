import { type IncomingHttpHeaders } from 'node:http';
import { type Socket } from 'node:net';
import { type OpenAPIObject } from '@nestjs/swagger';
import Negotiator from 'negotiator';
import { negotiatedTypes, policyKey } from './openapi/complete-document';
import { RateLimiter } from './auth/rate-limiter';

/** The headers OWASP's REST security guidance names for JSON APIs; set on every answer. */
export const apiHeaders: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

const reasons: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  413: 'Content Too Large',
  431: 'Request Header Fields Too Large',
};

/**
 * What the HTTP parser refuses before a route is found — header fields too large (431), a
 * byte a header may not hold (400), a request that took too long (408) — answered as
 * problem+json with the security headers, then the connection is closed.
 */
export const clientErrorHandler = (error: Error & { code?: string }, socket: Socket): void => {
  if (!socket.writable || error.code === 'ECONNRESET' || error.code === 'EPIPE') {
    socket.destroy();
    return;
  }
  const [status, slug, detail] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'headers-too-large', 'The request header fields are too large']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' || error.code === 'ERR_HTTP_HEADERS_TIMEOUT'
        ? [408, 'request-timeout', 'The request did not arrive in time']
        : error.code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW'
          ? [413, 'body-too-large', 'The request body is too large']
          : [400, 'malformed-request', 'The request is not valid HTTP/1.1'];
  const body = JSON.stringify({
    type: `urn:kroonika:problem:${slug}`,
    title: reasons[status],
    status,
    detail,
  });
  const headers = {
    ...apiHeaders,
    'content-type': 'application/problem+json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  };
  socket.end(
    `HTTP/1.1 ${status} ${reasons[status]}\r\n${Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\r\n')}\r\n\r\n${body}`,
  );
};

/** The routes an app serves, to answer a method a path does not support with 405 and Allow. */
export class RouteTable {
  private readonly routes: { pattern: RegExp; method: string }[] = [];

  add(method: string | string[], url: string): void {
    const source = url
      .split('/')
      .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    for (const m of Array.isArray(method) ? method : [method])
      this.routes.push({ pattern: new RegExp(`^${source}/?$`), method: m.toUpperCase() });
  }

  /** The methods served at a path (a URL path, no query), sorted; empty when none. */
  allowed(path: string): string[] {
    const methods = new Set(this.routes.filter((r) => r.pattern.test(path)).map((r) => r.method));
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  }
}

/** Requests that name no staff member (public routes, unknown paths) are limited per address. */
export const publicLimiter = (perSecond: number, burst: number) =>
  new RateLimiter(perSecond, burst);

/**
 * What each operation's OpenAPI document says of media types, keyed by route
 * (`GET /invoices/:id/pdf`): the types of its successful answers, to answer an Accept header
 * that takes none of them with 406 (RFC 9110 §12.5.1), and whether it takes a body, whose
 * Content-Type must then be one. Operations whose answer has any type (`*\/*`, a document's
 * content), the probes and metrics, the public operations, and routes outside the document
 * (the console's files, the document itself) take any Accept (`negotiatedTypes`).
 */
export class OperationMedia {
  private readonly answers = new Map<string, string[]>();
  /** The media types each operation that takes a body takes it in. */
  private readonly bodies = new Map<string, string[]>();

  learn(document: OpenAPIObject): void {
    for (const [path, item] of Object.entries(document.paths))
      for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
        const operation = item[method];
        if (!operation) continue;
        const route = policyKey(method, path);
        const types = negotiatedTypes(method, path, operation);
        if (types) this.answers.set(route, types);
        const body = operation.requestBody;
        if (body && 'content' in body) this.bodies.set(route, Object.keys(body.content));
      }
  }

  /** The media types the route's operation takes a body in; undefined when it takes none. */
  bodyTypes(method: string, url: string | undefined): string[] | undefined {
    return url === undefined ? undefined : this.bodies.get(`${method} ${url}`);
  }

  /**
   * The types a route answers when the request's Accept header takes none of them; undefined
   * when it takes one, names none (no header, or a blank one: anything is taken) or the route
   * is not in the document.
   */
  refused(request: {
    method: string;
    url: string | undefined;
    headers: IncomingHttpHeaders;
  }): string[] | undefined {
    const accept = request.headers.accept;
    if (accept === undefined || accept.trim() === '' || accept === '*/*' || !request.url)
      return undefined;
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const types = this.answers.get(`${method} ${request.url}`);
    if (!types) return undefined;
    // Texts are answered in UTF-8: an Accept that names that charset takes them too.
    const offered = types.flatMap((t) => [t, `${t}; charset=utf-8`]);
    return new Negotiator({ headers: { accept } }).mediaTypes(offered).length > 0
      ? undefined
      : types;
  }
}

/** How many times a request sent a header (`name` in lower case): Node keeps only the first of some. */
export const timesSent = (rawHeaders: string[], name: string): number => {
  let count = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i]!.toLowerCase() === name) count++;
  return count;
};
