import type { ActionTable } from '../context.js';
import { describeImages } from './describe-images.js';

export const imageActions: ActionTable = {
  DescribeImages: describeImages,
};
