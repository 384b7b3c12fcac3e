// Public API of the bulk reassignment core (plain Node; no vscode import).
export { createPlan, distinctTargets, planCounts, resolveTarget } from './plan';
export { describeContact, sameContact, subscriptionName } from '../partnerCenter';
export type { PlanItem, PlanTarget, PlanOptions, PlanCounts, ReassignmentPlan, SkipReason } from './plan';
export { targetsForCustomer, targetsForReseller } from './sources';
export type { ResellerScanOptions, ResellerScanProgress } from './sources';
export { isDamaged } from './journal';
export { JournalWriter } from './journalWriter';
export { DamagedJournalError, inspectRun, loadRun, listIncompleteRuns } from './journalReader';
export { archiveRun, deleteRun, discardRun } from './journalFiles';
export type { DamagedRun, IncompleteRun, JournalHeader, JournalItem, JournalRecord, LoadedRun, ItemState, ItemStatus, ItemError, FailedStage } from './journal';
export { isRunLocked, lockPath, readRunLock, tryAcquireRunLock, RunLock, LOCK_HEARTBEAT_MS, LOCK_STALE_MS } from './lock';
export type { LockInfo, LockTiming } from './lock';
export { runPlan, resumeRun, retryFailed, outcomeUnknown } from './engine';
export type { BulkCounts, BulkResult, EngineOptions, ItemEvent, ChangedItem, SkippedItem, FailedItem, NotRunItem } from './engine';
export { escapeCell, parseCsv, toCsv, subscriptionsCsv, changeLogCsv, planCsv, resultCsv } from './csv';
export type { SubscriptionContactRow } from './csv';
