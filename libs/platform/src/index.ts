export * from './config';
export * from './problem';
export * from './validation';
export * from './http-app';
export * from './uuid-param';
export * from './health.controller';
