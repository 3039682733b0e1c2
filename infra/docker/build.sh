#!/usr/bin/env bash
# Builds the bot's container image from the Dockerfile at the repository root.
#   infra/docker/build.sh [tag]        default tag: safeguarding-bot:local
# Push it to your registry (e.g. `az acr build` builds it in Azure instead, with no local Docker at all) and deploy
# it with containerImage in infra/azure (README, "Deploy to your tenant").
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tag="${1:-safeguarding-bot:local}"
if ! command -v docker >/dev/null 2>&1; then
  echo "Docker is not installed here, so the image was not built. Install Docker, or build in Azure with:" >&2
  echo "  az acr build --registry <registry> --image $tag $root" >&2
  exit 2
fi
if ! docker info >/dev/null 2>&1; then
  echo "Docker is installed but its daemon is not reachable (is it running, and may this user use it?), so the image was not built." >&2
  echo "Or build in Azure with: az acr build --registry <registry> --image $tag $root" >&2
  exit 2
fi
docker build --tag "$tag" "$root"
echo "Built $tag. Try it: docker run --rm -p 8080:8080 -e ASPNETCORE_ENVIRONMENT=Development -e Storage__ConnectionString=... $tag"
