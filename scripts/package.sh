#!/usr/bin/env bash
# Builds the Debian package: dist/vigil_<version>_<arch>.deb, with Debian's own tools
# (dpkg-shlibdeps computes Depends, dpkg-deb builds). The binary links the Swift runtime
# statically, is stripped and has no RPATH/RUNPATH, so it runs on a machine that has
# never seen the Swift toolchain and loads libraries only from the system's paths.
#
# Usage: scripts/package.sh            (version from Sources/VigilEvents/Version.swift)
#        VIGIL_DEB_VERSION=0.2.0+1 scripts/package.sh   (another package version of the same build)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh dpkg-dev binutils gzip
version=${VIGIL_DEB_VERSION:-$(sed -n 's/.*current = "\(.*\)".*/\1/p' Sources/VigilEvents/Version.swift)}
[ -n "$version" ] || { echo "package.sh: no version found" >&2; exit 2; }
arch=$(dpkg --print-architecture)
quiet() { grep -Ev '^\[[0-9]+/[0-9]+\]|^Building|^Build|^Compiling|^Write|^\[0/|^Fetching|^Cloning|^Computing|^Computed|^Creating|^Working copy' >&2 || true; }

# 1. The binary: release, Swift runtime inside, no $ORIGIN rpath. Its own build folder,
#    so the debug build the tests use is left alone.
swift build -c release --static-swift-stdlib --disable-local-rpath --scratch-path .build-pkg --product vigil 2>&1 | quiet
built=.build-pkg/release/vigil
[ -x "$built" ] || { echo "package.sh: the release build failed" >&2; exit 2; }

# 2. Man pages from the argument parser (vigil(8) and one per subcommand), built from
#    the debug build the tests share.
swift package plugin generate-manual --multi-page --section 8 --configuration debug \
    --authors "Vigil developers" 2>&1 | quiet
manuals=.build/plugins/GenerateManual/outputs/vigil
[ -f "$manuals/vigil.8" ] || { echo "package.sh: man pages were not generated" >&2; exit 2; }

stage=$(mktemp -d /tmp/vigil-pkg.XXXXXX)
trap 'rm -rf "$stage"' EXIT
root="$stage/root"
mkdir -p "$root/DEBIAN"
install -D -m 0755 "$built" "$root/usr/bin/vigil"
strip --strip-all "$root/usr/bin/vigil"
if readelf -d "$root/usr/bin/vigil" | grep -Eq 'RPATH|RUNPATH'; then
    echo "package.sh: the binary has an RPATH/RUNPATH:" >&2
    readelf -d "$root/usr/bin/vigil" | grep -E 'RPATH|RUNPATH' >&2
    exit 2
fi
vigil="$root/usr/bin/vigil"

