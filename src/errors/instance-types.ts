// Errors of DescribeInstanceTypes (instances.md §6.1).
import { clientError } from './aws-error.js';

/** `The following supplied instance types do not exist: [t3.foo]` (code C; wording as AWS answers it, T). */
export const instanceTypesNotFound = (types: string[]) =>
  clientError('InvalidInstanceType', `The following supplied instance types do not exist: [${types.join(', ')}]`);
