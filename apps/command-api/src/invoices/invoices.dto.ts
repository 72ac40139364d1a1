import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateBy } from 'class-validator';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { isPaymentReference, MAX_AMOUNT, PRODUCT_CODE_SENT } from '#domain';
import { referenceSchemes, type ReferenceScheme, sendChannels, type SendChannel } from '#events';
import { IsBusinessDay, IsDecimal, IsText } from '../command-handling/dto';
import {
  acrossFields,
  anyOfFields,
  ApiSchemaRules,
  exactlyOneOf,
  IsOmittable,
  needs,
  notTogether,
} from '#platform';

const currencyPattern = /^[A-Z]{3}$/;
const currencyMessage = { message: 'currency must be an ISO 4217 code such as EUR' };

/** A line field a line naming a product may leave out (the catalogue's is taken); required otherwise. */
export const UnlessProduct = () =>
  ValidateIf(
    (line: { productCode?: unknown }, v) => v !== undefined || line.productCode === undefined,
  );

/** The rule above, in the document: a line names a product, or gives these fields itself. */
export const productOr = (...fields: string[]) =>
  acrossFields(
    { anyOf: [{ required: ['productCode'] }, { required: fields }] },
    'productCode',
    `A line names a productCode, or gives ${fields.join(', ')} itself`,
  );

/** The bound on what priced lines come to (`MAX_AMOUNT`), as the OpenAPI document says it. */
export const amountBound = `Each line, and the lines together, come to at most ${MAX_AMOUNT.toLocaleString('en-US')} minor units either way, VAT included: more is refused with 409 \`amount-too-large\` (amounts stay exact).`;

/** What every priced line has: offer and invoice lines alike. */
export class LineFieldsDto {
  @ApiPropertyOptional({
    pattern: PRODUCT_CODE_SENT.source,
    description:
      "A catalogue entry's code (any case): what the line leaves out of description, unitPrice, vatRate (and an offer line's kind) is the product's, its price in the line's currency",
    example: 'SRV-HOOLDUS',
  })
  @IsOmittable()
  @IsString()
  @Matches(PRODUCT_CODE_SENT, { message: 'productCode must be a product code' })
  productCode?: string;
  @ApiPropertyOptional({
    maxLength: 500,
    description: 'Required unless the line names a product (its name)',
  })
  @UnlessProduct()
  @IsText(500)
  description?: string;
  @ApiProperty({
    description: 'Up to 3 decimals',
    example: 1.5,
    minimum: 0.001,
    maximum: 1_000_000,
  })
  @IsDecimal(3)
  @Min(0.001)
  @Max(1_000_000)
  quantity!: number;
  @ApiPropertyOptional({
    maxLength: 20,
    description:
      "How the quantity is counted (`h`, `pcs`, `month`): printed beside it, and an e-invoice's unit code where it is a known one; a line naming a product takes the product's",
    example: 'h',
  })
  @IsOmittable()
  @IsText(20)
  unit?: string;
  @ApiPropertyOptional({
    description: 'Percent, up to 2 decimals',
    default: 0,
    minimum: 0,
    maximum: 100,
  })
  @IsOmittable()
  @IsDecimal(2)
  @Min(0)
  @Max(100)
  discountPercent?: number;
  @ApiPropertyOptional({
    description: 'Percent, up to 2 decimals; required unless the line names a product (its rate)',
    example: 24,
    minimum: 0,
    maximum: 100,
  })
  @UnlessProduct()
  @IsDecimal(2)
  @Min(0)
  @Max(100)
  vatRate?: number;
}

@ApiSchemaRules(productOr('description', 'unitPrice', 'vatRate'))
export class InvoiceLineDto extends LineFieldsDto {
  @ApiPropertyOptional({
    description:
      'Integer minor units; negative for a deduction line (a discount, an advance); required unless the line names a product (its price)',
    example: 4500,
    minimum: -100_000_000_000,
    maximum: 100_000_000_000,
  })
  @UnlessProduct()
  @IsInt()
  @Min(-100_000_000_000)
  @Max(100_000_000_000)
  unitPrice?: number;
}

