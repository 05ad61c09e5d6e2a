#!/usr/bin/env bash
# Downloads the small Vosk speech models the hub uses into ./models (or $1), checks their SHA-256,
# unzips them and prints the environment variables to start the hub with.
#
#   scripts/download-vosk-models.sh [target-dir]
#
# Needs curl (or wget), unzip and sha256sum, and internet access to alphacephei.com.
#
# Checksums: alphacephei.com publishes no checksums for its models. The pinned values below are
# the SHA-256 of the archives as several independent projects that download them record them
# (41,205,931 and 43,898,754 bytes); they were NOT computed by us, since this project's build
# machine has no internet access. A file models/SHA256SUMS (sha256sum format: "<sum>  <file.zip>")
# overrides them, so you can pin your own values. A mismatch stops the script.
set -euo pipefail

BASE_URL="https://alphacephei.com/vosk/models"
target="${1:-models}"
mkdir -p "$target"
cd "$target"

declare -A PINNED=(
  [vosk-model-small-en-us-0.15.zip]=30f26242c4eb449f948e42cb302dd7a686cb29a3423a8367f99ff41780942498
  [vosk-model-small-cn-0.22.zip]=3af8b0e7e0f835ae9d414ce5df580237a3cfb08d586c9fbbb0f7ff29ad5b14ba
)

for tool in unzip sha256sum; do
  command -v "$tool" >/dev/null || { echo "error: $tool is needed (e.g. apt-get install $tool)" >&2; exit 1; }
done

fetch() {
  if command -v curl >/dev/null; then curl -fL --retry 2 -o "$2.part" "$1"
  elif command -v wget >/dev/null; then wget -O "$2.part" "$1"
  else echo "error: curl or wget is needed" >&2; exit 1; fi
  mv "$2.part" "$2"
}

expected_sum() {
  local zip="$1" pinned=""
  if [ -f SHA256SUMS ]; then
    pinned=$(awk -v f="$zip" '$2 == f || $2 == "*"f { print $1 }' SHA256SUMS)
  fi
  echo "${pinned:-${PINNED[$zip]}}"
}

for model in vosk-model-small-en-us-0.15 vosk-model-small-cn-0.22; do
  zip="$model.zip"
  if [ -d "$model" ] && [ -d "$model/am" ]; then
    echo "$model: already unzipped in $(pwd)/$model"
    continue
  fi
  [ -f "$zip" ] || { echo "downloading $BASE_URL/$zip"; fetch "$BASE_URL/$zip" "$zip"; }
  actual=$(sha256sum "$zip" | cut -d' ' -f1)
  expected=$(expected_sum "$zip")
  echo "$zip: sha256 $actual"
  if [ "$actual" != "$expected" ]; then
    echo "error: $zip has sha256 $actual but $expected was expected; deleted. If upstream really changed" >&2
    echo "the file, check it and pin the new sum in $(pwd)/SHA256SUMS." >&2
    rm -f "$zip"
    exit 1
  fi
  unzip -q -o "$zip"
  rm -f "$zip"
done

echo
echo "Models are ready. Start the hub with:"
echo "  export HUB_VOSK_MODEL_EN=$(pwd)/vosk-model-small-en-us-0.15"
echo "  export HUB_VOSK_MODEL_ZH=$(pwd)/vosk-model-small-cn-0.22"
echo "Recordings that waited for a model are transcribed at the next start (or POST /api/admin/transcriptions/run)."
