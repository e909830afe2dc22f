# Added to the acceptance scenario by scripts/test-terraform.sh (the scenario's own files are not changed).
#
# main.tf associates an Elastic IP with the app ENI but gives its VPC no internet gateway. AWS refuses that:
# AssociateAddress answers Gateway.NotAttached "Network vpc-... is not attached to any internet gateway"
# (shared/spec/addressing.md §5.2, C; hashicorp/terraform-provider-aws pull request 2181 shows AWS's answer).
# The scenario was recorded against moto, which does not check. vpclite answers as AWS does, so the scenario
# gets the internet gateway a real deployment needs; internet_gateway_override.tf orders the association after it.
resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
  tags   = merge(local.tags, { Name = "${var.scenario_id}-igw" })
}
