// LookupUserResponse -> HostPatron: active, expired and blocked as the responder reports them
// through UserPrivilege (status, valid-to date) and BlockOrTrap.
import type { HostPatron } from '../host-lsp.ts';
import type { LookupUserResponse } from './ncip-types.ts';

const INACTIVE_STATUS = /expired|inactive|suspend|blocked|barred|revoked/i;
const BLOCKED_STATUS = /blocked|barred|suspend|revoked/i;

function isPast(date: string | undefined, now: Date): boolean {
  if (!date) return false;
  const t = Date.parse(date);
  return !Number.isNaN(t) && t < now.getTime();
}

export function toHostPatron(r: LookupUserResponse, asked: string, now: Date = new Date()): HostPatron {
  const f = r.userOptionalFields ?? {};
  const privileges = f.privileges ?? [];
  const activeBlocks = (f.blocks ?? []).filter((b) => !isPast(b.validToDate, now) && !(b.validFromDate && Date.parse(b.validFromDate) > now.getTime()));
  const expiryDates = privileges.map((p) => p.validToDate).filter((d): d is string => Boolean(d));
  const earliest = expiryDates.map((d) => Date.parse(d)).filter((t) => !Number.isNaN(t)).sort((a, b) => a - b)[0];
  const expirationDate = earliest === undefined ? null : new Date(earliest).toISOString();
  const expired = expiryDates.some((d) => isPast(d, now)) || privileges.some((p) => /expired/i.test(p.status ?? ''));
  const blockedByStatus = privileges.filter((p) => BLOCKED_STATUS.test(p.status ?? ''));
  const blockReasons = [
    ...activeBlocks.map((b) => b.type),
    ...blockedByStatus.map((p) => `${p.type}: ${p.status}${p.description ? ` (${p.description})` : ''}`),
  ];
  const name = f.name;
  const display =
    [name?.given, name?.surname].filter(Boolean).join(' ') || name?.unstructured || r.userId.value;
  const barcode = (f.userIds ?? []).find((u) => /barcode/i.test(u.type ?? ''))?.value ?? asked;
  return {
    id: r.userId.value,
    barcode,
    name: display,
    email: f.emails?.[0] ?? null,
    active: !expired && !privileges.some((p) => INACTIVE_STATUS.test(p.status ?? '')),
    expired,
    expirationDate,
    blocked: blockReasons.length > 0,
    blockReasons,
    patronGroup: privileges[0]?.type ?? null,
  };
}
