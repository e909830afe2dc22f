/**
 * An error AWS would answer with: its wire code, its message and its HTTP status. Everything the client must see
 * as an EC2 error is an AwsError; anything else thrown is a bug and becomes `InternalError` (500) in the gateway.
 */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = 400,
  ) {
    super(message);
    this.name = 'AwsError';
  }
}

/** Builds a 400 error; every catalogue entry is made with it unless AWS answers another status. */
export const clientError = (code: string, message: string): AwsError => new AwsError(code, message, 400);
