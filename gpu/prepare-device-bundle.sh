#!/usr/bin/env bash
# Prepares what gpu/device-check.sh needs on a GPU machine that has no Java and no network:
#   .device-bundle/jre   a JRE made with jlink from this machine's JDK 17 (the CUDA binding uses
#                        JDK 17's incubating foreign API, so it must be a 17)
#   .device-bundle/lib   the core, zarr and gpu jars, the gpu test classes (DeviceCheck) and the
#                        zarr module's runtime dependencies
# Then, with the device tool: run command "gpu/device-check.sh", carry [".device-bundle"].
# The folder is ignored by git (.gitignore) and must stay under the 64 MiB the device tool carries.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
jdk="${JAVA17_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
bundle="$root/.device-bundle"
rm -rf "$bundle"
mkdir -p "$bundle/lib"
# One reactor run: the jars, and each module's runtime dependencies (zarr's: jackson, lz4, zstd-jni).
./mvnw -o -q -B -pl gpu -am package dependency:copy-dependencies -DskipTests -DincludeScope=runtime \
  -DexcludeGroupIds=org.rasteragg -DoutputDirectory="$bundle/lib"
cp core/target/rasteragg-core-*[0-9T].jar zarr/target/rasteragg-zarr-*[0-9T].jar gpu/target/rasteragg-gpu-*[0-9T].jar "$bundle/lib/"
"$jdk/bin/jar" cf "$bundle/lib/rasteragg-gpu-check.jar" -C gpu/target/test-classes .
# zstd-jni carries natives for every platform; the device is linux-amd64.
for z in "$bundle"/lib/zstd-jni-*.jar; do
  zip -q -d "$z" 'darwin/*' 'win/*' 'freebsd/*' 'aix/*' 'linux/arm*' 'linux/aarch64/*' 'linux/ppc64*' 'linux/mips64/*' \
    'linux/loongarch64/*' 'linux/riscv64/*' 'linux/s390x/*' 'linux/i386/*' 2>/dev/null || true
done
# jdeps also names java.desktop and java.sql, which jackson only touches when present (java.beans
# annotations, java.sql types); leaving them out keeps the JRE near 36 MB.
modules=$("$jdk/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps "$bundle"/lib/*.jar \
  | tr ',' '\n' | grep -v -e '^java.desktop$' -e '^java.sql$' | paste -sd, -)
modules=$(echo "$modules,java.logging,jdk.incubator.vector,jdk.incubator.foreign" | tr , "\n" | sort -u | paste -sd, -)
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 \
  --output "$bundle/jre"
echo "modules: $modules"
du -sh "$bundle/jre" "$bundle/lib" "$bundle"
