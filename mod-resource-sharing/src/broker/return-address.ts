// The return address a supplier (or the broker for it) sent in Loaned, in words for circulation staff.
import type { ReturnAddress } from '../requests/request-types.ts';

export function formatReturnAddress(a: ReturnAddress): string {
  const where = [a.line1, a.line2, [a.postalCode, a.locality].filter(Boolean).join(' '), a.region, a.country].filter((p) => p && p.trim());
  const who = a.name && a.agencyId ? `${a.name} (${a.agencyId})` : (a.name ?? a.agencyId);
  return [who, ...where].filter(Boolean).join(', ');
}
