/** The answer to every command: the aggregate id, its stream revision and the global position. */
export type CommandResult = {
  id: string;
  revision: number;
  position: number;
  [extra: string]: string | number | string[] | Record<string, number>;
};
