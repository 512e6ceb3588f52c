import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { DateTime } from 'luxon';
import { type PDFFont, PDFDocument, rgb } from 'pdf-lib';
import type { PostalAddress } from '../accounts/schema.js';
import { BUNDLED_FONTS_DIR } from '../media/fonts.js';

/** One delivery in a print batch: an order, where it goes and what is in it. */
export interface PrintDelivery {
  orderId: string;
  organisationName: string;
  campaignTitle: string;
  address: PostalAddress;
  contactName: string;
  contactPhone: string | null;
  lines: Array<{ productCode: string; language: string; title: string; quantity: number }>;
}

const CSV_HEADER = [
  'order_id',
  'organisation',
  'recipient',
  'street',
  'postal_code',
  'city',
  'product_code',
  'language',
  'quantity',
];

/** The recipient line, with c/o folded in so the print shop's label has everything in its columns. */
function recipientOf(address: PostalAddress): string {
  return address.careOf ? `${address.recipient} c/o ${address.careOf}` : address.recipient;
}

/** A CSV cell: quoted when needed, and never read as a formula by a spreadsheet. */
function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The print shop's CSV: one row per order line, UTF-8 with a byte-order mark (so spreadsheet
 * programs read å, ä and ö right), comma-separated, CRLF line ends (RFC 4180).
 */
export function renderPrintCsv(deliveries: PrintDelivery[]): string {
  const rows = [CSV_HEADER];
  for (const delivery of deliveries) {
    for (const line of delivery.lines) {
      rows.push([
        delivery.orderId,
        delivery.organisationName,
        recipientOf(delivery.address),
        delivery.address.street,
        delivery.address.postalCode,
        delivery.address.city,
        line.productCode,
        line.language,
        String(line.quantity),
      ]);
    }
  }
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

let fontBytes: Promise<[Uint8Array, Uint8Array]> | undefined;

/** DejaVu Sans regular and bold, read once: it has å, ä, ö and most Latin, Greek and Cyrillic. */
function loadFonts(): Promise<[Uint8Array, Uint8Array]> {
  fontBytes ??= Promise.all([
    readFile(path.join(BUNDLED_FONTS_DIR, 'DejaVuSans.ttf')),
    readFile(path.join(BUNDLED_FONTS_DIR, 'DejaVuSans-Bold.ttf')),
  ]);
  return fontBytes;
}

/** Text cut to a width, with an ellipsis, so long names never run off the page. */
function fitText(text: string, font: PDFFont, size: number, maxWidth: number): string {
  if (font.widthOfTextAtSize(text, size) <= maxWidth) return text;
  let cut = text;
  while (cut.length > 1 && font.widthOfTextAtSize(`${cut}…`, size) > maxWidth) cut = cut.slice(0, -1);
  return `${cut}…`;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;

/**
 * The order sheet: one A4 page per delivery with the address, the orderer and the lines, headed
 * with the batch and page number. Swedish first, English in brackets.
 */
export async function renderOrderSheetPdf(
  batch: { id: string; createdAt: Date },
  deliveries: PrintDelivery[],
): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.registerFontkit(fontkit);
  const [regularBytes, boldBytes] = await loadFonts();
  const regular = await document.embedFont(regularBytes, { subset: true });
  const bold = await document.embedFont(boldBytes, { subset: true });
  const localDate = DateTime.fromJSDate(batch.createdAt, { zone: 'Europe/Stockholm' }).toFormat(
    'yyyy-MM-dd HH:mm',
  );
  document.setTitle(`Tryckorder ${localDate} (${batch.id})`);
  document.setProducer('Kampanjnavet');
  document.setCreator('Kampanjnavet');
  document.setCreationDate(batch.createdAt);
  document.setModificationDate(batch.createdAt);
  const width = A4[0] - 2 * MARGIN;

  deliveries.forEach((delivery, index) => {
    const page = document.addPage(A4);
    let y = A4[1] - MARGIN;
    const write = (
      text: string,
      options: { font?: PDFFont; size?: number; x?: number; gap?: number; maxWidth?: number } = {},
    ) => {
      const font = options.font ?? regular;
      const size = options.size ?? 11;
      const x = options.x ?? MARGIN;
      page.drawText(fitText(text, font, size, options.maxWidth ?? width - (x - MARGIN)), {
        x,
        y,
        size,
        font,
        color: rgb(0, 0, 0),
      });
      y -= options.gap ?? size * 1.5;
    };
    write(`Tryckorder (print order) ${localDate}`, { font: bold, size: 16 });
    write(
      `Batch ${batch.id} · leverans ${index + 1} av ${deliveries.length} (delivery ${index + 1} of ${deliveries.length})`,
      { size: 9, gap: 28 },
    );

    write('Leveransadress (deliver to)', { font: bold, size: 10 });
    write(delivery.address.recipient, { size: 14, gap: 19 });
    if (delivery.address.careOf) write(`c/o ${delivery.address.careOf}`, { size: 14, gap: 19 });
    write(delivery.address.street, { size: 14, gap: 19 });
    write(`${delivery.address.postalCode} ${delivery.address.city}`, { size: 14, gap: 30 });

    write(`Beställare (ordered by): ${delivery.organisationName}`);
    write(
      `Kontakt (contact): ${delivery.contactName}${delivery.contactPhone ? `, ${delivery.contactPhone}` : ''}`,
    );
    write(`Kampanj (campaign): ${delivery.campaignTitle}`);
    write(`Order: ${delivery.orderId}`, { gap: 30 });

    const columns = { quantity: MARGIN, code: MARGIN + 60, language: MARGIN + 220, title: MARGIN + 280 };
    const header: Array<[keyof typeof columns, string]> = [
      ['quantity', 'Antal'],
      ['code', 'Artikel (product)'],
      ['language', 'Språk'],
      ['title', 'Benämning (title)'],
    ];
    for (const [column, label] of header)
      page.drawText(label, { x: columns[column], y, size: 10, font: bold });
    y -= 6;
    page.drawLine({ start: { x: MARGIN, y }, end: { x: MARGIN + width, y }, thickness: 0.5 });
    y -= 16;
    for (const line of delivery.lines) {
      page.drawText(String(line.quantity), { x: columns.quantity, y, size: 11, font: bold });
      page.drawText(fitText(line.productCode, regular, 11, 155), {
        x: columns.code,
        y,
        size: 11,
        font: regular,
      });
      page.drawText(line.language, { x: columns.language, y, size: 11, font: regular });
      page.drawText(fitText(line.title, regular, 11, MARGIN + width - columns.title), {
        x: columns.title,
        y,
        size: 11,
        font: regular,
      });
      y -= 18;
    }
    page.drawLine({ start: { x: MARGIN, y: y + 12 }, end: { x: MARGIN + width, y: y + 12 }, thickness: 0.5 });
    y -= 8;
    const copies = delivery.lines.reduce((sum, line) => sum + line.quantity, 0);
    write(`Totalt ${copies} exemplar (copies)`, { font: bold, size: 11 });
  });
  return document.save();
}
