/** A read model document: its id, and the event payload it came from minus the id field. */
export type From<Data, Id extends keyof Data> = { _id: string } & Omit<Data, Id>;
