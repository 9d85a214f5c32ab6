/** Only http(s) URLs or same-origin paths ever reach `src`/`href` (no `javascript:`, `data:`, `//host`). */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  if (/^https?:\/\//i.test(url)) return url;
  if (url.startsWith('/') && !url.startsWith('//')) return url;
  return null;
}
