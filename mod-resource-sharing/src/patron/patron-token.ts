// Patrons reach the patron API with a token their discovery layer (or the library's login)
// signs with the tenant's shared secret: a JWT (HS256) whose subject is the patron's barcode,
// with their name and an expiry. The module never sees a password.
import type { IncomingHttpHeaders } from 'node:http';
import { jwtVerify, SignJWT } from 'jose';
import { BadRequestError, HttpError } from '../okapi/errors.ts';

export interface PatronIdentity {
  barcode: string;
  name?: string;
  id?: string;
  /** where notices go; the discovery layer may put it in the token (claim `email`) */
  email?: string;
}

export class UnauthorizedError extends HttpError {
  constructor(message: string) {
    super(401, message);
  }
}

const key = (secret: string) => new TextEncoder().encode(secret);

export async function signPatronToken(secret: string, patron: PatronIdentity, ttlSeconds = 3600): Promise<string> {
  return new SignJWT({
    ...(patron.name ? { name: patron.name } : {}),
    ...(patron.id ? { pid: patron.id } : {}),
    ...(patron.email ? { email: patron.email } : {}),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(patron.barcode)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key(secret));
}

/** Carries the patron token past an auth filter: Okapi forwards it untouched, mod-authtoken ignores it. */
export const PATRON_TOKEN_HEADER = 'x-patron-token';

/**
 * The patron token of a call. `X-Patron-Token` when present: the way through an Okapi whose
 * tenant runs mod-authtoken, which refuses (401) any X-Okapi-Token it did not issue itself.
 * Otherwise as Okapi delivers a token: the caller's `Authorization: Bearer …` arrives as
 * `X-Okapi-Token` (Okapi moves it there and drops Authorization); a direct call may send either.
 * Both present and different is refused, as Okapi refuses it.
 */
export function patronTokenOf(headers: IncomingHttpHeaders): string | undefined {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
  const own = first(headers[PATRON_TOKEN_HEADER]);
  if (own) return own;
  const okapiToken = first(headers['x-okapi-token']);
  const auth = first(headers.authorization);
  const bearer = auth === undefined ? undefined : (/^Bearer\s+(\S+)$/i.exec(auth)?.[1] ?? auth);
  if (okapiToken && bearer && okapiToken !== bearer) {
    throw new BadRequestError('X-Okapi-Token is not equal to Authorization token');
  }
  return okapiToken ?? bearer;
}

export async function verifyPatronToken(secret: string | null | undefined, token: string | undefined): Promise<PatronIdentity> {
  if (!secret) throw new BadRequestError('Patron requests are not set up in this library (no patron token secret)');
  if (!token) throw new UnauthorizedError('Sign in first: the request carries no patron token');
  try {
    const { payload } = await jwtVerify(token, key(secret), { algorithms: ['HS256'] });
    if (!payload.sub) throw new Error('no subject');
    return {
      barcode: payload.sub,
      ...(typeof payload.name === 'string' ? { name: payload.name } : {}),
      ...(typeof payload.pid === 'string' ? { id: payload.pid } : {}),
      ...(typeof payload.email === 'string' && payload.email.includes('@') ? { email: payload.email.slice(0, 200) } : {}),
    };
  } catch {
    throw new UnauthorizedError('The patron token is not valid or has expired: sign in again');
  }
}

export const MASKED_SECRET = '********';
