#!/bin/sh
# Cuts the walkthrough's pictures out of the README screenshots that the UI tests take
# (UPDATE_SCREENSHOTS=1 npm run test:ui writes media/screenshots/). Run it from the repository
# root after such a run; it needs ImageMagick (Debian: apt-get install imagemagick).
# Each picture is a crop of one 1400x900 screenshot, at most 720 pixels wide, in 256 colours.
set -eu
cd "$(dirname "$0")/../.."
cut() { # <screenshot> <crop WxH+X+Y> <walkthrough picture>
  convert "media/screenshots/$1.png" -crop "$2" +repage -resize '720x>' \
    -strip -colors 256 "PNG8:media/walkthrough/$3.png"
}
cut token-prompt 680x320+360+0 set-token
cut explorer-menu 560x580+0+0 right-click
cut tree 720x440+0+0 watch-job
cut preview 1060x660+340+60 preview
