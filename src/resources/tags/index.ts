import type { ActionTable } from '../context.js';
import { createTags } from './create-tags.js';
import { deleteTags } from './delete-tags.js';
import { describeTags } from './describe-tags.js';

export const tagActions: ActionTable = {
  CreateTags: createTags,
  DeleteTags: deleteTags,
  DescribeTags: describeTags,
};
