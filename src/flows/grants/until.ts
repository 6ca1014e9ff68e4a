// "Until" on the review card: for each license the change adds, Permanent or a last day
// (presets 1 week / 1 month / end of quarter, or a date). Days are UTC calendar days.
import type { Draft } from '../../domain/index.js';
import { DaySchema } from '../../domain/index.js';
import { InputError } from '../errors.js';
import type { Submit } from '../submit.js';

export const PRESETS = ['permanent', 'week', 'month', 'quarter'] as const;
export type Preset = (typeof PRESETS)[number];
/** A grant longer than this is a permanent license with a reminder nobody needs. */
export const MAX_GRANT_DAYS = 366;
const DAY_MS = 24 * 60 * 60 * 1000;

export const untilChoiceId = (licenseId: string): string => `until.${licenseId}`;
export const untilDateId = (licenseId: string): string => `until-date.${licenseId}`;

export const dayOf = (time: Date): string => time.toISOString().slice(0, 10);
export const addDays = (day: string, days: number): string => dayOf(new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS));

/** The same day next month (the month's last day when it has fewer days). */
function nextMonth(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const lastOfNext = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return dayOf(new Date(Date.UTC(year, month, Math.min(date, lastOfNext))));
}

/** The last day of the quarter `day` is in. */
function endOfQuarter(day: string): string {
  const [year, month] = day.split('-').map(Number) as [number, number];
  const quarterEndMonth = Math.ceil(month / 3) * 3; // 1-based
  return dayOf(new Date(Date.UTC(year, quarterEndMonth, 0)));
}

/** The last day a preset names, counted from today. */
export function presetDay(preset: Exclude<Preset, 'permanent'>, today: string): string {
  if (preset === 'week') return addDays(today, 7);
  if (preset === 'month') return nextMonth(today);
  const end = endOfQuarter(today);
  // On the quarter's last day, "end of quarter" means the next one (today would end tonight).
  return end > today ? end : endOfQuarter(addDays(today, 1));
}

/** A last day typed or picked: a date after today, within MAX_GRANT_DAYS. Throws InputError. */
export function checkedDay(value: string, today: string): string {
  // The pattern, and a real day (2026-02-30 does not come back as itself).
  const time = DaySchema.safeParse(value).success ? Date.parse(`${value}T00:00:00.000Z`) : Number.NaN;
  if (Number.isNaN(time) || dayOf(new Date(time)) !== value) {
    throw new InputError('grant.date-invalid', { value: value.slice(0, 40) });
  }
  if (value <= today) throw new InputError('grant.date-past', { value });
  if (value > addDays(today, MAX_GRANT_DAYS)) throw new InputError('grant.date-too-far', { value, days: MAX_GRANT_DAYS });
  return value;
}

/** The licenses the review offers "until" for: those the person chose to add (not the rules' automatic ones). */
export const grantableLicenses = (draft: Draft, before: readonly string[], after: readonly string[]): string[] =>
  draft.change.addLicenseIds.filter((id) => after.includes(id) && !before.includes(id));

/** The last day per license from the submit (a picked date wins over the preset); permanent ones are left out. */
export function untilFromSubmit(submit: Submit, licenseIds: readonly string[], today: string): Record<string, string> {
  const until: Record<string, string> = {};
  for (const id of licenseIds) {
    const date = (submit.inputs.get(untilDateId(id)) ?? '').trim();
    const preset = submit.inputs.get(untilChoiceId(id)) ?? 'permanent';
    if (date) until[id] = checkedDay(date, today);
    else if (preset !== 'permanent') {
      if (!(PRESETS as readonly string[]).includes(preset)) throw new InputError('error.input-not-offered', { field: untilChoiceId(id), value: preset.slice(0, 40) });
      until[id] = presetDay(preset as Exclude<Preset, 'permanent'>, today);
    }
  }
  return until;
}
