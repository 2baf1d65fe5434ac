#!/usr/bin/env bash
# Regenerates the screenshots in docs/screenshots/ from the real pages: the browser tests drive Debian's
# headless Chromium against a real gateway (demo centre, fresh database) in a busy mid-morning hall and
# save what they see there as well as under gateway/target/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-tools.sh
mkdir -p docs/screenshots
exec mvn -B -q -pl gateway -am verify \
  -Dtest='PagesLayoutTest,AdminLayoutTest,AdminReportsPageTest,BookingPageTest,KioskBookingCheckInPageTest' -Dsurefire.failIfNoSpecifiedTests=false \
  -Donedesk.screenshots.dir="$PWD/docs/screenshots" "$@"
