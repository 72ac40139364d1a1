import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { staffDecider } from '#domain';
import { staffRoles, type StaffRole } from '#events';
import { type Config, createOnce } from '#platform';
import { type AggregateRepository, deterministicId } from '#commands';

export const initialAdminFile = (dataDir: string): string => join(dataDir, 'initial-admin-id');

/**
 * Registers the initial admin on the first start, so that someone can log in and register the
 * rest of the staff: in the embedded default with an id kept under the data directory, or the
 * configured BOOTSTRAP_ADMIN_ID. Idempotent: a later start finds the member and appends nothing.
 */
export const ensureInitialAdmin = async (
  repository: AggregateRepository,
  config: Config,
): Promise<string | undefined> => {
  const admin = config.auth.bootstrapAdmin;
  if (!admin) return undefined;
  const staffId = admin.id ?? createOnce(initialAdminFile(config.dataDir), () => randomUUID());
  const roles = admin.roles.filter((r): r is StaffRole =>
    (staffRoles as readonly string[]).includes(r),
  );
  const commandId = deterministicId(`initial-admin\n${staffId}`);
  await repository.execute(
    `staff-${staffId}`,
    staffDecider,
    {
      commandId,
      actorId: staffId,
      correlationId: commandId,
      causationId: commandId,
      now: new Date().toISOString(),
      idempotent: true,
    },
    (state) =>
      state.status === 'none'
        ? staffDecider.decide(
            {
              type: 'RegisterStaffMember',
              staffId,
              name: admin.name,
              email: admin.email,
              roles: roles.length > 0 ? roles : ['admin'],
              now: new Date().toISOString(),
            },
            state,
          )
        : [],
  );
  return staffId;
};
