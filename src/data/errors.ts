/**
 * Data that cannot be used: a file that is missing or malformed, a value that is not finite, a
 * label outside the classes. The message names the source (file or dataset), the place in it
 * (line, column, sample, feature) and what was wrong; `source` repeats the file or dataset name.
 */
export class DataError extends Error {
  override name = "DataError";
  constructor(
    message: string,
    readonly source: string,
  ) {
    super(message);
  }
}
