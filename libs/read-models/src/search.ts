/** What a word was found in; `field_<key>` is a custom field's text or options. */
export type SearchField = 'name' | 'registry' | 'emails' | 'phones' | `field_${string}`;

/**
 * Something search finds: a customer, one of its contact persons, or a lead (`customerId` is
 * whose personal data it is: a lead's own id, `lead:<id>`, until it becomes a customer).
 */
export type SearchEntityDoc = {
  _id: string;
  kind: 'customer' | 'contact' | 'lead';
  customerId: string;
  leadId?: string;
  name: string;
  hidden: boolean;
  /** The position each field was last written at; older terms of a field are stale. */
  versions: Partial<Record<SearchField, number>>;
};

/** One word of one field of one entity (`<entity>|<field>|<term>`). */
export type SearchTermDoc = {
  _id: string;
  term: string;
  entity: string;
  field: SearchField;
  version: number;
  /** The customer the word is of (`lead:<id>` for a lead's). */
  customerId: string;
};
