import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { customerDecider, refreshCode, registryCompany } from '#domain';
import { type RegistryFacts } from '#events';
import {
  type CompanyRegistry,
  EstonianBusinessRegister,
  problem,
  readConfig,
  RegistryNotConfiguredError,
} from '#platform';
import { AggregateRepository } from './aggregate-repository';
import { type CommandMeta } from './command-meta';
import { CommandReads } from './read-side';
import { changesRegistryCode, refuseTakenRegistryCode } from './registry-codes';

export const COMPANY_REGISTRY = Symbol('COMPANY_REGISTRY');

const unconfigured: CompanyRegistry = {
  name: 'none',
  byCode: () => Promise.reject(new RegistryNotConfiguredError()),
  byName: () => Promise.reject(new RegistryNotConfiguredError()),
};

/** The e-Business Register when its service account is configured; otherwise none. */
export const companyRegistryProvider = {
  provide: COMPANY_REGISTRY,
  useFactory: (): CompanyRegistry => {
    const { registry } = readConfig();
    return registry.username && registry.password
      ? new EstonianBusinessRegister({
          url: registry.url,
          username: registry.username,
          password: registry.password,
          language: registry.language,
          timeoutMs: registry.timeoutMs,
        })
      : unconfigured;
  },
};

/** Exactly one of code and name. */
/** What a fetch looks up: a code, a name, or (a refresh) the code the customer already has. */
export type Lookup = { registryCode: string } | { name: string } | { refresh: true };

/** Where the customer's stream stands, whether the facts were news, and the facts. */
export type RegistryFetched = {
  id: string;
  revision: number;
  position: number;
  changed: boolean;
  facts: RegistryFacts;
};

export class FetchRegistryDataCommand extends Command<RegistryFetched> {
  constructor(
    readonly customerId: string,
    readonly lookup: Lookup,
    readonly meta: CommandMeta,
    /** Import a code another customer has (a branch kept apart); refused otherwise. */
    readonly allowDuplicate = false,
  ) {
    super();
  }
}

const candidate = (f: RegistryFacts) => ({
  registryCode: f.registryCode,
  legalName: f.legalName,
  ...(f.status ? { status: f.status } : {}),
  ...(f.address ? { address: f.address } : {}),
});

/**
 * Fills a company customer in from the business registry: looks the company up (by code, by
 * name when that finds exactly one, or by the code the customer has) and issues
 * ImportRegistryData with the facts as the registry gave them; facts unchanged since the last
 * import record nothing.
 */
@CommandHandler(FetchRegistryDataCommand)
export class FetchRegistryDataHandler implements ICommandHandler<FetchRegistryDataCommand> {
  constructor(
    private readonly repository: AggregateRepository,
    @Inject(COMPANY_REGISTRY) private readonly registry: CompanyRegistry,
    private readonly reads: CommandReads,
  ) {}

  private async find(lookup: Lookup, known: string | null): Promise<RegistryFacts> {
    let code: string;
    if ('name' in lookup) {
      const found = await this.registry.byName(lookup.name, 10);
      if (found.length > 1)
        throw problem(
          409,
          'registry-ambiguous',
          'More than one company',
          `${found.length} companies match "${lookup.name}"; fetch by one of their registry codes`,
          { candidates: found.map(candidate) },
        );
      if (found[0]) return found[0];
      throw problem(
        404,
        'registry-company-not-found',
        'Not found',
        `No company is named "${lookup.name}"`,
      );
    }
    if ('refresh' in lookup) code = refreshCode(known);
    else code = lookup.registryCode;
    const facts = await this.registry.byCode(code);
    if (!facts)
      throw problem(
        404,
        'registry-company-not-found',
        'Not found',
        `The registry has no company ${code}`,
      );
    return facts;
  }

  async execute({
    customerId,
    lookup,
    meta,
    allowDuplicate,
  }: FetchRegistryDataCommand): Promise<RegistryFetched> {
    const loaded = await this.repository.load(`customer-${customerId}`, customerDecider);
    const state = registryCompany(loaded.state, customerId);
    const facts = await this.find(lookup, state.registryCode);
    if (!allowDuplicate && changesRegistryCode(state.registryCode, facts.registryCode))
      await refuseTakenRegistryCode(this.repository, this.reads, customerId, facts.registryCode);
    const r = await this.repository.execute(`customer-${customerId}`, customerDecider, meta, (s) =>
      customerDecider.decide({ type: 'ImportRegistryData', customerId, facts, now: meta.now }, s),
    );
    return {
      id: customerId,
      revision: r.revision,
      position: r.position,
      changed: r.appended > 0,
      facts,
    };
  }
}
