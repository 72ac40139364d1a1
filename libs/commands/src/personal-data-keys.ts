/** The key store whose keys seal personal data in events (destroyed on erasure). */
export const KEY_STORE = Symbol('KEY_STORE');
