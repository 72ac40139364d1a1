import { type AgreementEvent, type AgreementRecorded } from '#events';
import { alreadyExists, type Decider, notAhead, notFound, unreachable, violated } from '../decider';

export type AgreementState =
  | { status: 'none' }
  | {
      status: 'active' | 'terminated';
      agreementId: string;
      customerId: string;
      agreedOn: string;
      validUntil: string | null;
    };

/** The handler checked the customer, deal, contacts and documents (loaded) are the customer's. */
/** `today`: the business's day; an agreement is recorded once made, never ahead. */
export type RecordAgreement = { type: 'RecordAgreement'; today: string; now: string } & Omit<
  AgreementRecorded['data'],
  'recordedAt'
>;
export type RenewAgreement = {
  type: 'RenewAgreement';
  agreementId: string;
  validUntil: string | null;
  now: string;
};
export type TerminateAgreement = {
  type: 'TerminateAgreement';
  agreementId: string;
  endsOn: string;
  reason: string;
  now: string;
};
export type AgreementCommand = RecordAgreement | RenewAgreement | TerminateAgreement;

const active = (state: AgreementState, agreementId: string, action: string) => {
  if (state.status === 'none') throw notFound('agreement', agreementId);
  if (state.status === 'terminated')
    throw violated('agreement-terminated', `A terminated agreement cannot be ${action}`);
  return state;
};

const decide = (command: AgreementCommand, state: AgreementState): AgreementEvent[] => {
  switch (command.type) {
    case 'RecordAgreement': {
      if (state.status !== 'none') throw alreadyExists('agreement', command.agreementId);
      if (command.title.trim() === '' || command.terms.trim() === '')
        throw violated('agreement-terms-required', 'An agreement says what was agreed');
      notAhead(
        'agreed-in-future',
        'An agreement is recorded once made, not',
        command.agreedOn,
        command.today,
      );
      if (command.validUntil !== undefined && command.validUntil < command.agreedOn)
        throw violated('valid-before-agreed', 'An agreement cannot end before it was made');
      const { type: _t, today: _today, now, ...data } = command;
      return [{ type: 'AgreementRecorded', data: { ...data, recordedAt: now } }];
    }
    case 'RenewAgreement': {
      const agreement = active(state, command.agreementId, 'renewed');
      if (agreement.validUntil === command.validUntil) return [];
      if (
        command.validUntil !== null &&
        (command.validUntil < agreement.agreedOn ||
          (agreement.validUntil !== null && command.validUntil < agreement.validUntil))
      )
        throw violated(
          'renewal-shortens',
          'A renewal extends the agreement; to end it sooner, terminate it',
        );
      return [
        {
          type: 'AgreementRenewed',
          data: {
            agreementId: agreement.agreementId,
            customerId: agreement.customerId,
            previousValidUntil: agreement.validUntil,
            validUntil: command.validUntil,
            renewedAt: command.now,
          },
        },
      ];
    }
    case 'TerminateAgreement': {
      const agreement = active(state, command.agreementId, 'terminated');
      if (command.reason.trim() === '')
        throw violated('reason-required', 'Say why the agreement ends');
      if (command.endsOn < agreement.agreedOn)
        throw violated('ends-before-agreed', 'An agreement cannot end before it was made');
      // After its last day it lapses by itself: notice ends it from that day at the latest.
      if (agreement.validUntil !== null && command.endsOn > agreement.validUntil)
        throw violated(
          'ends-after-last-day',
          `The agreement holds until ${agreement.validUntil} and lapses then; it cannot be ended from a later day`,
        );
      return [
        {
          type: 'AgreementTerminated',
          data: {
            agreementId: agreement.agreementId,
            customerId: agreement.customerId,
            endsOn: command.endsOn,
            reason: command.reason,
            terminatedAt: command.now,
          },
        },
      ];
    }
    default:
      return unreachable(command);
  }
};

const evolve = (state: AgreementState, event: AgreementEvent): AgreementState => {
  switch (event.type) {
    case 'AgreementRecorded':
      return {
        status: 'active',
        agreementId: event.data.agreementId,
        customerId: event.data.customerId,
        agreedOn: event.data.agreedOn,
        validUntil: event.data.validUntil ?? null,
      };
    case 'AgreementRenewed':
      return state.status === 'none' ? state : { ...state, validUntil: event.data.validUntil };
    case 'AgreementTerminated':
      return state.status === 'none' ? state : { ...state, status: 'terminated' };
  }
};

export const agreementDecider: Decider<AgreementCommand, AgreementEvent, AgreementState> = {
  decide,
  evolve,
  initialState: () => ({ status: 'none' }),
};
