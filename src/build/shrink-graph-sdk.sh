#!/usr/bin/env bash
# Shrinks the Graph SDK (ProGuard with src/build/graph-sdk.pro, then src/build/GraphSdkFrames.java) in the
# background: ./mvnw verify starts it once the test classes are compiled, runs the tests meanwhile, and waits for
# it before packaging (pom.xml, shrink-graph-sdk-start and shrink-graph-sdk). Everything it prints goes to
# shrink.log; its exit status is written last, to shrink.status, which is what the build waits for.
set -uo pipefail
java=$1 dir=$2 proguard_classpath=$3 rules=$4 sdk=$5 classes=$6 libraries=$7 spring_core=$8 frames=$9 out=${10}
(
  set -e
  "$java" -Xmx3g -cp "$proguard_classpath" proguard.ProGuard "@$rules" \
    -injars "$sdk" -outjars "$dir/without-stack-maps.jar" \
    -injars "$classes" -outjars "$dir/roots" \
    -libraryjars "$libraries" -libraryjars "$dir/jdk(!module-info.class,!META-INF/**)"
  # the kept classes from Microsoft's own bytes, stack maps included
  "$java" -cp "$spring_core" "$frames" "$sdk" "$dir/without-stack-maps.jar" "$out" "$libraries"
) > "$dir/shrink.log" 2>&1
echo $? > "$dir/shrink.status.part"
mv "$dir/shrink.status.part" "$dir/shrink.status"
