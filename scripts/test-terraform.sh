#!/usr/bin/env bash
# Terraform against vpclite, as `make test` runs it after the node suites:
#   1. the acceptance scenario (test/terraform/acceptance/run.sh, a copy of shared/acceptance/terraform, plus the
#      internet gateway of test/terraform/acceptance-igw/): it must report "13 passed, 0 failed";
#   2. test/terraform/extras/ (what the scenario leaves out: IPv6 on ENIs, aws_network_interface_sg_attachment,
#      an aws_eip bound directly to an ENI, an aws_instance from network_interface blocks, routes to ENIs):
#      apply; apply -refresh-only; plan -detailed-exitcode must find nothing to change and the refresh in it no
#      drift; destroy; nothing left on the server.
# Each runs against its own `bin/vpclite serve` on a free port with a fresh SQLite directory, as a user starts it.
#
# Needs terraform, the hashicorp/aws provider in a filesystem mirror (TF_PLUGIN_MIRROR, else the usual places),
# the AWS CLI and python3. When one is missing it prints a SKIPPED line saying which and exits 0, unless
# VPCLITE_REQUIRE_TERRAFORM=1 (CI sets it), which makes a missing tool a failure.
#
#   scripts/test-terraform.sh                 # both
#   scripts/test-terraform.sh acceptance      # or: extras
#   VPCLITE_ACCEPTANCE_DIR=../shared/acceptance/terraform scripts/test-terraform.sh acceptance
#   KEEP_WORK=1 keeps every work directory (state, logs, server log)
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WHAT=${1:-all}
TERRAFORM=${TERRAFORM:-terraform}
ACCEPTANCE_DIR=${VPCLITE_ACCEPTANCE_DIR:-$ROOT/test/terraform/acceptance}

say() { echo "test-terraform: $*"; }

skip_or_fail() {
  echo
  echo "########################################################################################"
  echo "## SKIPPED: the Terraform tests did not run: $1"
  echo "########################################################################################"
  echo
  if [[ "${VPCLITE_REQUIRE_TERRAFORM:-0}" == 1 ]]; then
    say "VPCLITE_REQUIRE_TERRAFORM=1: a skipped Terraform run fails the build"
    exit 1
  fi
  exit 0
}