/** A payment reference: given, or made from the number in the scheme asked for. */
const IsPaymentReference = () => (target: object, key: string) => {
  ApiPropertyOptional({
    description:
      'An Estonian reference number (7-3-1 check digit) or an ISO 11649 `RF…` reference; left out, one is made from the invoice number',
    example: '20260000011',
    maxLength: 25,
  })(target, key);
  IsOmittable()(target, key);
  IsString()(target, key);
  MaxLength(40)(target, key);
  Matches(/^[0-9A-Za-z ]+$/, { message: '$property holds digits, letters and spaces' })(
    target,
    key,
  );
  IsValidReference()(target, key);
};

const IsValidReference = () =>
  ValidateBy({
    name: 'isPaymentReference',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isPaymentReference(value),
      defaultMessage: () =>
        '$property must be an Estonian reference number with its 7-3-1 check digit or an ISO 11649 RF reference',
    },
  });

@ApiSchemaRules(
  notTogether('lines', 'offerId'),
  needs('offerId', 'dealId'),
  anyOfFields('lines', 'dealId'),
)
export class IssueInvoiceDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() invoiceId?: string;
  @ApiProperty({ enum: ['standard', 'prepayment'] }) @IsIn(['standard', 'prepayment']) kind!:
    'standard' | 'prepayment';
  @ApiProperty({ format: 'uuid' }) @IsUUID() customerId!: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() dealId?: string;
  @ApiProperty({ example: 'EUR' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency!: string;
  @IsBusinessDay() issuedOn!: string;
  @IsBusinessDay() dueOn!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'An accepted offer whose lines to copy' })
  @IsOmittable()
  @IsUUID()
  offerId?: string;
  @ApiPropertyOptional({
    type: [InvoiceLineDto],
    description: `Omit to copy the lines of the accepted offer of dealId (or offerId). ${amountBound}`,
  })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => InvoiceLineDto)
  lines?: InvoiceLineDto[];
  @IsPaymentReference() paymentReference?: string;
  @ApiPropertyOptional({
    enum: referenceSchemes,
    default: 'estonian',
    description: 'How the reference made from the number looks, when none is given',
  })
  @IsOmittable()
  @IsIn(referenceSchemes)
  referenceScheme?: ReferenceScheme;
  @SettlesPrepayments() settles?: string[];
}

export class SendInvoiceDto {
  @ApiProperty({ enum: sendChannels }) @IsIn(sendChannels) channel!: SendChannel;
  @ApiProperty({ description: 'E-mail address, postal address or e-invoice operator id' })
  @IsText(300)
  recipient!: string;
}

/** The prepayments a standard invoice deducts; by default all unsettled ones of its deal. */
function SettlesPrepayments() {
  return (target: object, key: string) => {
    ApiPropertyOptional({
      type: [String],
      format: 'uuid',
      maxItems: 50,
      description:
        'Prepayment invoices this standard invoice deducts (each once); left out: every prepayment of its deal not settled yet; [] settles none',
    })(target, key);
    IsOmittable()(target, key);
    IsArray()(target, key);
    ArrayMaxSize(50)(target, key);
    IsUUID(undefined, { each: true })(target, key);
  };
}

/** A bank transaction id: any text up to 100 characters. */
const IsTransactionId = (what: string) => (target: object, key: string) => {
  ApiPropertyOptional({
    maxLength: 100,
    pattern: '^\\S(.*\\S)?$',
    description: `${what}: the bank's transaction id (any text up to 100 characters); the same id again is the same ${what.toLowerCase()}, recorded once`,
    example: 'bank-tx-0001',
  })(target, key);
  IsOmittable()(target, key);
  IsString()(target, key);
  MaxLength(100)(target, key);
  Matches(/^\S(.*\S)?$/, { message: '$property must not be blank or start or end with spaces' })(
    target,
    key,
  );
};

