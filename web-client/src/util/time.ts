/** Cached formatters: creating Intl formatters per message is too slow for a scrolling list. */
const timeFmt = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateFmt = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'long', day: 'numeric' });
const fullFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function dayKey(t: number): number {
  const d = new Date(t);
  return d.getFullYear() * 10000 + d.getMonth() * 100 + d.getDate();
}

export function shortTime(iso: string): string {
  return timeFmt.format(Date.parse(iso));
}

export function fullTime(iso: string): string {
  return fullFmt.format(Date.parse(iso));
}

export function dayLabel(iso: string, now = Date.now()): string {
  const t = Date.parse(iso);
  const k = dayKey(t);
  if (k === dayKey(now)) return 'Today';
  if (k === dayKey(now - 86_400_000)) return 'Yesterday';
  return dateFmt.format(t);
}
