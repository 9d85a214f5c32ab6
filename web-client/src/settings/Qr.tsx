import { useEffect, useState } from 'react';

/** A QR code drawn as SVG rects; the generator is loaded only when a code is shown. */
export function Qr({ text, size = 192 }: { text: string; size?: number }) {
  const [cells, setCells] = useState<boolean[][] | null>(null);
  useEffect(() => {
    let live = true;
    import('qrcode-generator').then((mod) => {
      const qrcode = (mod as unknown as { default: (t: number, e: string) => { addData(s: string): void; make(): void; getModuleCount(): number; isDark(r: number, c: number): boolean } }).default;
      const qr = qrcode(0, 'M');
      qr.addData(text);
      qr.make();
      const n = qr.getModuleCount();
      const grid = Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)));
      if (live) setCells(grid);
    });
    return () => {
      live = false;
    };
  }, [text]);
  if (!cells) return <div style={{ width: size, height: size }} className="qr" />;
  const n = cells.length;
  return (
    <div className="qr">
      <svg width={size} height={size} viewBox={`-2 -2 ${n + 4} ${n + 4}`} role="img" aria-label="Authenticator setup image" shapeRendering="crispEdges">
        <rect x={-2} y={-2} width={n + 4} height={n + 4} fill="#fff" />
        {cells.flatMap((row, r) => row.map((dark, c) => (dark ? <rect key={`${r}.${c}`} x={c} y={r} width={1} height={1} fill="#000" /> : null)))}
      </svg>
    </div>
  );
}
