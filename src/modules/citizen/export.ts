// Min log downloads (CIT-1): CSV (semicolon-separated, UTF-8 with BOM, opens in Danish Excel) and PDF.
import type { MinLogEntry } from './minlog.ts';
import { formatDanishStamp, formatDanishTime } from './minlog.ts';
import { renderPdf, type PdfLine } from './pdf.ts';

const HEADERS = ['Tidspunkt', 'Enhed', 'System', 'Formål', 'Handling'];

function csvCell(value: string): string {
  // Spreadsheet formula injection: a cell starting with = + - @ is neutralised with a leading apostrophe.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The citizen's Min log as CSV, one row per lookup, Danish time. */
export function minLogCsv(entries: readonly MinLogEntry[]): string {
  const rows = entries.map((e) => [formatDanishStamp(new Date(e.time)), e.unit, e.system, e.purpose, e.action].map(csvCell).join(';'));
  return `\uFEFF${[HEADERS.join(';'), ...rows].join('\r\n')}\r\n`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The citizen's Min log as a PDF: a heading, an explanation and one line per lookup. */
export function minLogPdf(entries: readonly MinLogEntry[], options: { municipalityName: string; generatedAt: Date }): Buffer {
  const cols = [0, 76, 200, 286, 440];
  const lines: PdfLine[] = [
    { text: `Min log – ${options.municipalityName}`, bold: true, size: 16 },
    { text: `Udskrevet ${formatDanishTime(options.generatedAt)}`, size: 9 },
    { text: '' },
    { text: 'Her kan du se, hvornår kommunen har slået dine oplysninger op: tidspunkt, enhed, system og formål.' },
    { text: 'Navnet på den enkelte medarbejder vises ikke.' },
    { text: '' },
    { columns: HEADERS.map((h, i) => ({ x: cols[i]!, text: h })), bold: true },
  ];
  if (entries.length === 0) lines.push({ text: 'Der er ingen opslag på dine oplysninger i loggen.' });
  for (const e of entries) {
    const values = [formatDanishStamp(new Date(e.time)).slice(0, 16), clip(e.unit, 28), clip(e.system, 19), clip(e.purpose, 34), clip(e.action, 14)];
    lines.push({ columns: values.map((v, i) => ({ x: cols[i]!, text: v })), size: 8 });
  }
  return renderPdf(lines, { title: 'Min log', footer: (page, pages) => `Side ${page} af ${pages}` });
}
