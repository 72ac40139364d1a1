export * from './config';
export * from './problem';
export * from './validation';
export {
  acrossFields,
  anyOfFields,
  ApiSchemaRules,
  exactlyOneOf,
  needs,
  notTogether,
} from './schema-rules';
export { ApiVariants } from './openapi/validation-schemas';
export * from './http-app';
export * from './uuid-param';
export * from './auth/access-policy';
export * from './auth/auth.guard';
export * from './auth/jwt';
export * from './auth/keys';
export * from './auth/staff-directory';
export * from './auth/rate-limiter';
export * from './today';
export * from './blob-store/blob-store.port';
export * from './blob-store/fs-blob-store';
export * from './webhooks/signing';
export * from './poller';
export * from './registry/company-registry';
export * from './registry/ariregister';
export * from './bank-statements/camt';
export * from './http-edge';
export * from './webhooks/outbound';
export * from './operations/metrics';
export * from './operations/health';
export * from './operations/logging';
export * from './operations/operations.module';
export * from './operations/log-failure';
export * from './unfinished-restore';
