import type { ProductRow } from '../../orders/products-service.js';
import type { UiLanguage } from '../i18n.js';
import { formatNumber } from './format.js';
import { languageName, PRODUCT_KIND_LABEL } from './labels.js';
import { Localized } from './localized.js';

/** Stock in words: how many copies are left, or that it is printed on demand. */
export function stockText(stock: number | null, lang: UiLanguage): string {
  if (stock === null) return lang === 'sv' ? 'Trycks efter beställning' : 'Printed on demand';
  if (stock === 0) return lang === 'sv' ? 'Slut i lager' : 'Out of stock';
  return lang === 'sv' ? `${formatNumber(stock, lang)} ex. kvar` : `${formatNumber(stock, lang)} copies left`;
}

/**
 * A product in a list: its preview (decorative here: the linked title says what it is), kind,
 * language and stock. The product page shows the preview with its alt text.
 */
export function ProductCard(props: {
  product: ProductRow;
  previewUrl: string | null;
  lang: UiLanguage;
  headingLevel?: 3 | 4;
}) {
  const { product, lang } = props;
  const Heading = props.headingLevel === 4 ? 'h4' : 'h3';
  return (
    <li class="card product-card">
      {props.previewUrl ? (
        <img src={props.previewUrl} alt="" width={160} height={226} loading="lazy" />
      ) : null}
      <div>
        <Heading>
          <a href={`/produkter/${product.id}`}>
            <Localized text={product.title} lang={lang} />
          </a>
        </Heading>
        <p class="meta">
          {PRODUCT_KIND_LABEL[product.kind]?.[lang] ?? product.kind} · {languageName(product.language, lang)}
        </p>
        <p class="meta">{stockText(product.stock, lang)}</p>
      </div>
    </li>
  );
}
