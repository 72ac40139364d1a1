import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { customerDecider } from '#domain';
import { type CommandResult } from '../command-handling/command-result';
import { requireActiveStaff } from '#commands';
import { type RegisterCustomerDto } from './customers.dto';
import { AggregateRepository, type CommandMeta, newId } from '#commands';

export class RegisterCustomerCommand extends Command<CommandResult> {
  constructor(
    readonly body: RegisterCustomerDto,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(RegisterCustomerCommand)
export class RegisterCustomerHandler implements ICommandHandler<RegisterCustomerCommand> {
  constructor(private readonly repository: AggregateRepository) {}

  async execute({ body, meta }: RegisterCustomerCommand): Promise<CommandResult> {
    const customerId = newId(meta, 'customer', body.customerId);
    const { customerId: _id, ownerId, address, ...rest } = body;
    if (ownerId) await requireActiveStaff(this.repository, ownerId);
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
