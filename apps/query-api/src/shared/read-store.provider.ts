export const READ_STORE = Symbol('READ_STORE');