# TF_PLUGIN_MIRROR when set (and then only it), else the usual places.
find_mirror() {
  local dir
  if [[ -n "${TF_PLUGIN_MIRROR:-}" ]]; then
    [[ -d "$TF_PLUGIN_MIRROR/registry.terraform.io/hashicorp/aws" ]] && echo "$TF_PLUGIN_MIRROR"
    return
  fi
  for dir in "$HOME/.terraform.d/plugins" "$HOME/.local/share/terraform/plugins" \
             /usr/local/share/terraform/plugins /usr/share/terraform/plugins /opt/tf-plugins; do
    if [[ -n "$dir" && -d "$dir/registry.terraform.io/hashicorp/aws" ]]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

command -v "$TERRAFORM" >/dev/null 2>&1 || skip_or_fail "'$TERRAFORM' is not on PATH"
command -v aws >/dev/null 2>&1 || skip_or_fail "the AWS CLI ('aws') is not on PATH"
command -v python3 >/dev/null 2>&1 || skip_or_fail "python3 is not on PATH"
MIRROR=$(find_mirror) || skip_or_fail "no hashicorp/aws provider mirror (set TF_PLUGIN_MIRROR to the directory that holds registry.terraform.io/)"
[[ -x "$ACCEPTANCE_DIR/run.sh" ]] || { say "no run.sh in $ACCEPTANCE_DIR"; exit 1; }
say "terraform $("$TERRAFORM" version -json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["terraform_version"])'), provider mirror $MIRROR"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/vpclite-tf.XXXXXX")
SERVER_PID=
stop_server() {
  if [[ -n "$SERVER_PID" ]]; then
    kill "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
    SERVER_PID=
  fi
}
cleanup() {
  stop_server
  if [[ "${KEEP_WORK:-0}" == 1 || "${FAILED:-0}" != 0 ]]; then say "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start_server NAME: a fresh `bin/vpclite serve` on a free port; sets ENDPOINT.
start_server() {
  local log="$WORK/$1-server.log" i
  mkdir -p "$WORK/$1-data"
  "$ROOT/bin/vpclite" serve --host 127.0.0.1 --port 0 --data "$WORK/$1-data" >"$log" 2>&1 &
  SERVER_PID=$!
  for i in $(seq 1 100); do
    ENDPOINT=$(sed -n 's/^vpclite listening on \(http:\/\/[^ ]*\)$/\1/p' "$log" | head -n 1)
    [[ -n "$ENDPOINT" ]] && { say "$1: vpclite at $ENDPOINT (request log $log)"; return 0; }
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  say "$1: vpclite did not start:"; cat "$log"
  return 1
}

FAILED=0

run_acceptance() {
  local dir="$WORK/acceptance" out="$WORK/acceptance.out" t0=$SECONDS verdict
  mkdir -p "$dir"
  cp "$ACCEPTANCE_DIR"/run.sh "$ACCEPTANCE_DIR"/*.tf "$dir"/
  cp "$ROOT"/test/terraform/acceptance-igw/*.tf "$dir"/
  start_server acceptance || return 1
  say "acceptance: $dir/run.sh (steps and their wall time follow)"
  TF_PLUGIN_MIRROR="$MIRROR" ENDPOINT_URL="$ENDPOINT" TMPDIR="$WORK" "$dir/run.sh" 2>&1 | tee "$out"
  stop_server
  verdict=$(tail -n 1 "$out")
  say "acceptance: $verdict in $((SECONDS - t0))s"
  if [[ "$verdict" != "13 passed, 0 failed" ]]; then
    say "acceptance: FAILED: expected '13 passed, 0 failed'"
    return 1
  fi
}

# tf_step NAME ARGS...: one terraform command in the extras directory, timed, its output in a log file.
tf_step() {
  local name=$1 log="$WORK/extras-$1.log" t0=$SECONDS rc=0
  shift
  "$TERRAFORM" -chdir="$WORK/extras" "$@" -no-color -input=false >"$log" 2>&1 || rc=$?
  echo "$rc" >"$WORK/extras-$name.rc"
  say "extras: $name: exit $rc ($((SECONDS - t0))s)"
  return 0
}
tf_rc() { cat "$WORK/extras-$1.rc"; }
show_log() { say "extras: $1 failed; the end of its log ($WORK/extras-$1.log):"; tail -n 60 "$WORK/extras-$1.log" | sed 's/^/    | /'; }

run_extras() {
  local t0=$SECONDS ok=0 left
  mkdir -p "$WORK/extras"
  cp "$ROOT"/test/terraform/extras/*.tf "$WORK/extras"/
  cat >"$WORK/extras/terraform.rc" <<EOF
disable_checkpoint = true
provider_installation {
  filesystem_mirror {
    path    = "$MIRROR"
    include = ["registry.terraform.io/hashicorp/aws"]
  }
}
EOF
  start_server extras || return 1
  (
    export TF_CLI_CONFIG_FILE="$WORK/extras/terraform.rc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1 TF_VAR_endpoint="$ENDPOINT"
    unset TF_CLI_ARGS TF_CLI_ARGS_init TF_CLI_ARGS_plan TF_CLI_ARGS_apply TF_CLI_ARGS_destroy TF_WORKSPACE TF_DATA_DIR
    export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
    export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
    bad=0
    tf_step init init
    [[ $(tf_rc init) == 0 ]] || { show_log init; exit 1; }
    tf_step apply apply -auto-approve
    if [[ $(tf_rc apply) == 0 ]]; then
      # Accept what the apply left stale in the state (an ENI learns of the attachments the instance made), then
      # one plan that refreshes again: it must want no change, and its refresh must find no drift.
      tf_step refresh apply -refresh-only -auto-approve
      [[ $(tf_rc refresh) == 0 ]] || { show_log refresh; bad=1; }
      tf_step plan plan -detailed-exitcode -out="$WORK/extras/plan.tfplan"
      case $(tf_rc plan) in
        0) ;;
        2) say "extras: FAILED: plan after apply wants changes"; show_log plan; bad=1 ;;
        *) show_log plan; bad=1 ;;
      esac
      if [[ $(tf_rc plan) == 0 ]]; then
        drift=$("$TERRAFORM" -chdir="$WORK/extras" show -json "$WORK/extras/plan.tfplan" | python3 -c '
import json, sys
p = json.load(sys.stdin)
print(" ".join(r["address"] for r in p.get("resource_drift") or []))')
        if [[ -n "$drift" ]]; then say "extras: FAILED: two refreshes in a row disagree on: $drift"; show_log plan; bad=1; fi
      fi
    else
      show_log apply; bad=1
    fi
    tf_step destroy destroy -auto-approve
    [[ $(tf_rc destroy) == 0 ]] || { show_log destroy; bad=1; }
    left=$("$TERRAFORM" -chdir="$WORK/extras" state list 2>/dev/null)
    [[ -z "$left" ]] || { say "extras: FAILED: still in the state after destroy: $left"; bad=1; }
    left=$(aws --endpoint-url "$ENDPOINT" ec2 describe-vpcs --filters Name=tag:Name,Values=tf-extras \
             --query 'Vpcs[].VpcId' --output text 2>&1)
    [[ -z "$left" ]] || { say "extras: FAILED: the server still has: $left"; bad=1; }
    exit $bad
  ) || ok=1
  stop_server
  if [[ $ok == 0 ]]; then say "extras: passed in $((SECONDS - t0))s"; else say "extras: FAILED after $((SECONDS - t0))s"; fi
  return $ok
}

T0=$SECONDS
case $WHAT in
  all) run_acceptance || FAILED=1; run_extras || FAILED=1 ;;
  acceptance) run_acceptance || FAILED=1 ;;
  extras) run_extras || FAILED=1 ;;
  *) echo "usage: $0 [all|acceptance|extras]" >&2; exit 2 ;;
esac
if [[ $FAILED == 0 ]]; then say "all passed in $((SECONDS - T0))s"; else say "FAILED after $((SECONDS - T0))s"; fi
exit $FAILED
