import { adminRosterDecider, type AdminRosterCommand } from '#domain';
import { projections } from '#read-models';
import { type AggregateRepository, type CommandMeta, type CommandReads } from '#commands';

const stream = 'admin-roster';

/**
 * The active administrators, in one stream (ADR 0021): taking the admin role away — by a role
 * change or a deactivation — is appended there first, with the revision read, so of two
 * admins demoting each other at once the second is refused and one admin always remains.
 * The roster starts from the staff list (the caught-up staff read model) the first time.
 */
export class AdminRoster {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly reads: CommandReads,
  ) {}

  private async run(meta: CommandMeta, command: (now: string) => AdminRosterCommand) {
    await this.seeded(meta);
    await this.repository.execute(stream, adminRosterDecider, meta, (state) =>
      adminRosterDecider.decide(command(meta.now), state),
    );
  }

  private async seeded(meta: CommandMeta) {
    const { state } = await this.repository.load(stream, adminRosterDecider);
    if (state.seeded) return;
    await this.reads.caughtUp(projections.staff, await this.repository.headPosition());
    const admins = await this.reads.activeAdmins();
    await this.repository.execute(stream, adminRosterDecider, meta, (s) =>
      adminRosterDecider.decide({ type: 'SeedAdminRoster', admins, now: meta.now }, s),
    );
  }

  /** Refused (409 last-admin) when the member is the only active admin left. */
  revoke(staffId: string, meta: CommandMeta): Promise<void> {
    return this.run(meta, (now) => ({ type: 'RevokeAdmin', staffId, now }));
  }

  grant(staffId: string, meta: CommandMeta): Promise<void> {
    return this.run(meta, (now) => ({ type: 'GrantAdmin', staffId, now }));
  }
}
