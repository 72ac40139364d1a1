import {
  catalogueLine,
  type CatalogueLine,
  type InvoiceLineInput,
  type OfferLineInput,
  type LineRequest,
  productCodeOf,
  productDecider,
  type ProductState,
} from '#domain';
import { problem } from '#platform';
import { type AggregateRepository } from './aggregate-repository';
import { lineInput } from './business-day';

const complete = (line: LineRequest): CatalogueLine => {
  const { description, unitPrice, vatRate } = line;
  // The request's validation already asks for these on lines that name no product.
  if (description === undefined || unitPrice === undefined || vatRate === undefined)
    throw problem(
      400,
      'invalid-input',
      'Invalid input',
      'A line names a productCode, or gives its description, unitPrice and vatRate',
    );
  return {
    ...lineInput({
      description,
      quantity: line.quantity,
      unitPrice,
      vatRate,
      ...(line.discountPercent !== undefined ? { discountPercent: line.discountPercent } : {}),
      ...(line.unit ? { unit: line.unit } : {}),
    }),
    ...(line.kind ? { kind: line.kind } : {}),
  };
};

/**
 * Offer or invoice lines as the pricing takes them: those naming a product completed from its
 * catalogue entry as it stands (each entry read once from its stream), the others as sent.
 */
const catalogueLines = async (
  repository: AggregateRepository,
  lines: readonly LineRequest[],
  currency: string,
): Promise<CatalogueLine[]> => {
  const codes = [
    ...new Set(lines.flatMap((l) => (l.productCode ? [productCodeOf(l.productCode)] : []))),
  ];
  const entries = new Map<string, ProductState>(
    await Promise.all(
      codes.map(
        async (code) =>
          [code, (await repository.load(`product-${code}`, productDecider)).state] as const,
      ),
    ),
  );
  return lines.map((line) => {
    if (!line.productCode) return complete(line);
    const productCode = productCodeOf(line.productCode);
    return catalogueLine({ ...line, productCode }, entries.get(productCode)!, currency);
  });
};

/** Invoice lines: what the pricing of an invoice takes (a product's kind is not on them). */
export const invoiceLinesFrom = async (
  repository: AggregateRepository,
  lines: readonly LineRequest[],
  currency: string,
): Promise<InvoiceLineInput[]> =>
  (await catalogueLines(repository, lines, currency)).map(({ kind: _kind, ...line }) => line);

/** Offer lines: each says whether it is a product or a service, its own or the product's kind. */
export const offerLinesFrom = async (
  repository: AggregateRepository,
  lines: readonly LineRequest[],
  currency: string,
): Promise<OfferLineInput[]> =>
  (await catalogueLines(repository, lines, currency)).map(({ kind, ...line }) => {
    // The request's validation asks an offer line naming no product for its kind.
    if (!kind) throw problem(400, 'invalid-input', 'Invalid input', 'An offer line needs a kind');
    return { ...line, kind };
  });
