#!/usr/bin/env bash
# Check every report collected in a folder, one JSON result per report, and list who fails.
# Usage: check-folder.sh FOLDER [OUTDIR]
set -u
folder="${1:?usage: check-folder.sh FOLDER [OUTDIR]}"
out="${2:-reportlint-results}"
mkdir -p "$out"
failed=0
while IFS= read -r -d '' report; do
  name="$(basename "$report")"
  reportlint check --format json --output "$out/$name.json" "$report" >/dev/null
  status=$?
  case $status in
    0) echo "OK     $report" ;;
    1) echo "FAIL   $report"; failed=1 ;;
    *) echo "ERROR  $report"; failed=2 ;;
  esac
done < <(find "$folder" -type f \( -name '*.docx' -o -name '*.html' -o -name '*.htm' -o -name '*.pdf' -o -name '*.txt' \) -print0 | sort -z)
exit $failed
