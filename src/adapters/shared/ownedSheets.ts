/**
 * The sheets a run creates besides the owned ones, for every host adapter: a new sheet is built
 * under a temporary `~jx…` name and an owned sheet is backed up while it is overwritten in place,
 * so an interrupted run leaves sheets the next run recognises, restores or removes.
 */
import { OUTPUT_SHEETS } from "../../core/contract";

/** Every sheet the add-in creates for a run starts with this (never a user's sheet name). */
export const TEMP_PREFIX = "~jx";
/** A new sheet being built: `~jx<tag>+<i>`. */
export const tempName = (tag: string, i: number): string => `${TEMP_PREFIX}${tag}+${i}`;
/** The copy of an owned sheet kept while it is overwritten: `~jx<tag>-<name>`. */
export const backupName = (tag: string, name: string): string => `${TEMP_PREFIX}${tag}-${name}`.slice(0, 31);

/** What a leftover `~jx…` sheet is: a temporary sheet, or the backup of the named owned sheet. */
export function leftoverKind(name: string): { backupOf?: string } | null {
  if (!name.startsWith(TEMP_PREFIX)) return null;
  const backup = /^~jx[0-9a-z]+-(.+)$/.exec(name);
  if (backup) return { backupOf: backup[1] };
  // Before in-place updates (≤ 0.1): `~jx<tag>o<i>` held the i-th output sheet renamed aside.
  const legacy = /^~jx[0-9a-z]*o(\d)$/.exec(name);
  if (legacy && OUTPUT_SHEETS[Number(legacy[1])]) return { backupOf: OUTPUT_SHEETS[Number(legacy[1])] };
  return {};
}

/** What the cleanup of an interrupted run did, for the pane to tell. */
export interface LeftoverReport {
  /** Owned sheets put back as they were before the interrupted run. */
  restored: string[];
  /** Temporary sheets removed. */
  removed: string[];
  /** When the crashed run's lock was last renewed (ms), where a stale run lock was released. */
  staleLockSince?: number;
}
