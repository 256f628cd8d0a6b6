#!/usr/bin/env bash
# Makes the local base images the demo and the tests build FROM, without any image registry:
# each one is a minimal root filesystem assembled from this machine's binaries and `docker import`ed.
#
#   scripts/make-base-images.sh [--force] [node|bun|jre]...
#
#   staging-base/node:20   the host's `node` binary (/usr/local/bin/node) and the shared libraries it needs
#   staging-base/bun:1     the shared libraries a `bun build --compile` executable needs (glibc), no bun
#   staging-base/jre:17    a Java runtime from the host's JDK (jlink'ed to the modules the demo's jvm
#                          mode uses, or the whole JDK copied where it has no jmods) in /opt/java
#
# With no names it makes all three, jre only where a JDK is found (else it says so and skips it).
# All of them hold busybox (static) as /bin/sh and its applets so that Dockerfile `RUN` lines work,
# /tmp, minimal /etc/passwd and /etc/group, and the CA bundle. Images that already exist are
# skipped unless --force. See docs/docker.md.
#
# Environment:
#   STAGING_BASE_NODE_TAG   default staging-base/node:20
#   STAGING_BASE_BUN_TAG    default staging-base/bun:1
#   STAGING_BASE_JRE_TAG    default staging-base/jre:17
#   STAGING_BASE_NODE_BIN   node binary to copy (default: `command -v node`)
#   STAGING_BASE_BUN_BIN    bun binary used to compile the probe executable
#                           (default: node_modules/.bin/bun of this repository, else `command -v bun`)
#   STAGING_BASE_JAVA_HOME  the JDK to take the runtime from (default: JAVA_HOME, else the one `javac` is in)
#   DOCKER                  docker client to use (default: docker)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
node_tag="${STAGING_BASE_NODE_TAG:-staging-base/node:20}"
bun_tag="${STAGING_BASE_BUN_TAG:-staging-base/bun:1}"
jre_tag="${STAGING_BASE_JRE_TAG:-staging-base/jre:17}"
docker_cmd="${DOCKER:-docker}"

say() { printf 'make-base-images: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

force=0
wanted=()
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    node | bun | jre) wanted+=("$arg") ;;
    -h | --help) sed -n '2,25p' "$0"; exit 0 ;;
    *) die "unknown argument: $arg (expected --force, node, bun, jre)" ;;
  esac
done
defaults=0
if [ "${#wanted[@]}" -eq 0 ]; then
  wanted=(node bun jre)
  defaults=1
fi

"$docker_cmd" info >/dev/null 2>&1 || die "docker daemon does not answer (start it: scripts/ci/start-dockerd.sh)"

work="$(mktemp -d /tmp/staging-base-images.XXXXXX)"
trap 'rm -rf "$work"' EXIT

image_exists() { "$docker_cmd" image inspect "$1" >/dev/null 2>&1; }

# Copies a file (dereferenced) into the rootfs at the same absolute path.
copy_abs() {
  local src="$1" root="$2"
  mkdir -p "$root$(dirname "$src")"
  cp -L "$src" "$root$src"
}

# Copies every shared library `ldd` lists for a binary, including the dynamic loader.
copy_libs() {
  local bin="$1" root="$2" lib
  # A static binary makes ldd print "not a dynamic executable" and exit 1: no libraries to copy.
  ldd "$bin" >/dev/null 2>&1 || return 0
  while read -r lib; do
    [ -n "$lib" ] && copy_abs "$lib" "$root"
  done < <(ldd "$bin" | awk '/=> \// { print $3; next } /^[[:space:]]*\// { print $1 }')
}

find_busybox() {
  if command -v busybox >/dev/null 2>&1; then
    command -v busybox
    return 0
  fi
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing busybox-static (the images' /bin/sh)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends busybox-static >/dev/null 2>&1 || true
    command -v busybox >/dev/null 2>&1 && command -v busybox && return 0
  fi
  return 1
}

# The parts every image shares: /tmp, /etc files, busybox as /bin/sh.
base_rootfs() {
  local root="$1" busybox applet
  mkdir -p "$root"/{bin,etc,tmp,root,usr/local/bin,proc,sys,dev}
  chmod 1777 "$root/tmp"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
  if [ -f /etc/ssl/certs/ca-certificates.crt ]; then copy_abs /etc/ssl/certs/ca-certificates.crt "$root"; fi
  if busybox="$(find_busybox)"; then
    cp -L "$busybox" "$root/bin/busybox"
    copy_libs "$busybox" "$root"
    while read -r applet; do
      [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
    done < <("$busybox" --list)
  else
    say "warning: no busybox found; the images have no /bin/sh, so Dockerfile RUN lines will fail"
  fi
}

# Tars a rootfs and imports it under a tag, with the given Dockerfile-style changes.
import_rootfs() {
  local root="$1" tag="$2"
  shift 2
  local changes=() change
  for change in "$@"; do changes+=(--change "$change"); done
  local old_id
  old_id="$("$docker_cmd" image inspect --format '{{.Id}}' "$tag" 2>/dev/null || true)"
  tar --numeric-owner --owner=0 --group=0 -C "$root" -cf "$work/rootfs.tar" .
  "$docker_cmd" import "${changes[@]}" "$work/rootfs.tar" "$tag" >/dev/null
  rm -f "$work/rootfs.tar"
  # The image it replaced is now untagged; drop it unless images built on it still need it.
  if [ -n "$old_id" ]; then "$docker_cmd" image rm "$old_id" >/dev/null 2>&1 || true; fi
  say "made $tag ($("$docker_cmd" image inspect --format '{{.Id}}' "$tag"), $(du -sh "$root" | cut -f1))"
}

make_node() {
  local node_bin root version
  node_bin="${STAGING_BASE_NODE_BIN:-$(command -v node || true)}"
  if [ -z "$node_bin" ] || [ ! -x "$node_bin" ]; then die "no node binary found (set STAGING_BASE_NODE_BIN)"; fi
  version="$("$node_bin" --version)"
  case "$version" in v20.*) ;; *) say "warning: $node_bin is $version, tagged as $node_tag anyway" ;; esac
  root="$work/node"
  base_rootfs "$root"
  cp -L "$node_bin" "$root/usr/local/bin/node"
  copy_libs "$node_bin" "$root"
  import_rootfs "$root" "$node_tag" \
    "ENV PATH=/usr/local/bin:/usr/bin:/bin" \
    "ENV NODE_VERSION=${version#v}" \
    "LABEL org.staging.base=node org.staging.node-version=${version#v}" \
    'CMD ["node"]'
}

