import { describe, expect, it } from 'vitest';
import { type PrintDelivery, renderPrintCsv } from './print-files.js';

const delivery = (overrides: Partial<PrintDelivery> = {}): PrintDelivery => ({
  orderId: 'o-1',
  organisationName: 'Fritidsgården Åsen',
  campaignTitle: 'Svartsjuka är inte romantiskt',
  address: { recipient: 'Åsa Öberg', street: 'Storgatan 1', postalCode: '721 87', city: 'Västerås' },
  contactName: 'Åsa Öberg',
  contactPhone: '021-39 00 00',
  lines: [
    { productCode: 'sir-a3', language: 'sv', title: 'Affisch A3', quantity: 20 },
    { productCode: 'sir-a5', language: 'en', title: 'Flyer A5', quantity: 100 },
  ],
  ...overrides,
});

describe('renderPrintCsv', () => {
  it('writes a BOM, a header and one CRLF row per order line', () => {
    expect(renderPrintCsv([delivery()])).toBe(
      '\uFEFForder_id,organisation,recipient,street,postal_code,city,product_code,language,quantity\r\n' +
        'o-1,Fritidsgården Åsen,Åsa Öberg,Storgatan 1,721 87,Västerås,sir-a3,sv,20\r\n' +
        'o-1,Fritidsgården Åsen,Åsa Öberg,Storgatan 1,721 87,Västerås,sir-a5,en,100\r\n',
    );
  });

  it('quotes commas and quotes, folds c/o into the recipient, and never lets a cell start a formula', () => {
    const csv = renderPrintCsv([
      delivery({
        organisationName: '=HYPERLINK("x")',
        address: {
          recipient: 'Skolan, "Ön"',
          careOf: 'Kim Ek',
          street: '@Storgatan 1',
          postalCode: '721 87',
          city: 'Västerås',
        },
        lines: [{ productCode: 'sir-a3', language: 'sv', title: 'A3', quantity: 1 }],
      }),
    ]);
    expect(csv.split('\r\n')[1]).toBe(
      `o-1,"'=HYPERLINK(""x"")","Skolan, ""Ön"" c/o Kim Ek",'@Storgatan 1,721 87,Västerås,sir-a3,sv,1`,
    );
  });
});