export class RecordPaymentDto {
  @IsTransactionId('Payment') paymentId?: string;
  @ApiProperty({ description: 'Integer minor units' })
  @IsInt()
  @Min(1)
  @Max(100_000_000_000)
  amount!: number;
  @ApiProperty({ example: 'EUR' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency!: string;
  @IsBusinessDay() paidOn!: string;
  @ApiPropertyOptional({ description: 'Bank reference or description' })
  @IsOmittable()
  @IsText(200)
  reference?: string;
  @ApiPropertyOptional({ description: 'Keep a payment above what is owed as a credit' })
  @IsOmittable()
  @IsBoolean()
  allowOverpayment?: boolean;
}

export class VoidInvoiceDto {
  @IsText(500) reason!: string;
}

export class RecordRefundDto {
  @IsTransactionId('Refund') refundId?: string;
  @ApiProperty({ description: 'Integer minor units paid back', minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(100_000_000_000)
  amount!: number;
  @ApiProperty({ example: 'EUR' })
  @Matches(currencyPattern, currencyMessage)
  currency!: string;
  @IsBusinessDay() refundedOn!: string;
  @IsText(500) reason!: string;
}

export class TransferPaymentDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() transferId?: string;
  @ApiProperty({ format: 'uuid', description: 'The invoice of the same customer to pay with it' })
  @IsUUID()
  toInvoiceId!: string;
  @ApiProperty({ description: 'Integer minor units to move', minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(100_000_000_000)
  amount!: number;
}

export class CreditedLineDto {
  @ApiProperty({ description: 'The line number as printed on the invoice, from 1', minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(200)
  line!: number;
  @ApiPropertyOptional({ description: 'How much of it to credit; all that is left by default' })
  @IsOmittable()
  @IsDecimal(3)
  @Min(0.001)
  @Max(1_000_000)
  quantity?: number;
}

export class CreditedAmountDto {
  @ApiProperty({ description: 'Integer minor units, VAT included', minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(100_000_000_000)
  gross!: number;
  @ApiProperty({ description: 'The VAT rate of the invoice lines it reduces', example: 24 })
  @IsDecimal(2)
  @Min(0)
  @Max(100)
  vatRate!: number;
  @ApiPropertyOptional({
    maxLength: 500,
    description: 'The credit note line; the reason by default',
  })
  @IsOmittable()
  @IsText(500)
  description?: string;
}

/** A partial credit note: chosen lines (or part of them), or an amount — one of the two. */
@ApiSchemaRules(exactlyOneOf(['lines'], ['amount']))
export class IssueCreditNoteDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() creditNoteId?: string;
  @IsText(500) reason!: string;
  @ApiPropertyOptional({ type: [CreditedLineDto], minItems: 1, maxItems: 200 })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CreditedLineDto)
  lines?: CreditedLineDto[];
  @ApiPropertyOptional({ type: CreditedAmountDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => CreditedAmountDto)
  amount?: CreditedAmountDto;
}

export class IssueDraftDto {
  @IsBusinessDay() issuedOn!: string;
  @IsBusinessDay() dueOn!: string;
  @IsPaymentReference() paymentReference?: string;
  @ApiPropertyOptional({ enum: referenceSchemes, default: 'estonian' })
  @IsOmittable()
  @IsIn(referenceSchemes)
  referenceScheme?: ReferenceScheme;
  @SettlesPrepayments() settles?: string[];
}

/** A draft: the invoice without number and dates; copies an accepted offer like IssueInvoice. */
@ApiSchemaRules(
  notTogether('lines', 'offerId'),
  needs('offerId', 'dealId'),
  anyOfFields('lines', 'dealId'),
)
export class DraftInvoiceDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() invoiceId?: string;
  @ApiProperty({ enum: ['standard', 'prepayment'] }) @IsIn(['standard', 'prepayment']) kind!:
    'standard' | 'prepayment';
  @ApiProperty({ format: 'uuid' }) @IsUUID() customerId!: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() dealId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOmittable() @IsUUID() offerId?: string;
  @ApiProperty({ example: 'EUR' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency!: string;
  @ApiPropertyOptional({ type: [InvoiceLineDto], description: amountBound })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => InvoiceLineDto)
  lines?: InvoiceLineDto[];
}

export class DiscardDraftDto {
  @ApiPropertyOptional() @IsOmittable() @IsText(500) reason?: string;
}

export class UpdateDraftDto {
  @ApiProperty({ enum: ['standard', 'prepayment'] }) @IsIn(['standard', 'prepayment']) kind!:
    'standard' | 'prepayment';
  @ApiProperty({ example: 'EUR' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency!: string;
  @ApiProperty({ type: [InvoiceLineDto], description: amountBound })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => InvoiceLineDto)
  lines!: InvoiceLineDto[];
}
