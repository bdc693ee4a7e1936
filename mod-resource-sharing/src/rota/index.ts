// The rota's public API for the rest of the module (the ISO 18626 workflow, the UI's preview).
export { buildRota, policyRefusal, type BuildRotaOptions } from './build-rota.ts';
export { chooseRotaProfile, pickProfile, ruleMatches, type ChosenProfile } from './choose-profile.ts';
export { checkHoldings, readSruResponse, DEFAULT_HOLDINGS_TIMEOUT_MS, type HoldingsResult, type HoldingsOptions } from './holdings-check.ts';
export { holdingsQuery, DEFAULT_SRU_INDEXES } from './sru-query.ts';
export { lendingCapacity, type LendingCapacity } from './lending-capacity.ts';
export { partnerHistory, type PartnerHistory } from './partner-history.ts';
export { partnerStatistics, type PartnerStatistics } from './partner-statistics.ts';
export { PredictionModel, fastestOrder, backtest, type Attempt, type Prediction, type Calibration } from './predictions.ts';
export { predictionAttempts } from './prediction-history.ts';
export { predictionStatistics, type PredictionStatistics } from './prediction-statistics.ts';
export { getProfile, mustGetProfile, allProfiles } from './profile-store.ts';
export type { BuiltRota, RotaEntry, RotaPrediction, RankingStrategy, RankingFactors, RotaProfile, RotaProfileInput, RotaRule, RotaRequest, Ownership } from './rota-types.ts';
export { registerRotaRoutes } from './rota-routes.ts';
