# The association must wait for the internet gateway (and be undone before it goes). depends_on cannot be set
# in an override file, so the dependency comes from an expression that names the gateway and always yields the
# app ENI's id: the association's arguments, and so every plan, stay what main.tf says.
resource "aws_eip_association" "app" {
  network_interface_id = aws_internet_gateway.main.id == "" ? null : aws_network_interface.app.id
}
