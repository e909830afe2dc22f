// Errors of the Reachability Analyzer (routing-and-traffic.md §5). Codes are T (the Terraform provider's list);
// messages follow EC2's usual wording for the kind of error and are U.
import { clientError } from './aws-error.js';
import { invalidParameterCombination, invalidParameterValue } from './protocol.js';
import { idsNotFound } from './resources.js';

/** `The networkInsightsPath ID 'nip-…' does not exist`. */
export const pathNotFound = idsNotFound('InvalidNetworkInsightsPathId.NotFound', 'networkInsightsPath');
/** `The networkInsightsAnalysis ID 'nia-…' does not exist`. */
export const analysisNotFound = idsNotFound('InvalidNetworkInsightsAnalysisId.NotFound', 'networkInsightsAnalysis');
/** DeleteNetworkInsightsPath while analyses of the path remain (T). */
export const analysisExistsForPath = (pathId: string) =>
  clientError(
    'AnalysisExistsForNetworkInsightsPath',
    `The network insights path ${pathId} has analyses. Delete the analyses before deleting the path.`,
  );
/** Protocol is tcp or udp only. */
export const invalidPathProtocol = (protocol: string) =>
  invalidParameterValue(`Value (${protocol}) for parameter protocol is invalid. Valid values: tcp, udp`);
/** FilterAtSource cannot be given with SourceIp / DestinationPort, FilterAtDestination with DestinationIp. */
export const filterConflict = (filter: string, parameter: string) =>
  invalidParameterCombination(`The parameter ${filter} cannot be used with the parameter ${parameter}`);
/** A source or destination that is not an id or ARN of a resource type the analyzer knows. */
export const unsupportedPathResource = (parameter: string, value: string) =>
  invalidParameterValue(`Value (${value}) for parameter ${parameter} is invalid. Resource type is not supported`);
/** An ARN for another region, partition or account than the caller's. */
export const pathResourceElsewhere = (parameter: string, arn: string) =>
  invalidParameterValue(`Value (${arn}) for parameter ${parameter} is invalid. The resource must be in the same account and region`);
/** An IPv4 address member that is not an address. */
export const invalidPathAddress = (parameter: string, value: string) =>
  invalidParameterValue(`Value (${value}) for parameter ${parameter} is invalid. Expected an IPv4 address`);
/** A port outside 0-65535, or a range whose start is after its end. */
export const invalidPathPort = (parameter: string, value: string) =>
  invalidParameterValue(`Value (${value}) for parameter ${parameter} is invalid. Ports are 0-65535, from <= to`);
