// Which rota profile a new request gets: the profile with the matching rule of highest priority
// (on a tie the more specific rule, then the profile name). No matching rule: no profile, and the
// rota is built from every partner that lends the service type.
import type { Sql } from '../db/database.ts';
import { allProfiles } from './profile-store.ts';
import type { RotaProfile, RotaRequest, RotaRule } from './rota-types.ts';

const DAY_MS = 86_400_000;

/** Days from today (UTC) to an ISO date; negative when it has passed. */
export function daysUntil(isoDate: string, now: Date): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) return null;
  const target = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((target - today) / DAY_MS);
}

const same = (a: string | undefined, b: string) => a !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

export function ruleMatches(rule: RotaRule, request: RotaRequest, now: Date = new Date()): boolean {
  if (rule.serviceType && (request.serviceType ?? 'loan') !== rule.serviceType) return false;
  if (rule.format !== undefined && !same(request.citation.format, rule.format)) return false;
  if (rule.patronGroup !== undefined && !same(request.patron?.patronGroup, rule.patronGroup)) return false;
  if (rule.neededWithinDays !== undefined) {
    const days = request.patron?.neededBefore ? daysUntil(request.patron.neededBefore, now) : null;
    if (days === null || days > rule.neededWithinDays) return false;
  }
  return true;
}

const specificity = (r: RotaRule) =>
  [r.serviceType, r.format, r.patronGroup, r.neededWithinDays].filter((v) => v !== undefined).length;

export interface ChosenProfile {
  profile: RotaProfile;
  rule: RotaRule;
}

/** Picks among `profiles` (pure; `chooseRotaProfile` loads them). */
export function pickProfile(profiles: RotaProfile[], request: RotaRequest, now: Date = new Date()): ChosenProfile | null {
  let best: ChosenProfile | null = null;
  for (const profile of profiles) {
    for (const rule of profile.rules) {
      if (!ruleMatches(rule, request, now)) continue;
      if (!best) {
        best = { profile, rule };
        continue;
      }
      const dp = (rule.priority ?? 0) - (best.rule.priority ?? 0);
      const ds = specificity(rule) - specificity(best.rule);
      if (dp > 0 || (dp === 0 && ds > 0) || (dp === 0 && ds === 0 && profile.name.localeCompare(best.profile.name) < 0)) {
        best = { profile, rule };
      }
    }
  }
  return best;
}

/** The rota profile for `request`, with the rule that chose it; null when no rule matches. */
export async function chooseRotaProfile(
  sql: Sql,
  tenant: string,
  request: RotaRequest,
  now: Date = new Date(),
): Promise<ChosenProfile | null> {
  return pickProfile(await allProfiles(sql, tenant), request, now);
}
