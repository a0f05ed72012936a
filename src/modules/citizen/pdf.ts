// A tiny PDF 1.4 writer: pages of text lines in Helvetica with WinAnsi encoding (æøå), no compression, no fonts
// embedded. Enough for Min log downloads without a PDF library.

/** One line of text: optional bold and size; `columns` places parts at x offsets (points from the left margin). */
export interface PdfLine {
  text?: string;
  columns?: { x: number; text: string }[];
  bold?: boolean;
  size?: number;
}

const PAGE_WIDTH = 595; // A4 in points
const PAGE_HEIGHT = 842;
const MARGIN = 48;

// Unicode → Windows-1252 for the characters outside Latin-1 that WinAnsiEncoding has.
const cp1252: Record<string, number> = { '€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97 };

/** Encodes text as a PDF literal string in WinAnsi bytes (unknown characters become '?'). */
function pdfString(text: string): string {
  let out = '(';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const byte = cp1252[ch] ?? ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) ? code : 0x3f);
    if (byte === 0x28 || byte === 0x29 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else out += String.fromCharCode(byte);
  }
  return `${out})`;
}

/** Renders lines onto as many A4 pages as needed; returns the PDF file. */
export function renderPdf(lines: readonly PdfLine[], options: { title?: string; footer?: (page: number, pages: number) => string } = {}): Buffer {
  const pages: { line: PdfLine; baseline: number }[][] = [[]];
  let y = PAGE_HEIGHT - MARGIN;
  for (const line of lines) {
    const lead = (line.size ?? 9) * 1.45;
    if (y - lead < MARGIN + 20) {
      pages.push([]);
      y = PAGE_HEIGHT - MARGIN;
    }
    y -= lead;
    pages[pages.length - 1]!.push({ line, baseline: y });
  }
  const objects: string[] = [];
  const add = (body: string) => objects.push(body); // object number = index + 1
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add(''); // pages tree, filled in below
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
  const kids: number[] = [];
  pages.forEach((page, index) => {
    const ops: string[] = [];
    for (const { line, baseline } of page) {
      const font = line.bold ? '/F2' : '/F1';
      const parts = line.columns ?? [{ x: 0, text: line.text ?? '' }];
      for (const part of parts) ops.push(`BT ${font} ${line.size ?? 9} Tf ${MARGIN + part.x} ${baseline.toFixed(1)} Td ${pdfString(part.text)} Tj ET`);
    }
    const footer = options.footer?.(index + 1, pages.length);
    if (footer) ops.push(`BT /F1 8 Tf ${MARGIN} ${MARGIN - 16} Td ${pdfString(footer)} Tj ET`);
    const stream = ops.join('\n');
    add(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`);
    const contentRef = objects.length;
    add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${contentRef} 0 R >>`);
    kids.push(objects.length);
  });
  objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  if (options.title) add(`<< /Title ${pdfString(options.title)} /Producer (Skjold) >>`);
  const info = options.title ? objects.length : 0;

  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${info ? ` /Info ${info} 0 R` : ''} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
