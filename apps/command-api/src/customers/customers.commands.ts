import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { customerDecider } from '#domain';
import { type CommandResult } from '../command-handling/command-result';
import { requireActiveStaff } from '#commands';
import { type RegisterCustomerDto } from './customers.dto';
import {
  AggregateRepository,
  type CommandMeta,
  CommandReads,
  newId,
  refuseTakenRegistryCode,
} from '#commands';

export class RegisterCustomerCommand extends Command<CommandResult> {
  constructor(
    readonly body: RegisterCustomerDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/**
 * RegisterCustomer. A company's registry code names one legal person: a second customer with
 * the code of one already registered (archived ones too) is refused as `registry-code-taken`,
 * naming it, unless `allowDuplicate` says it is meant (a branch kept apart).
 */
@CommandHandler(RegisterCustomerCommand)
export class RegisterCustomerHandler implements ICommandHandler<RegisterCustomerCommand> {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly reads: CommandReads,
  ) {}

  async execute({ body, meta }: RegisterCustomerCommand): Promise<CommandResult> {
    const customerId = newId(meta, 'customer', body.customerId);
    const { customerId: _id, ownerId, address, allowDuplicate, ...rest } = body;
    if (ownerId) await requireActiveStaff(this.repository, ownerId);
    if (rest.registryCode && !allowDuplicate)
      await refuseTakenRegistryCode(this.repository, this.reads, customerId, rest.registryCode);
    const r = await this.repository.execute(
      `customer-${customerId}`,
      customerDecider,
      meta,
      (state) =>
        customerDecider.decide(
          {
            type: 'RegisterCustomer',
            ...rest,
            ...(address ? { address: { ...address } } : {}),
            customerId,
            ownerId: ownerId ?? meta.actorId,
            now: meta.now,
          },
          state,
        ),
    );
    return { id: customerId, revision: r.revision, position: r.position };
  }
}
