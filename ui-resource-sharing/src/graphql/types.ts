import type { AuditRecord, ResourceSharingRequest, StoredCopy } from '../types/request';

export interface PartnerSummary {
  id: string;
  name: string;
  symbols: string[];
}

/** A request as the detail query returns it (nulls removed). */
export type RequestDetail = ResourceSharingRequest & {
  partnerSymbol?: string;
  partner?: PartnerSummary;
  audit?: AuditRecord[];
  /** the GraphQL field for patronSide.storedCopy */
  storedCopy?: StoredCopy;
};

export interface StateCount {
  state: string;
  count: number;
}

export interface RoleStatistics {
  open: number;
  openByState: StateCount[];
  filled: number;
  notFilled: number;
  fillRate: number | null;
  medianTurnaroundDays: number | null;
  p90TurnaroundDays: number | null;
  turnaroundSamples: number;
}

export interface PartnerStatistics {
  symbol: string;
  name: string | null;
  partner: boolean;
  openBorrowing: number;
  openLending: number;
  lentToUs: number;
  borrowedFromUs: number;
  balance: number;
  unfilled: number;
  fillRate: number | null;
  medianTurnaroundDays: number | null;
}

export interface DashboardStatistics {
  since: string | null;
  borrowing: RoleStatistics;
  lending: RoleStatistics;
  partners: PartnerStatistics[];
}
