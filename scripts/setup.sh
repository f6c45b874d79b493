#!/usr/bin/env bash
# Install what newsdex needs (Debian 12 packages, only those missing) and build
# it in Release mode into ./build.  Safe to run again: it only does what is left.
#   scripts/setup.sh            install + build
#   BUILD_DIR=/tmp/b scripts/setup.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD_DIR=${BUILD_DIR:-build}

PACKAGES="cmake g++ make pkg-config python3 libxapian-dev xapian-tools libicu-dev
          libboost-program-options-dev doctest-dev nlohmann-json3-dev zlib1g-dev libgumbo-dev libmimalloc-dev
          clang-14 libclang-rt-14-dev llvm-14 help2man"  # clang: sanitizer and fuzz builds (test.sh, fuzz.sh); help2man: man pages

missing=$(for p in $PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done | xargs)
if [ -n "$missing" ]; then
    echo "== installing Debian packages: $missing" >&2
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "setup.sh: need root or sudo to install: $missing" >&2; exit 1; }
        SUDO=sudo
    fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >&2
fi

echo "== building newsdex (Release) in $BUILD_DIR" >&2
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DNEWSDEX_WERROR="${NEWSDEX_WERROR:-OFF}" >/dev/null
cmake --build "$BUILD_DIR" -j"$(nproc)"