# 3. Rules: the bundled ones (vendor, replaced on upgrade) and the admin's folder.
mkdir -p "$root/usr/share/vigil/signatures" "$root/etc/vigil/signatures"
for f in Signatures/*; do
    case "$f" in *.yar|*.yara|*.hdb|*.hsb|*.sha256) install -m 0644 "$f" "$root/usr/share/vigil/signatures/" ;; esac
done
install -m 0644 packaging/etc/local.yar "$root/etc/vigil/signatures/local.yar"
# Index template and lifecycle policies for shipping events to Elasticsearch/OpenSearch.
install -d "$root/usr/share/vigil/search"
install -m 0644 packaging/search/*.json packaging/search/README.md "$root/usr/share/vigil/search/"
# Trusted keys for `vigil rules update` go here (none shipped: the admin chooses a publisher).
install -d -m 0755 "$root/etc/vigil/keys"

# 4. The config, rendered by the binary from its own defaults (audit mode, protection on).
"$vigil" config default --signatures /usr/share/vigil/signatures --signatures /etc/vigil/signatures > "$root/etc/vigil/vigil.toml"
chmod 0644 "$root/etc/vigil/vigil.toml"
"$vigil" config check --config "$root/etc/vigil/vigil.toml" >/dev/null

# 5. Units: the packaged binary's path, and the folders its self-protection restores.
mkdir -p "$root/lib/systemd/system"
for u in vigil.service vigil-scan.service vigil-scan.timer vigil-scan-failed@.service vigil-rules-update.service vigil-rules-update.timer vigil-quarantine-prune.service vigil-quarantine-prune.timer \
         vigil-canary.service vigil-alarm@.service; do
    sed -e 's|/usr/local/bin/vigil|/usr/bin/vigil|g' \
        -e 's|^ReadWritePaths=/var/lib/vigil /var/log/vigil /run/vigil .*|ReadWritePaths=/var/lib/vigil /var/log/vigil /run/vigil /etc/vigil /usr/bin/vigil /usr/share/vigil /lib/systemd/system|' \
        "Systemd/$u" > "$root/lib/systemd/system/$u"
    chmod 0644 "$root/lib/systemd/system/$u"
done

# 6. Man pages and completions.
man8="$root/usr/share/man/man8"
mkdir -p "$man8" "$root/usr/share/man/man5"
for m in "$manuals"/*.8; do
    case "$(basename "$m")" in vigil.help.8) continue ;; esac
    gzip -9n < "$m" > "$man8/$(basename "$m").gz"
done
sed "s/@VERSION@/$version/" packaging/man/vigil.toml.5 | gzip -9n > "$root/usr/share/man/man5/vigil.toml.5.gz"
install -d "$root/usr/share/bash-completion/completions" "$root/usr/share/zsh/vendor-completions" "$root/usr/share/fish/vendor_completions.d"
"$vigil" --generate-completion-script bash > "$root/usr/share/bash-completion/completions/vigil"
"$vigil" --generate-completion-script zsh > "$root/usr/share/zsh/vendor-completions/_vigil"
"$vigil" --generate-completion-script fish > "$root/usr/share/fish/vendor_completions.d/vigil.fish"
install -D -m 0644 packaging/debian/copyright "$root/usr/share/doc/vigil/copyright"
install -m 0644 README.md "$root/usr/share/doc/vigil/README.md"
gzip -9n "$root/usr/share/doc/vigil/README.md"
printf 'vigil (%s) stable; urgency=medium\n\n  * Release %s.\n\n -- Vigil developers <maintainers@users.noreply.r-seed-7760b945.example>  %s\n' \
    "$version" "$version" "$(date -R -d @"${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}")" \
    | gzip -9n > "$root/usr/share/doc/vigil/changelog.Debian.gz"

# 7. Control: Depends from the binary's NEEDED libraries (dpkg-shlibdeps), conffiles
#    = everything under /etc, the maintainer scripts.
mkdir -p "$stage/debian"
printf 'Source: vigil\n\nPackage: vigil\nArchitecture: any\n' > "$stage/debian/control"
depends=$(cd "$stage" && dpkg-shlibdeps -O -e root/usr/bin/vigil 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "package.sh: dpkg-shlibdeps found no dependencies" >&2; exit 2; }
# libcurl is loaded on first use (dlopen, CCurl), so shlibdeps cannot see it: the
# exporter, the webhook and rules updates need it (CURLOPT_PROTOCOLS_STR: 7.85).
depends="$depends, libcurl4 (>= 7.85.0)"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" -e "s/@DEPENDS@/$depends/" \
    packaging/debian/control.in > "$root/DEBIAN/control"
(cd "$root" && find etc -type f | sort | sed 's|^|/|') > "$root/DEBIAN/conffiles"
for s in preinst postinst prerm postrm; do install -m 0755 "packaging/debian/$s" "$root/DEBIAN/$s"; done
(cd "$root" && find . -type f ! -path './DEBIAN/*' -printf '%P\0' | sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"

mkdir -p dist
out="dist/vigil_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$out" >/dev/null
echo "$out"
