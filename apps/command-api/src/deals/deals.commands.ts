import {
  businessDay,
  type CommandMeta,
  type DealRequest,
  newId,
  type OpenDealRequest,
} from '#commands';
import { type OfferLineInput } from '#domain';
import { type OpenDealDto } from './deals.dto';
import {
  type AcceptOfferDto,
  type ChangeDealValueDto,
  type ExpireOfferDto,
  type MakeOfferDto,
  type RejectOfferDto,
  type ReviseOfferDto,
} from './offers.dto';

/** The requests as the domain's commands: the one shape the handlers take. */

export const openDeal = (body: OpenDealDto, meta: CommandMeta): OpenDealRequest => {
  const { dealId, ownerId, value, ...rest } = body;
  return {
    type: 'OpenDeal',
    ...rest,
    value: { ...value },
    dealId: newId(meta, 'deal', dealId),
    ownerId: ownerId ?? meta.actorId,
    now: meta.now,
  };
};

export const changeDealValue = (
  dealId: string,
  body: ChangeDealValueDto,
  meta: CommandMeta,
): DealRequest => ({
  type: 'ChangeDealValue',
  dealId,
  value: { ...body.value },
  ...(body.reason ? { reason: body.reason } : {}),
  now: meta.now,
});

/** An offer's content, its lines already completed from the catalogue. */
const proposal = (
  dealId: string,
  offerId: string,
  { currency, terms, validUntil }: ReviseOfferDto,
  lines: OfferLineInput[],
  meta: CommandMeta,
) => ({
  dealId,
  offerId,
  lines,
  currency,
  ...(terms ? { terms } : {}),
  validUntil,
  today: businessDay(meta.now),
  now: meta.now,
});

export const makeOffer = (
  dealId: string,
  body: MakeOfferDto,
  lines: OfferLineInput[],
  meta: CommandMeta,
): DealRequest => ({
  type: 'MakeOffer',
  ...proposal(dealId, newId(meta, 'offer', body.offerId), body, lines, meta),
});

export const reviseOffer = (
  dealId: string,
  offerId: string,
  body: ReviseOfferDto,
  lines: OfferLineInput[],
  meta: CommandMeta,
): DealRequest => ({ type: 'ReviseOffer', ...proposal(dealId, offerId, body, lines, meta) });

export const acceptOffer = (
  dealId: string,
  offerId: string,
  body: AcceptOfferDto,
  meta: CommandMeta,
): DealRequest => ({
  type: 'AcceptOffer',
  dealId,
  offerId,
  ...(body.version !== undefined ? { version: body.version } : {}),
  today: businessDay(meta.now),
  now: meta.now,
});

export const rejectOffer = (
  dealId: string,
  offerId: string,
  body: RejectOfferDto,
  meta: CommandMeta,
): DealRequest => ({ type: 'RejectOffer', dealId, offerId, reason: body.reason, now: meta.now });

export const expireOffer = (
  dealId: string,
  offerId: string,
  body: ExpireOfferDto,
  meta: CommandMeta,
): DealRequest => ({
  type: 'ExpireOffer',
  dealId,
  offerId,
  ...(body.asOf ? { asOf: body.asOf } : {}),
  today: businessDay(meta.now),
  now: meta.now,
});
