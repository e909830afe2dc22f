# What the acceptance scenario (../shared/acceptance/terraform) leaves out, in one configuration so that the
# provider starts as few times as possible: IPv6 addresses on an ENI, aws_network_interface_sg_attachment, an
# aws_eip bound directly to an ENI, an aws_instance built from network_interface blocks, and a route table whose
# routes target an ENI. scripts/test-terraform.sh applies it, expects `plan -detailed-exitcode` to find nothing
# to change, and destroys it.

terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}

variable "endpoint" {
  description = "vpclite's EC2 endpoint, e.g. http://127.0.0.1:4599."
  type        = string
}

provider "aws" {
  region     = "us-east-1"
  access_key = "test"
  secret_key = "test"

  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_requesting_account_id  = true
  skip_region_validation      = true

  endpoints {
    ec2 = var.endpoint
  }
}

data "aws_ami" "al2" {
  most_recent = true
  owners      = ["amazon"]
  filter {
    name   = "name"
    values = ["amzn2-ami-hvm-*-x86_64-gp2"]
  }
}

# ---------------------------------------------------------------- network (dual stack)

resource "aws_vpc" "main" {
  cidr_block                       = "10.60.0.0/16"
  assign_generated_ipv6_cidr_block = true
  tags                             = { Name = "tf-extras" }
}

resource "aws_subnet" "dual" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.60.1.0/24"
  ipv6_cidr_block   = cidrsubnet(aws_vpc.main.ipv6_cidr_block, 8, 1)
  availability_zone = "us-east-1a"
  tags              = { Name = "tf-extras-dual" }
}

# An Elastic IP needs the VPC to reach the internet (AssociateAddress answers Gateway.NotAttached otherwise).
resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
}

resource "aws_security_group" "app" {
  name        = "tf-extras-app"
  description = "app"
  vpc_id      = aws_vpc.main.id
  ingress {
    from_port        = 443
    to_port          = 443
    protocol         = "tcp"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }
}

resource "aws_security_group" "extra" {
  name        = "tf-extras-extra"
  description = "added to an ENI by aws_network_interface_sg_attachment"
  vpc_id      = aws_vpc.main.id
}

# ---------------------------------------------------------------- interfaces

# IPv6: two addresses picked by the server from the subnet's /64.
resource "aws_network_interface" "v6" {
  subnet_id          = aws_subnet.dual.id
  description        = "dual-stack ENI"
  ipv6_address_count = 2
  security_groups    = [aws_security_group.app.id]
}

# IPv6: an address named in the configuration.
resource "aws_network_interface" "v6_fixed" {
  subnet_id       = aws_subnet.dual.id
  private_ips     = ["10.60.1.20"]
  ipv6_addresses  = [cidrhost(aws_subnet.dual.ipv6_cidr_block, 32)]
  security_groups = [aws_security_group.app.id]
}

# Its groups come only from aws_network_interface_sg_attachment (security_groups is left to the server).
resource "aws_network_interface" "router" {
  subnet_id         = aws_subnet.dual.id
  description       = "router ENI: routes target it"
  private_ips       = ["10.60.1.10"]
  source_dest_check = false
}

resource "aws_network_interface_sg_attachment" "extra_on_router" {
  security_group_id    = aws_security_group.extra.id
  network_interface_id = aws_network_interface.router.id
}

# An Elastic IP bound directly to an ENI (no aws_eip_association).
resource "aws_eip" "router" {
  domain                    = "vpc"
  network_interface         = aws_network_interface.router.id
  associate_with_private_ip = "10.60.1.10"
  depends_on                = [aws_internet_gateway.main]
}

# ---------------------------------------------------------------- instance from network_interface blocks

resource "aws_instance" "router" {
  ami           = data.aws_ami.al2.id
  instance_type = "t3.small"

  network_interface {
    network_interface_id = aws_network_interface.router.id
    device_index         = 0
  }

  network_interface {
    network_interface_id = aws_network_interface.v6.id
    device_index         = 1
  }

  tags = { Name = "tf-extras-router" }
}

# ---------------------------------------------------------------- routes to an ENI

resource "aws_route_table" "via_router" {
  vpc_id = aws_vpc.main.id

  route {
    cidr_block           = "192.168.0.0/16"
    network_interface_id = aws_network_interface.router.id
  }

  route {
    ipv6_cidr_block = "::/0"
    gateway_id      = aws_internet_gateway.main.id
  }

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }

  tags = { Name = "tf-extras-via-router" }
}

resource "aws_route_table_association" "dual" {
  subnet_id      = aws_subnet.dual.id
  route_table_id = aws_route_table.via_router.id
}

# A route of its own resource (in the VPC's main route table: a table with inline routes must not also get
# aws_route resources), to an ENI that is attached to no instance.
resource "aws_route" "to_fixed" {
  route_table_id         = aws_vpc.main.main_route_table_id
  destination_cidr_block = "172.16.0.0/12"
  network_interface_id   = aws_network_interface.v6_fixed.id
}

output "v6_ipv6_addresses" {
  value = aws_network_interface.v6.ipv6_addresses
}

output "router_eip" {
  value = aws_eip.router.public_ip
}
