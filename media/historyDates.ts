// Owns how the task history shows time: day headings ("Today", "Yesterday", "3 Nov", "3 Nov 2024"),
// each task's relative date and time ("today 09:12", "yesterday 18:03", "3 Nov 14:20"), and telling
// apart tasks that would otherwise look the same (same title, same minute). Local time, 24-hour clock.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface HistoryTask {
  id: string;
  title: string;
  updated: number;
}

export interface HistoryRow {
  task: HistoryTask;
  /** "today 09:12"; with seconds, or a number, when another row would look the same. */
  when: string;
}

export interface HistoryGroup {
  heading: string;
  rows: HistoryRow[];
}

const pad = (n: number) => String(n).padStart(2, '0');
const startOfDay = (t: number) => new Date(new Date(t).getFullYear(), new Date(t).getMonth(), new Date(t).getDate()).getTime();

/** Whole calendar days from `t`'s day to `now`'s day (0: today, 1: yesterday; negative: a later day). */
function daysAgo(t: number, now: number): number {
  return Math.round((startOfDay(now) - startOfDay(t)) / 86_400_000);
}

function dayName(t: number, now: number): string {
  const d = new Date(t);
  const date = `${d.getDate()} ${MONTHS[d.getMonth()]}`;
  return d.getFullYear() === new Date(now).getFullYear() ? date : `${date} ${d.getFullYear()}`;
}

export function dayHeading(t: number, now: number): string {
  const ago = daysAgo(t, now);
  return ago === 0 ? 'Today' : ago === 1 ? 'Yesterday' : dayName(t, now);
}

export function whenLabel(t: number, now: number, seconds = false): string {
  const d = new Date(t);
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}${seconds ? `:${pad(d.getSeconds())}` : ''}`;
  const ago = daysAgo(t, now);
  return `${ago === 0 ? 'today' : ago === 1 ? 'yesterday' : dayName(t, now)} ${time}`;
}

/** The tasks (newest first) in day groups; no two rows show the same title and time. */
export function groupTasks(tasks: HistoryTask[], now: number): HistoryGroup[] {
  const groups: HistoryGroup[] = [];
  const seen = new Map<string, number>();
  const key = (title: string, when: string) => `${title}\u0000${when}`;
  const minuteClash = new Set<string>();
  const counts = new Map<string, number>();
  for (const t of tasks) {
    const k = key(t.title, whenLabel(t.updated, now));
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  for (const [k, n] of counts) if (n > 1) minuteClash.add(k);
  for (const task of tasks) {
    let when = whenLabel(task.updated, now);
    if (minuteClash.has(key(task.title, when))) when = whenLabel(task.updated, now, true);
    const k = key(task.title, when);
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    if (n > 1) when = `${when} (${n})`;
    const heading = dayHeading(task.updated, now);
    const last = groups[groups.length - 1];
    if (last?.heading === heading) last.rows.push({ task, when });
    else groups.push({ heading, rows: [{ task, when }] });
  }
  return groups;
}
