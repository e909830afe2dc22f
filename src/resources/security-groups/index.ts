import type { ActionTable } from '../context.js';
import { authorizeSecurityGroupEgress, authorizeSecurityGroupIngress } from './authorize-rules.js';
import { createSecurityGroup } from './create-security-group.js';
import { deleteSecurityGroup } from './delete-security-group.js';
import { describeSecurityGroupRules } from './describe-security-group-rules.js';
import { describeSecurityGroups } from './describe-security-groups.js';
import { modifySecurityGroupRules } from './modify-security-group-rules.js';
import { revokeSecurityGroupEgress, revokeSecurityGroupIngress } from './revoke-rules.js';
import {
  updateSecurityGroupRuleDescriptionsEgress,
  updateSecurityGroupRuleDescriptionsIngress,
} from './update-rule-descriptions.js';

export const securityGroupActions: ActionTable = {
  CreateSecurityGroup: createSecurityGroup,
  DeleteSecurityGroup: deleteSecurityGroup,
  DescribeSecurityGroups: describeSecurityGroups,
  AuthorizeSecurityGroupIngress: authorizeSecurityGroupIngress,
  AuthorizeSecurityGroupEgress: authorizeSecurityGroupEgress,
  RevokeSecurityGroupIngress: revokeSecurityGroupIngress,
  RevokeSecurityGroupEgress: revokeSecurityGroupEgress,
  DescribeSecurityGroupRules: describeSecurityGroupRules,
  ModifySecurityGroupRules: modifySecurityGroupRules,
  UpdateSecurityGroupRuleDescriptionsIngress: updateSecurityGroupRuleDescriptionsIngress,
  UpdateSecurityGroupRuleDescriptionsEgress: updateSecurityGroupRuleDescriptionsEgress,
};