make_bun() {
  local bun_bin root probe
  bun_bin="${STAGING_BASE_BUN_BIN:-}"
  if [ -z "$bun_bin" ]; then
    if [ -x "$repo_root/node_modules/.bin/bun" ]; then bun_bin="$repo_root/node_modules/.bin/bun"; else bun_bin="$(command -v bun || true)"; fi
  fi
  if [ -z "$bun_bin" ] || [ ! -x "$bun_bin" ]; then die "no bun binary found (npm ci, or set STAGING_BASE_BUN_BIN)"; fi
  # The libraries come from a compiled probe, not from bun itself: that is what runs in the image.
  printf 'console.log("ok");\n' >"$work/probe.ts"
  probe="$work/probe"
  "$bun_bin" build --compile "$work/probe.ts" --outfile "$probe" >/dev/null
  root="$work/bun"
  base_rootfs "$root"
  copy_libs "$probe" "$root"
  import_rootfs "$root" "$bun_tag" \
    "ENV PATH=/usr/local/bin:/usr/bin:/bin" \
    "LABEL org.staging.base=bun org.staging.bun-version=$("$bun_bin" --version)"
}

# The JDK whose runtime goes into staging-base/jre: STAGING_BASE_JAVA_HOME, JAVA_HOME, or javac's.
find_java_home() {
  local home="${STAGING_BASE_JAVA_HOME:-${JAVA_HOME:-}}" javac_bin
  if [ -z "$home" ] && javac_bin="$(command -v javac)"; then
    home="$(dirname "$(dirname "$(readlink -f "$javac_bin")")")"
  fi
  [ -n "$home" ] && [ -x "$home/bin/java" ] && printf '%s\n' "$home"
}

# Copies the shared libraries of every ELF file under a Java runtime, except the runtime's own.
copy_runtime_libs() {
  local runtime="$1" root="$2" file lib
  while read -r file; do
    ldd "$file" >/dev/null 2>&1 || continue
    while read -r lib; do
      case "$lib" in "$runtime"/*) continue ;; esac
      if [ -n "$lib" ] && [ ! -e "$root$lib" ]; then copy_abs "$lib" "$root"; fi
    done < <(ldd "$file" | awk '/=> \// { print $3; next } /^[[:space:]]*\// { print $1 }')
  done < <(find "$runtime" -type f \( -name '*.so' -o -path '*/bin/*' \))
}

make_jre() {
  local home root version modules="java.base,java.management,jdk.management,jdk.httpserver"
  home="$(find_java_home)" || die "no JDK found (set STAGING_BASE_JAVA_HOME or JAVA_HOME, or put javac on PATH)"
  version="$("$home/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.version = / { print $2; exit }')"
  case "$version" in 17 | 17.*) ;; *) say "warning: $home is Java $version, tagged as $jre_tag anyway" ;; esac
  root="$work/jre"
  base_rootfs "$root"
  mkdir -p "$root/opt"
  if [ -x "$home/bin/jlink" ] && [ -d "$home/jmods" ]; then
    # Only what the demo's jvm mode loads: the HTTP server, the management beans (GC notifications).
    "$home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
      --output "$root/opt/java"
  else
    say "no jmods in $home: copying the whole runtime"
    cp -rL "$home" "$root/opt/java"
    rm -rf "$root/opt/java/lib/src.zip" "$root/opt/java/jmods" "$root/opt/java/man" "$root/opt/java/include"
  fi
  copy_runtime_libs "$root/opt/java" "$root"
  # The class data sharing archive the host's JDK has and jlink does not make: a faster start.
  "$root/opt/java/bin/java" -Xshare:dump >/dev/null 2>&1 || say "warning: no CDS archive (java -Xshare:dump failed)"
  import_rootfs "$root" "$jre_tag" \
    "ENV JAVA_HOME=/opt/java" \
    "ENV PATH=/opt/java/bin:/usr/local/bin:/usr/bin:/bin" \
    "LABEL org.staging.base=jre org.staging.java-version=$version" \
    'CMD ["java", "-version"]'
}

for name in "${wanted[@]}"; do
  case "$name" in
    node) tag="$node_tag" ;;
    bun) tag="$bun_tag" ;;
    jre) tag="$jre_tag" ;;
  esac
  if [ "$name" = jre ] && [ "$defaults" -eq 1 ] && ! find_java_home >/dev/null; then
    say "no JDK found: skipping $jre_tag (make it later with: $0 jre)"
    continue
  fi
  if [ "$force" -eq 0 ] && image_exists "$tag"; then
    say "$tag exists; skipping (--force to remake)"
    continue
  fi
  "make_$name"
done
