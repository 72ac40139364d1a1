import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import { customerDecider, emailParties, inboundEmailDecider, inboundStaff } from '#domain';
import { type InboundAttachment, type InboundContent } from '#events';
import { type BlobStore, readConfig } from '#platform';
import { projections } from '#read-models';
import {
  AggregateRepository,
  deterministicId,
  INBOUND_MAIL,
  type InboundParty,
  logInboundEmail,
  systemMeta,
} from '#commands';
import { BLOB_STORE } from '../documents/blob-store';
import { WorkerReads } from '../worker-reads';

/** What an event keeps of a message's text and subject (the rest stays in the mail system). */
const MAX_TEXT = 100_000;
const MAX_SUBJECT = 998;

const addressesOf = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(field) ? field : field ? [field] : [])
    .flatMap((o) => o.value)
    .flatMap((a) => [a.address, ...(a.group ?? []).map((g) => g.address)])
    .filter((a): a is string => typeof a === 'string' && a.includes('@'))
    .map((a) => a.toLowerCase());

/**
 * The addresses in the header block of a forwarded message quoted in the text ("From: Mari
 * <mari@…>", in English or Estonian): a message forwarded to the CRM is about its sender.
 */
const forwardedAddresses = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .filter((line) => /^[>\s]*(from|to|cc|kellelt|saatja|kellele|koopia)\s*:/i.test(line))
    .flatMap((line) => line.match(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+\.[^\s<>"'(),;:]+/g) ?? [])
    .map((a) => a.toLowerCase());

/**
 * A message the parser refuses (one past its limits: too many parts, a part's header too
 * large): sending it again would not make it readable, so it is refused for good rather than
 * deferred.
 */
export class UnreadableMessage extends Error {
  constructor(reason: unknown) {
    super((reason instanceof Error ? reason.message : String(reason)).replace(/\s+/g, ' '));
    this.name = 'UnreadableMessage';
  }
}

const idsIn = (value: string | string[] | undefined): string[] =>
  (Array.isArray(value) ? value : value ? value.split(/\s+/) : []).filter((v) => v.length > 0);

/**
 * Takes one message the inbound SMTP endpoint accepted: keeps its attachments in the blob
 * store, finds the customers whose addresses (their own or a contact person's) appear in
 * From, To or Cc — or in the headers of a message forwarded in its text — records its
 * receipt, and logs it on each of them; a message nobody is found for is held for review. A
 * reply to a message of our outbox (In-Reply-To, References) is linked to it and to its
 * campaign. Every id derives from the Message-ID, so the same message taken again (a resend
 * after a failure, or the other copy of the workers) records nothing twice.
 */
@Injectable()
export class InboundIntake {
  private readonly config = readConfig().inboundMail;

  constructor(
    private readonly repository: AggregateRepository,
    private readonly reads: WorkerReads,
    private readonly commands: CommandBus,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  async take(raw: Buffer): Promise<{ inboundEmailId: string; customerIds: string[] }> {
    const mail = await simpleParser(raw).catch((error: unknown) => {
      throw new UnreadableMessage(error);
    });
    const messageId = mail.messageId ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`;
    const inboundEmailId = deterministicId(`inbound-email\n${messageId}`);
    const meta = systemMeta(INBOUND_MAIL, `inbound-email\n${messageId}`);
    const content = await this.content(mail, meta.now);
    const inReplyTo = await this.reads.sentEmail([
      ...idsIn(mail.inReplyTo),
      ...idsIn(mail.references),
    ]);
    const parties = await this.parties(content);
    await this.repository.execute(
      `inboundEmail-${inboundEmailId}`,
      inboundEmailDecider,
      meta,
      (s) =>
        inboundEmailDecider.decide(
          {
            type: 'ReceiveInboundEmail',
            inboundEmailId,
            messageId,
            customerIds: parties.map((p) => p.customerId),
            content,
            ...(inReplyTo ? { inReplyTo } : {}),
            now: meta.now,
          },
          s,
        ),
    );
    const message = { inboundEmailId, messageId, content, ...(inReplyTo ? { inReplyTo } : {}) };
    for (const party of parties)
      await logInboundEmail(this.repository, this.commands, message, party, meta);
    return { inboundEmailId, customerIds: parties.map((p) => p.customerId) };
  }

  private async content(mail: ParsedMail, now: string): Promise<InboundContent> {
    const own = this.config.address;
    const attachments: InboundAttachment[] = [];
    for (const file of mail.attachments) {
      const stored = await this.blobs.put(Readable.from([file.content]), this.config.maxBytes);
      attachments.push({
        name: (file.filename ?? 'attachment').replace(/[/\\\0]/g, '_').slice(0, 255),
        mediaType: file.contentType,
        size: stored.size,
        sha256: stored.sha256,
        head: stored.head.toString('base64'),
      });
    }
    const date = mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : undefined;
    return {
      from: addressesOf(mail.from)[0] ?? '',
      to: addressesOf(mail.to).filter((a) => a !== own),
      cc: addressesOf(mail.cc).filter((a) => a !== own),
      subject: (mail.subject ?? '').slice(0, MAX_SUBJECT),
      text: (mail.text ?? '').slice(0, MAX_TEXT),
      sentAt: date?.toISOString() ?? now,
      attachments,
    };
  }

  /** The active customers the message involves, who at each, and whom it is logged for. */
  private async parties(content: InboundContent): Promise<InboundParty[]> {
    const addresses = [
      ...new Set([content.from, ...content.to, ...content.cc, ...forwardedAddresses(content.text)]),
    ].filter((a) => a.length > 0 && a !== this.config.address);
    await this.reads.caughtUp(projections.search, await this.repository.headPosition());
    const candidates = new Set<string>();
    for (const address of addresses)
      for (const id of await this.reads.customersWithEmail(address)) candidates.add(id);
    const staff = await this.reads.staffByEmail();
    const found: InboundParty[] = [];
    for (const customerId of [...candidates].sort()) {
      const { state } = await this.repository.load(`customer-${customerId}`, customerDecider);
      if (state.status !== 'active') continue;
      const involved = emailParties(state, addresses);
      if (involved.customer || involved.contactIds.length > 0)
        found.push({
          customerId,
          contactIds: involved.contactIds,
          staffId: inboundStaff(content, staff, state.ownerId),
        });
    }
    return found;
  }
}
