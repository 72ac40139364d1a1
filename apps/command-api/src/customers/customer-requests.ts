import { businessDay, type CommandMeta, newId } from '#commands';
import { plain } from '../command-handling/dto';
import { type CustomerRequest } from './customer-actions';
import {
  type AddContactPersonDto,
  type ArchiveCustomerDto,
  type CategorizeCustomerDto,
  type EraseCustomerDto,
  type ImportRegistryDataDto,
  type RecordConsentDto,
  type RemoveContactPersonDto,
  type RestoreCustomerDto,
  type TagCustomerDto,
  type UpdateContactPersonDto,
  type UpdateCustomerProfileDto,
  type WithdrawConsentDto,
} from './customer-profile.dto';

/** The requests on an existing customer as the domain's commands: the one shape handled. */

const on = (customerId: string, meta: CommandMeta) => ({ customerId, now: meta.now });

export const updateProfile = (
  id: string,
  body: UpdateCustomerProfileDto,
  meta: CommandMeta,
): CustomerRequest => ({
  type: 'UpdateCustomerProfile',
  ...on(id, meta),
  changes: plain(body),
  today: businessDay(meta.now),
});

export const addContactPerson = (
  id: string,
  body: AddContactPersonDto,
  meta: CommandMeta,
): CustomerRequest => {
  const { contactId, ...contact } = plain(body);
  return {
    type: 'AddContactPerson',
    ...on(id, meta),
    contact: { contactId: newId(meta, 'contact', contactId), ...contact },
  };
};

export const updateContactPerson = (
  id: string,
  contactId: string,
  body: UpdateContactPersonDto,
  meta: CommandMeta,
): CustomerRequest => ({
  type: 'UpdateContactPerson',
  ...on(id, meta),
  contactId,
  changes: plain(body),
});

export const removeContactPerson = (
  id: string,
  contactId: string,
  body: RemoveContactPersonDto,
  meta: CommandMeta,
): CustomerRequest => ({ type: 'RemoveContactPerson', ...on(id, meta), contactId, ...plain(body) });

export const categorize = (
  id: string,
  body: CategorizeCustomerDto,
  meta: CommandMeta,
): CustomerRequest => ({ type: 'CategorizeCustomer', ...on(id, meta), ...plain(body) });

export const tag = (id: string, body: TagCustomerDto, meta: CommandMeta): CustomerRequest => {
  // Nothing to add or remove changes nothing, like tags the customer already has.
  const { add = [], remove = [] } = plain(body);
  return { type: 'TagCustomer', ...on(id, meta), add, remove };
};

export const recordConsent = (
  id: string,
  body: RecordConsentDto,
  meta: CommandMeta,
): CustomerRequest => {
  const { givenAt, ...rest } = plain(body);
  return {
    type: 'RecordMarketingConsent',
    ...on(id, meta),
    ...rest,
    givenAt: givenAt ? new Date(givenAt).toISOString() : meta.now,
  };
};

export const withdrawConsent = (
  id: string,
  body: WithdrawConsentDto,
  meta: CommandMeta,
): CustomerRequest => ({ type: 'WithdrawMarketingConsent', ...on(id, meta), ...plain(body) });

export const importRegistryData = (
  id: string,
  body: ImportRegistryDataDto,
  meta: CommandMeta,
): CustomerRequest => {
  const { retrievedAt, allowDuplicate: _allowed, ...facts } = plain(body);
  return {
    type: 'ImportRegistryData',
    ...on(id, meta),
    facts: {
      ...facts,
      ...(retrievedAt ? { retrievedAt: new Date(retrievedAt).toISOString() } : {}),
    },
  };
};

export const archive = (
  id: string,
  body: ArchiveCustomerDto,
  meta: CommandMeta,
): CustomerRequest => ({ type: 'ArchiveCustomer', ...on(id, meta), ...plain(body) });

export const restore = (
  id: string,
  body: RestoreCustomerDto,
  meta: CommandMeta,
): CustomerRequest => ({ type: 'RestoreCustomer', ...on(id, meta), ...plain(body) });

export const erase = (id: string, body: EraseCustomerDto, meta: CommandMeta): CustomerRequest => ({
  type: 'EraseCustomerPersonalData',
  ...on(id, meta),
  reason: body.reason,
});
